package dev.passkeys.session;

import static dev.passkeys.testing.PasskeyApi.refresh;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.PasskeyApi.Account;
import io.quarkus.test.junit.QuarkusTest;

/** The scheduled deletion of ended sessions, run directly against the real PostgreSQL. */
@QuarkusTest
class SessionPruningTest {

    @Inject
    SessionPruning pruning;

    @Inject
    SessionRows rows;

    @Test
    void endedSessionsGoWithTheirTokensAndLiveOnesStay() throws Exception {
        Account pastItsEnd = signUp(uniqueUsername());
        rows.endFamilyAt(pastItsEnd.refreshToken(), Instant.now().minusSeconds(1));
        Account unusedTooLong = signUp(uniqueUsername());
        rows.expireToken(unusedTooLong.refreshToken());
        Account live = signUp(uniqueUsername());
        Account refreshed = signUp(uniqueUsername());
        String next = refresh(refreshed.refreshToken()).then().statusCode(200).extract().path("refresh_token");

        pruning.prune().await().indefinitely();

        assertEquals(0, rows.families(pastItsEnd.userId()), "past its absolute end");
        assertEquals(0, rows.rowsWithHash(SessionRows.sha256(pastItsEnd.refreshToken())), "its token went with it");
        assertEquals(0, rows.families(unusedTooLong.userId()), "no token left that could refresh it");
        assertEquals(1, rows.families(live.userId()));
        assertEquals(1, rows.families(refreshed.userId()), "a rotated token's session lives on in its successor");
        refresh(live.refreshToken()).then().statusCode(200);
        refresh(next).then().statusCode(200);
    }

    @Test
    void manyEndedSessionsAreDeletedBatchAfterBatch() throws Exception {
        Account account = signUp(uniqueUsername());
        rows.addEndedFamilies(account.userId(), 2 * SessionPruning.BATCH + 7);
        assertEquals(2 * SessionPruning.BATCH + 8, rows.families(account.userId()));

        pruning.prune().await().indefinitely();

        assertEquals(1, rows.families(account.userId()), "only the sign-up's own session is left");
        refresh(account.refreshToken()).then().statusCode(200);
    }
}
