package dev.passkeys.challenge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.passkeys.api.Problem;
import dev.passkeys.batching.NaturalBatcher;
import dev.passkeys.config.PasskeyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The one-key commands on challenges. Those that arrive together go to Redis as one pipeline: one write and, most
 * often, one read for the lot, where each command alone would take a write and a read on both sides (the socket
 * calls cost the service and Redis more than the commands do). A Redis Cluster spreads the keys over its masters
 * while a pipeline goes down one connection, so there each command goes alone.
 */
@ApplicationScoped
class ChallengeCommands {

    /** The most commands one pipeline carries. */
    private static final int MAX_PIPELINE = 64;

    private final Redis redis;
    /** Null on a Redis Cluster. */
    private final NaturalBatcher<KeyedRequest, String, Response> pipeline;

    ChallengeCommands(ReactiveRedisDataSource dataSource, PasskeyConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.redis = dataSource.getRedis();
        this.pipeline = "cluster".equalsIgnoreCase(clientType) ? null
                : new NaturalBatcher<>("challenge", KeyedRequest::key, this::send, MAX_PIPELINE,
                        config.dependencyTimeout(), Problem::dependencyUnavailable, registry);
    }

    /** SET key value PX ttl NX. */
    Uni<Void> setIfAbsent(String key, String value, long ttlMillis) {
        return run(key, Request.cmd(Command.SET).arg(key).arg(value).arg("PX").arg(ttlMillis).arg("NX"))
                .replaceWithVoid();
    }

    /** GETDEL key: the value, or null when there was none. */
    Uni<String> getAndDelete(String key) {
        return run(key, Request.cmd(Command.GETDEL).arg(key)).map(value -> value == null ? null : value.toString());
    }

    /** DEL key. */
    Uni<Void> delete(String key) {
        return run(key, Request.cmd(Command.DEL).arg(key)).replaceWithVoid();
    }

    private Uni<Response> run(String key, Request request) {
        return pipeline == null ? redis.send(request) : pipeline.submit(new KeyedRequest(key, request));
    }

    private Uni<Map<String, Response>> send(List<KeyedRequest> requests) {
        return redis.batch(requests.stream().map(KeyedRequest::request).toList()).map(responses -> {
            Map<String, Response> byKey = new HashMap<>();
            for (int i = 0; i < requests.size(); i++) {
                byKey.put(requests.get(i).key(), responses.get(i));
            }
            return byKey;
        });
    }

    /** A command and the one key it touches. */
    private record KeyedRequest(String key, Request request) {
    }
}
