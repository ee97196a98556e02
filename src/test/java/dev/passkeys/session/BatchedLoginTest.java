package dev.passkeys.session;

import static dev.passkeys.testing.PasskeyApi.login;
import static dev.passkeys.testing.PasskeyApi.refresh;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.TogetherOnOneEventLoop;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * Logins recorded together, in one statement against the real database: each gets its own answer and session, and a
 * passkey's counter still decides between two logins with one counter value.
 */
@QuarkusTest
class BatchedLoginTest {

    @Inject
    SessionStore store;
    @Inject
    SessionRows rows;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;

    /** A login to record, with its refresh token in clear. */
    private record Login(Account account, SessionFamily family, RefreshToken first, String refreshToken, PasskeyUse use) {

        static Login of(Account account, long verifiedCount) {
            Instant now = Instant.now();
            SessionFamily family = SessionFamily.start(UUID.fromString(account.userId()), account.passkeyId(), true, now,
                    Duration.ofDays(1));
            String token = OpaqueTokens.generate();
            return new Login(account, family, RefreshToken.of(OpaqueTokens.hash(token), family, now, Duration.ofHours(1)),
                    token, new PasskeyUse(verifiedCount, verifiedCount + 1, false));
        }
    }

    @Test
    void loginsArrivingTogetherAreRecordedInOneStatementEachWithItsOwnOutcome() throws Exception {
        List<Account> accounts = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Account account = signUp(uniqueUsername());
            accounts.add(account);
            counts.add(rows.signatureCount(account.passkeyId()));
        }
        List<Login> logins = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            logins.add(Login.of(accounts.get(i), counts.get(i)));
        }
        logins.add(Login.of(accounts.get(4), counts.get(4) + 7));
        logins.add(Login.of(accounts.get(0), counts.get(0)));
        login(signUp(uniqueUsername())).then().statusCode(200); // the login statement's meter exists once one ran
        DistributionSummary sizes = registry.find("passkey.db.batch.size").tag("statement", "login").summary();
        long statementsBefore = sizes.count();
        double recordsBefore = sizes.totalAmount();

        List<Boolean> recorded = TogetherOnOneEventLoop.answers(vertx, logins,
                login -> store.startAfterLogin(login.family(), login.first(), login.use()));

        assertEquals(List.of(true, true, true, true, false, false), recorded,
                "five logins in one statement, the sixth (the first one's passkey again) in the next: a stale counter "
                        + "and a second login with the first one's counter are not recorded, the others are");
        assertEquals(2, sizes.count() - statementsBefore, "statements");
        assertEquals(6, sizes.totalAmount() - recordsBefore, "logins in them");
        for (int i = 0; i < 4; i++) {
            refresh(logins.get(i).refreshToken()).then().statusCode(200);
            assertEquals(counts.get(i) + 1, rows.signatureCount(accounts.get(i).passkeyId()), "the counter moved on");
        }
        assertProblem(refresh(logins.get(4).refreshToken()), 401, "invalid_refresh_token");
        assertProblem(refresh(logins.get(5).refreshToken()), 401, "invalid_refresh_token");
        assertEquals(counts.get(4), rows.signatureCount(accounts.get(4).passkeyId()), "a refused login writes nothing");
    }
}
