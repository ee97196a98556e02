package dev.passkeys.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a private PostgreSQL cluster and Redis server before the application, and points the application at
 * them; tests reach them through {@link #postgres()} and {@link #redis()} to crash and restore them.
 */
public class PrivateBackends implements QuarkusTestResourceLifecycleManager {

    private static PrivatePostgres postgres;
    private static PrivateRedis redis;

    public static PrivatePostgres postgres() {
        return postgres;
    }

    public static PrivateRedis redis() {
        return redis;
    }

    @Override
    public Map<String, String> start() {
        postgres = PrivatePostgres.start();
        redis = PrivateRedis.start();
        Map<String, String> config = new HashMap<>();
        for (String profile : new String[] { "", "%test." }) {
            config.put(profile + "quarkus.datasource.reactive.url", postgres.url());
            config.put(profile + "quarkus.redis.hosts", redis.url());
        }
        return config;
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.kill();
        }
        if (postgres != null) {
            postgres.destroy();
        }
    }
}
