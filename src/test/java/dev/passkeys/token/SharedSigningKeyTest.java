package dev.passkeys.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.Tables;
import dev.passkeys.testing.TestConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Dev and test replicas without a key file generate a candidate key each and keep whichever reached PostgreSQL
 * first, so that a token one replica signs verifies on every other: here each replica is a key ring built over the
 * service's real secret store.
 */
@QuarkusTest
class SharedSigningKeyTest {

    @Inject
    ServerSecrets secrets;

    @Inject
    SigningKeys running;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReplicaStartingLaterSignsWithTheKeyTheServiceStored() {
        SigningKeys replica = new SigningKeys(TestConfig.defaults().withGeneratedSigningKey(), secrets);

        assertEquals(running.active().kid(), replica.active().kid());
        assertEquals(running.published().get(0).jwk(), replica.published().get(0).jwk());
    }

    @Test
    void twoReplicasStartingTogetherAgreeOnOneKey() throws Exception {
        // The service signs with ES256, so no EdDSA key is stored unless an earlier run left one: start from none.
        new Tables(dataSource).update("DELETE FROM server_secrets WHERE name = ?",
                SigningKeys.sharedKeyName(JwtAlgorithm.EdDSA));
        TestConfig config = TestConfig.defaults().withAlgorithm("EdDSA").withGeneratedSigningKey();

        List<SigningKeys> replicas = startTogether(config, 2);

        SigningKey first = replicas.get(0).active();
        SigningKey second = replicas.get(1).active();
        assertEquals("EdDSA", first.algorithm());
        assertEquals(first.kid(), second.kid(), "both sign with the stored key, not their own candidates");
        assertEquals(first.publicJwk(), second.publicJwk());
        assertEquals(first.privateKey(), second.privateKey());
        assertNotEquals(running.active().kid(), first.kid(), "an algorithm's key is its own");
    }

    private List<SigningKeys> startTogether(TestConfig config, int count) throws Exception {
        CyclicBarrier start = new CyclicBarrier(count);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<SigningKeys>> replicas = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                replicas.add(pool.submit(() -> {
                    start.await();
                    return new SigningKeys(config, secrets);
                }));
            }
            List<SigningKeys> started = new ArrayList<>();
            for (Future<SigningKeys> replica : replicas) {
                started.add(replica.get());
            }
            return started;
        } finally {
            pool.shutdownNow();
        }
    }
}
