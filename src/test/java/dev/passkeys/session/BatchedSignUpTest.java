package dev.passkeys.session;

import static dev.passkeys.testing.PasskeyApi.refresh;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.passkeys.account.Passkey;
import dev.passkeys.account.UserAccount;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.TogetherOnOneEventLoop;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;

/**
 * Sign-ups written together, in one statement against the real database: a username or credential ID already taken
 * fails only its own sign-up, and the others are written with their sessions.
 */
@QuarkusTest
class BatchedSignUpTest {

    @Inject
    SignUpWrites signUpWrites;
    @Inject
    SessionRows rows;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;

    /** A sign-up to write, with its refresh token in clear. */
    private record SignUp(UserAccount user, Passkey passkey, SessionFamily family, RefreshToken first,
            String refreshToken) {

        static SignUp of(String username, String credentialId) {
            Instant now = Instant.now();
            UserAccount user = UserAccount.create(username, username, UUID.randomUUID().toString());
            user.id = UUID.randomUUID();
            Passkey passkey = new Passkey();
            passkey.credentialId = credentialId;
            passkey.publicKeyCose = new byte[] {1, 2, 3};
            passkey.transports = "internal";
            passkey.aaguid = new UUID(0, 0);
            passkey.attestationFormat = "none";
            passkey.userVerified = true;
            passkey.createdAt = now;
            SessionFamily family = SessionFamily.start(user.id, credentialId, true, now, Duration.ofDays(1));
            String token = OpaqueTokens.generate();
            return new SignUp(user, passkey, family, RefreshToken.of(OpaqueTokens.hash(token), family, now,
                    Duration.ofHours(1)), token);
        }
    }

    @Test
    void signUpsArrivingTogetherAreWrittenInOneStatementAndATakenKeyFailsOnlyItsOwn() throws Exception {
        Account existing = signUp(uniqueUsername());
        List<SignUp> signUps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            signUps.add(SignUp.of(uniqueUsername(), "credential-" + UUID.randomUUID()));
        }
        signUps.add(SignUp.of(existing.username(), "credential-" + UUID.randomUUID()));
        signUps.add(SignUp.of(uniqueUsername(), existing.passkeyId()));
        signUps.add(SignUp.of(uniqueUsername(), "credential-" + UUID.randomUUID()));
        DistributionSummary sizes = registry.find("passkey.db.batch.size").tag("statement", "sign_up").summary();
        long statementsBefore = sizes.count();

        List<Throwable> failures = TogetherOnOneEventLoop.call(vertx, signUps, signUp -> signUpWrites.write(
                signUp.user(), signUp.passkey(), signUp.family(), signUp.first())).stream()
                .map(TogetherOnOneEventLoop.Outcome::failure).toList();

        assertEquals(1, sizes.count() - statementsBefore, "the six sign-ups in one statement");
        for (int i : new int[] {0, 1, 2, 5}) {
            assertNull(failures.get(i), "sign-up " + i + " is written");
            refresh(signUps.get(i).refreshToken()).then().statusCode(200);
            assertEquals(1, rows.families(signUps.get(i).user().id.toString()), "its session");
        }
        assertEquals("23505", ((PgException) failures.get(3)).getSqlState());
        assertEquals("users_username_key_unique", ((PgException) failures.get(3)).getConstraint());
        assertEquals("passkeys_credential_id_unique", ((PgException) failures.get(4)).getConstraint());
        assertEquals(1, rows.usersWithUsernameKey(signUps.get(3).user().usernameKey), "only the existing account");
        assertEquals(0, rows.usersWithUsernameKey(signUps.get(4).user().usernameKey),
                "a sign-up refused for its credential ID leaves no account behind");
    }

    @Test
    void aSignUpThatPostgresqlRollsBackToBreakADeadlockIsWrittenWhenItRunsAgain() throws Exception {
        SignUp signUp = SignUp.of(uniqueUsername(), "credential-" + UUID.randomUUID());
        CompletableFuture<Void> written;
        try (Connection rival = rows.rivalTransaction()) {
            UUID rivalAccount = UUID.randomUUID();
            SessionRows.insertAccount(rival, rivalAccount, "rival-" + rivalAccount);
            SessionRows.insertPasskey(rival, signUp.passkey().credentialId, rivalAccount);
            written = signUpWrites.write(signUp.user(), signUp.passkey(), signUp.family(), signUp.first())
                    .subscribeAsCompletionStage();
            rows.awaitLockWait(); // the sign-up has inserted its account and waits for the rival's passkey
            // Now the rival wants the sign-up's username: each waits for the other, and PostgreSQL rolls back the
            // one that waited first, the sign-up (were it the rival, this insert would throw).
            SessionRows.insertAccount(rival, UUID.randomUUID(), signUp.user().usernameKey);
            rival.rollback();
        }
        written.get(10, TimeUnit.SECONDS);
        assertEquals(1, rows.usersWithUsernameKey(signUp.user().usernameKey), "the account, written when run again");
        assertEquals(1, rows.families(signUp.user().id.toString()), "with its session");
        refresh(signUp.refreshToken()).then().statusCode(200);
    }
}
