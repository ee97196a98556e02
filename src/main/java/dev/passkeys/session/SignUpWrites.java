package dev.passkeys.session;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.passkeys.account.Passkey;
import dev.passkeys.account.UserAccount;
import dev.passkeys.api.Problem;
import dev.passkeys.batching.NaturalBatcher;
import dev.passkeys.config.PasskeyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** A sign-up's writes: the account, its first passkey and its first session, concurrent sign-ups in one statement. */
@ApplicationScoped
class SignUpWrites {

    /**
     * The writes of a batch of sign-ups as one statement, all or nothing: each account, its first passkey and its first
     * session. A username or credential ID taken fails the whole statement, which is then run again for each sign-up
     * alone, so that only the sign-up it belongs to fails.
     */
    private static final String SIGN_UPS = """
            WITH signup AS (
              SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[],
                                   $6::timestamptz[], $7::varchar[], $8::bytea[], $9::bigint[], $10::varchar[],
                                   $11::uuid[], $12::varchar[], $13::boolean[], $14::boolean[], $15::boolean[],
                                   $16::varchar[], $17::uuid[], $18::timestamptz[], $19::varchar[], $20::timestamptz[])
                AS s(user_id, username, username_key, display_name, user_handle, at, credential_id, public_key_cose,
                     signature_count, transports, aaguid, attestation_format, backup_eligible, backed_up,
                     user_verified, name, family_id, family_expires_at, token_hash, token_expires_at)),
            account AS (
              INSERT INTO users (id, username, username_key, display_name, user_handle, created_at)
              SELECT user_id, username, username_key, display_name, user_handle, at FROM signup
              RETURNING id),
            passkey AS (
              INSERT INTO passkeys (credential_id, user_id, public_key_cose, signature_count, transports, aaguid,
                                    attestation_format, backup_eligible, backed_up, user_verified, name, created_at)
              SELECT s.credential_id, a.id, s.public_key_cose, s.signature_count, s.transports, s.aaguid,
                     s.attestation_format, s.backup_eligible, s.backed_up, s.user_verified, s.name, s.at
              FROM signup s JOIN account a ON a.id = s.user_id
              RETURNING credential_id, user_id),
            family AS (
              INSERT INTO session_families (id, user_id, credential_id, user_verified, auth_time, created_at, expires_at)
              SELECT s.family_id, p.user_id, p.credential_id, s.user_verified, s.at, s.at, s.family_expires_at
              FROM signup s JOIN passkey p ON p.credential_id = s.credential_id
              RETURNING id)
            INSERT INTO refresh_tokens (token_hash, family_id, created_at, expires_at)
            SELECT s.token_hash, f.id, s.at, s.token_expires_at FROM signup s JOIN family f ON f.id = s.family_id
            """;

    /** PostgreSQL's SQLSTATE for a row refused by a unique key. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;
    private final NaturalBatcher<SignUpWrite, String, SignUpOutcome> signUps;

    SignUpWrites(Pool pool, PasskeyConfig config, MeterRegistry registry) {
        this.pool = pool;
        // No linger: held for 300 µs, sign-ups at 16 concurrent came 4 % slower, a client waiting on each.
        this.signUps = new NaturalBatcher<>("sign_up", signUp -> signUp.user().usernameKey, this::writeSignUps,
                SessionStore.MAX_BATCH, config.dependencyTimeout(), Problem::dependencyUnavailable, registry, Duration.ZERO);
    }

    /**
     * Creates an account with its first passkey and starts its session. Fails with the database's unique violation
     * when the username or the credential ID is already taken; then nothing is written. Concurrent sign-ups are
     * written together.
     */
    Uni<Void> write(UserAccount user, Passkey passkey, SessionFamily family, RefreshToken first) {
        return signUps.submit(new SignUpWrite(user, passkey, family, first)).chain(outcome -> outcome.failure() == null
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(outcome.failure()));
    }

    /** A sign-up to write. */
    private record SignUpWrite(UserAccount user, Passkey passkey, SessionFamily family, RefreshToken first) {
    }

    /** How a sign-up's write went: written, or refused by a unique key ({@code failure}). */
    private record SignUpOutcome(Throwable failure) {
        static final SignUpOutcome WRITTEN = new SignUpOutcome(null);
    }

