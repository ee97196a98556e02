package dev.passkeys.session;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.passkeys.account.Passkey;
import dev.passkeys.account.UserAccount;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every query on session families and refresh tokens; callers run these inside a session.
 * <p>
 * A rotation locks its family row before it touches a token. That serializes the refreshes of one family, and
 * it takes the locks in the order a cascading delete of the passkey does (family, then tokens), so the two
 * never deadlock; sign-out only updates family rows, which the lock also orders.
 */
@ApplicationScoped
public class SessionStore {

    /**
     * A login's writes as one statement, so that they cost one round trip and are all or nothing: the passkey's
     * counter and flags (only if the counter is still the one the ceremony verified against), the user's expired
     * families cleared, the new family and its first token.
     */
    private static final String LOGIN = """
            WITH used AS (
              UPDATE passkeys SET signature_count = $1, backed_up = $2, user_verified = $3, last_used_at = $4
              WHERE credential_id = $5 AND signature_count = $6
              RETURNING user_id, credential_id),
            cleared AS (
              DELETE FROM session_families WHERE user_id = (SELECT user_id FROM used) AND expires_at <= $4),
            family AS (
              INSERT INTO session_families (id, user_id, credential_id, user_verified, auth_time, created_at, expires_at)
              SELECT $7, user_id, credential_id, $3, $4, $4, $8 FROM used
              RETURNING id)
            INSERT INTO refresh_tokens (token_hash, family_id, created_at, expires_at)
            SELECT $9, id, $4, $10 FROM family
            """;

    /** A sign-up's writes as one statement, all or nothing: the account, its first passkey, its first session. */
    private static final String SIGN_UP = """
            WITH account AS (
              INSERT INTO users (id, username, username_key, display_name, user_handle, created_at)
              VALUES ($1, $2, $3, $4, $5, $6)
              RETURNING id),
            passkey AS (
              INSERT INTO passkeys (credential_id, user_id, public_key_cose, signature_count, transports, aaguid,
                                    attestation_format, backup_eligible, backed_up, user_verified, name, created_at)
              SELECT $7, id, $8, $9, $10, $11, $12, $13, $14, $15, $16, $6 FROM account
              RETURNING credential_id, user_id),
            family AS (
              INSERT INTO session_families (id, user_id, credential_id, user_verified, auth_time, created_at, expires_at)
              SELECT $17, user_id, credential_id, $15, $6, $6, $18 FROM passkey
              RETURNING id)
            INSERT INTO refresh_tokens (token_hash, family_id, created_at, expires_at)
            SELECT $19, id, $6, $20 FROM family
            """;

    private final Pool pool;

    SessionStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records a verified login of a passkey and starts its session, unless the passkey's signature counter is no
     * longer {@code verifiedCount} (a concurrent login with the same counter: a cloned authenticator).
     *
     * @return whether the login was recorded
     */
    public Uni<Boolean> startAfterLogin(SessionFamily family, RefreshToken first, PasskeyUse use) {
        Tuple row = Tuple.tuple()
                .addLong(use.signatureCount())
                .addBoolean(use.backedUp())
                .addBoolean(family.userVerified)
                .addOffsetDateTime(utc(family.createdAt))
                .addString(family.credentialId)
                .addLong(use.verifiedCount())
                .addUUID(family.id)
                .addOffsetDateTime(utc(family.expiresAt))
                .addString(first.tokenHash)
                .addOffsetDateTime(utc(first.expiresAt));
        return pool.preparedQuery(LOGIN).execute(row).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Creates an account with its first passkey and starts its session. Fails with the database's unique violation
     * when the username or the credential ID is already taken; then nothing is written.
     */
    public Uni<Void> startAfterSignUp(UserAccount user, Passkey passkey, SessionFamily family, RefreshToken first) {
        Tuple row = Tuple.tuple()
                .addUUID(user.id)
                .addString(user.username)
                .addString(user.usernameKey)
                .addString(user.displayName)
                .addString(user.userHandle)
                .addOffsetDateTime(utc(family.createdAt))
                .addString(passkey.credentialId)
                .addBuffer(Buffer.buffer(passkey.publicKeyCose))
                .addLong(passkey.signatureCount)
                .addString(passkey.transports)
                .addUUID(passkey.aaguid)
                .addString(passkey.attestationFormat)
                .addBoolean(passkey.backupEligible)
                .addBoolean(passkey.backedUp)
                .addBoolean(passkey.userVerified)
                .addString(passkey.name)
                .addUUID(family.id)
                .addOffsetDateTime(utc(family.expiresAt))
                .addString(first.tokenHash)
                .addOffsetDateTime(utc(first.expiresAt));
        return pool.preparedQuery(SIGN_UP).execute(row).replaceWithVoid();
    }

    /**
     * Of the next {@code $2} sessions after {@code $3} in key order, deletes those that have ended: past their absolute
     * end, or without a token that is still valid (unused for the refresh TTL). Walking the key keeps each statement
     * short and a whole pass linear in the number of sessions.
     */
    private static final String PRUNE = """
            WITH batch AS (
              SELECT id, expires_at FROM session_families WHERE id > $3 ORDER BY id LIMIT $2),
            ended AS (
              DELETE FROM session_families f USING batch b
              WHERE f.id = b.id AND (b.expires_at <= $1
                 OR NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = b.id AND t.expires_at > $1))
              RETURNING f.id)
            SELECT (SELECT count(*) FROM batch) AS seen, (SELECT id FROM batch ORDER BY id DESC LIMIT 1) AS last,
                   (SELECT count(*) FROM ended) AS deleted
            """;

    /** One step of a pass over the sessions: what it looked at and deleted, and where the next step starts. */
    public record PruneStep(long seen, long deleted, UUID last) {
    }

    /** Deletes the ended sessions (their tokens with them) among the {@code limit} sessions after {@code after}. */
    public Uni<PruneStep> deleteEnded(Instant now, int limit, UUID after) {
        return pool.preparedQuery(PRUNE).execute(Tuple.of(utc(now), limit, after)).map(rows -> {
            Row row = rows.iterator().next();
            UUID last = row.getUUID("last");
            return new PruneStep(row.getLong("seen"), row.getLong("deleted"), last == null ? after : last);
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Starts a family with its first token; the user's families past their lifetime are cleared first. */
    public Uni<Void> start(SessionFamily family, RefreshToken first) {
        return Panache.withTransaction(() -> SessionFamily.delete("userId = ?1 and expiresAt <= ?2", family.userId,
                family.createdAt)
                .chain(() -> family.persist())
                .chain(() -> first.persist())
                .call(Panache::flush)
                .replaceWithVoid());
    }

    /**
     * Marks the token with this hash used and adds its successor, if the token is the live one of a live family;
     * exactly one of concurrent rotations of a token wins: the conditional update is the arbiter.
     */
    public Uni<Rotation> rotate(String tokenHash, String nextHash, Instant now, Duration ttl) {
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>findById(tokenHash).chain(token -> token == null
                ? refused(Rotation.Reason.UNKNOWN)
                : SessionFamily.<SessionFamily>findById(token.familyId, LockModeType.PESSIMISTIC_WRITE)
                        .chain(family -> rotate(token, family, nextHash, now, ttl))));
    }

    private static Uni<Rotation> rotate(RefreshToken token, SessionFamily family, String nextHash, Instant now,
            Duration ttl) {
        if (family == null) {
            return refused(Rotation.Reason.ENDED);
        }
        if (family.revokedAt != null) {
            return refused(Rotation.Reason.REVOKED);
        }
        if (!token.expiresAt.isAfter(now) || !family.expiresAt.isAfter(now)) {
            return refused(Rotation.Reason.EXPIRED);
        }
        return RefreshToken.update("usedAt = ?1 where tokenHash = ?2 and usedAt is null", now, token.tokenHash)
                .chain(updated -> {
                    if (updated == 0) {
                        family.revokedAt = now;
                        return Uni.createFrom().item(new Rotation.Reused(family));
                    }
                    RefreshToken next = RefreshToken.of(nextHash, family, now, ttl);
                    return RefreshToken.delete("familyId = ?1 and expiresAt <= ?2", family.id, now)
                            .chain(() -> next.persist())
                            .replaceWith(new Rotation.Rotated(family, next));
                });
    }

    /** Revokes the family of the token with this hash, whatever the token's state; false when there is none. */
    public Uni<Boolean> revokeFamilyOf(String tokenHash, Instant now) {
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>findById(tokenHash).chain(token -> token == null
                ? Uni.createFrom().item(false)
                : SessionFamily.update("revokedAt = ?1 where id = ?2 and revokedAt is null", now, token.familyId)
                        .map(updated -> updated > 0)));
    }

    /** Revokes every live family of the user; the number revoked. */
    public Uni<Integer> revokeAllOf(UUID userId, Instant now) {
        return Panache.withTransaction(
                () -> SessionFamily.update("revokedAt = ?1 where userId = ?2 and revokedAt is null", now, userId));
    }

    private static Uni<Rotation> refused(Rotation.Reason reason) {
        return Uni.createFrom().item(new Rotation.Refused(reason));
    }
}
