package dev.passkeys.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.TogetherOnOneEventLoop;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Challenge commands that arrive together go to the real Redis as one pipeline, each with its own answer, and
 * commands on one challenge keep their order: a take sent with the put of its challenge finds what the put stored.
 */
@QuarkusTest
class PipelinedChallengesTest {

    @Inject
    ChallengeStore challenges;
    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry registry;
    @Inject
    Vertx vertx;

    @Test
    void commandsArrivingTogetherShareOnePipelineAndKeepTheirOrderPerChallenge() throws Exception {
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            issued.add(randomChallenge());
        }
        String neverIssued = randomChallenge();
        challenges.put(Ceremony.AUTHENTICATION, issued.get(0), pending("warm-up")).await().indefinitely();
        DistributionSummary sizes = registry.find("passkey.db.batch.size").tag("statement", "challenge").summary();
        long pipelinesBefore = sizes.count();
        double commandsBefore = sizes.totalAmount();

        // The puts go together, with the take of an unknown challenge; the take of the first challenge waits for the
        // next pipeline, behind its put.
        List<Uni<Optional<PendingCeremony>>> calls = new ArrayList<>();
        for (String challenge : issued) {
            calls.add(challenges.put(Ceremony.REGISTRATION, challenge, pending(challenge)).replaceWith(Optional.empty()));
        }
        calls.add(challenges.take(Ceremony.REGISTRATION, issued.get(0)));
        calls.add(challenges.take(Ceremony.REGISTRATION, neverIssued));
        List<Optional<PendingCeremony>> answers = TogetherOnOneEventLoop.answers(vertx, calls, call -> call);

        assertEquals(Optional.of(pending(issued.get(0))), answers.get(5), "the take sees the put sent before it");
        assertEquals(Optional.empty(), answers.get(6), "an unknown challenge is answered as such");
        assertEquals(2, sizes.count() - pipelinesBefore, "six commands in one pipeline, then the take of a challenge put in it");
        assertEquals(7, sizes.totalAmount() - commandsBefore, 0.0);
        for (String challenge : issued.subList(1, issued.size())) {
            String key = ChallengeStore.KEY_PREFIX + "reg:" + challenge;
            long ttl = redis.key().pttl(key);
            assertTrue(ttl > 0, key + " is stored with its TTL, got " + ttl);
            assertEquals(Optional.of(pending(challenge)), challenges.take(Ceremony.REGISTRATION, challenge)
                    .await().indefinitely());
        }
        assertEquals(Optional.empty(), challenges.take(Ceremony.REGISTRATION, issued.get(0)).await().indefinitely(),
                "taken once");
    }

    private static PendingCeremony pending(String name) {
        return new PendingCeremony(null, null, new PendingCeremony.SignUp(name, name, "handle"));
    }

    private static String randomChallenge() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
