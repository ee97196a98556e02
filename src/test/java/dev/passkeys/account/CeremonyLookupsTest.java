package dev.passkeys.account;

import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.TogetherOnOneEventLoop;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/** The ceremonies' lookups, asked together as concurrent requests ask them: each gets its own answer. */
@QuarkusTest
class CeremonyLookupsTest {

    @Inject
    CeremonyLookups lookups;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;

    @Test
    void usernamesAskedTogetherAreLookedUpInOneStatementEachWithItsOwnAnswer() throws Exception {
        Account first = signUp(uniqueUsername());
        Account second = signUp(uniqueUsername());
        List<String> usernames = List.of(first.username(), second.username().toUpperCase(Locale.ROOT),
                uniqueUsername(), first.username());
        DistributionSummary sizes = registry.find("passkey.db.batch.size").tag("statement", "username_taken").summary();
        long statementsBefore = sizes.count();

        List<Boolean> taken = TogetherOnOneEventLoop.answers(vertx, usernames, lookups::usernameTaken);

        assertEquals(List.of(true, true, false, true), taken,
                "taken, taken however it is cased, free, and taken again when asked twice");
        assertEquals(2, sizes.count() - statementsBefore, "three names in one statement, the name asked twice in the next");
    }
}