    /**
     * Writes a batch of sign-ups, in username order. When a unique key refuses the batch (or PostgreSQL breaks a
     * deadlock with a replica's batch), each runs again alone, so that one taken username fails only its own sign-up;
     * a sign-up alone that PostgreSQL rolls back to break a deadlock runs again, as a login's write does.
     */
    private Uni<Map<String, SignUpOutcome>> writeSignUps(List<SignUpWrite> batch) {
        List<SignUpWrite> signUps = batch.stream().sorted(Comparator.comparing(signUp -> signUp.user().usernameKey))
                .toList();
        Uni<Map<String, SignUpOutcome>> together = insertSignUps(signUps).map(ignored -> {
            Map<String, SignUpOutcome> outcomes = new HashMap<>();
            signUps.forEach(signUp -> outcomes.put(signUp.user().usernameKey, SignUpOutcome.WRITTEN));
            return outcomes;
        });
        if (signUps.size() == 1) {
            return together.onFailure(SessionStore::isDeadlock).retry().atMost(SessionStore.DEADLOCK_RETRIES)
                    .onFailure(SignUpWrites::isUniqueViolation)
                    .recoverWithItem(failure -> Map.of(signUps.get(0).user().usernameKey, new SignUpOutcome(failure)));
        }
        return together.onFailure(failure -> isUniqueViolation(failure) || SessionStore.isDeadlock(failure))
                .recoverWithUni(() -> Uni.join().all(signUps.stream().map(signUp -> writeSignUps(List.of(signUp)))
                                .toList()).andFailFast()
                        .map(outcomes -> {
                            Map<String, SignUpOutcome> all = new HashMap<>();
                            outcomes.forEach(all::putAll);
                            return all;
                        }));
    }

    private Uni<Void> insertSignUps(List<SignUpWrite> signUps) {
        int size = signUps.size();
        UUID[] userIds = new UUID[size];
        String[] usernames = new String[size];
        String[] usernameKeys = new String[size];
        String[] displayNames = new String[size];
        String[] userHandles = new String[size];
        OffsetDateTime[] at = new OffsetDateTime[size];
        String[] credentialIds = new String[size];
        Buffer[] publicKeys = new Buffer[size];
        Long[] signatureCounts = new Long[size];
        String[] transports = new String[size];
        UUID[] aaguids = new UUID[size];
        String[] attestationFormats = new String[size];
        Boolean[] backupEligible = new Boolean[size];
        Boolean[] backedUp = new Boolean[size];
        Boolean[] userVerified = new Boolean[size];
        String[] names = new String[size];
        UUID[] familyIds = new UUID[size];
        OffsetDateTime[] familyExpiresAt = new OffsetDateTime[size];
        String[] tokenHashes = new String[size];
        OffsetDateTime[] tokenExpiresAt = new OffsetDateTime[size];
        for (int i = 0; i < size; i++) {
            SignUpWrite signUp = signUps.get(i);
            UserAccount user = signUp.user();
            Passkey passkey = signUp.passkey();
            userIds[i] = user.id;
            usernames[i] = user.username;
            usernameKeys[i] = user.usernameKey;
            displayNames[i] = user.displayName;
            userHandles[i] = user.userHandle;
            at[i] = SessionStore.utc(signUp.family().createdAt);
            credentialIds[i] = passkey.credentialId;
            publicKeys[i] = Buffer.buffer(passkey.publicKeyCose);
            signatureCounts[i] = passkey.signatureCount;
            transports[i] = passkey.transports;
            aaguids[i] = passkey.aaguid;
            attestationFormats[i] = passkey.attestationFormat;
            backupEligible[i] = passkey.backupEligible;
            backedUp[i] = passkey.backedUp;
            userVerified[i] = passkey.userVerified;
            names[i] = passkey.name;
            familyIds[i] = signUp.family().id;
            familyExpiresAt[i] = SessionStore.utc(signUp.family().expiresAt);
            tokenHashes[i] = signUp.first().tokenHash;
            tokenExpiresAt[i] = SessionStore.utc(signUp.first().expiresAt);
        }
        Tuple row = Tuple.tuple().addArrayOfUUID(userIds).addArrayOfString(usernames).addArrayOfString(usernameKeys)
                .addArrayOfString(displayNames).addArrayOfString(userHandles).addArrayOfOffsetDateTime(at)
                .addArrayOfString(credentialIds).addValue(publicKeys).addArrayOfLong(signatureCounts)
                .addArrayOfString(transports).addArrayOfUUID(aaguids).addArrayOfString(attestationFormats)
                .addArrayOfBoolean(backupEligible).addArrayOfBoolean(backedUp).addArrayOfBoolean(userVerified)
                .addArrayOfString(names).addArrayOfUUID(familyIds).addArrayOfOffsetDateTime(familyExpiresAt)
                .addArrayOfString(tokenHashes).addArrayOfOffsetDateTime(tokenExpiresAt);
        return pool.preparedQuery(SIGN_UPS).execute(row).replaceWithVoid();
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }
}
