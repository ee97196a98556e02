package dev.passkeys.session;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.passkeys.api.Problem;
import dev.passkeys.batching.NaturalBatcher;
import dev.passkeys.config.PasskeyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Every query on session families and refresh tokens but a sign-up's ({@link SignUpWrites}); callers run these
 * inside a session.
 * <p>
 * A rotation locks its family row before it touches a token. That serializes the refreshes of one family, and
 * it takes the locks in the order a cascading delete of the passkey does (family, then tokens), so the two
 * never deadlock; sign-out only updates family rows, which the lock also orders.
 */
@ApplicationScoped
public class SessionStore {

    /**
     * The writes of a batch of logins as one statement, so that they cost one round trip and one commit and are
     * all or nothing: each passkey's counter and flags (only if the counter is still the one its ceremony verified
     * against), each recorded login's user's ended families cleared, and its new family and first token. A batch names
     * a passkey at most once. ({@code = ANY($1)} has the passkeys found through their index whatever the
     * table's size; joined with the batch alone, the planner scans a small table whole. The ended families are found
     * from {@code used} alone, which carries both columns of their index: with the time taken from the batch, a
     * plan made on small tables walked the whole index by time, for every login.)
     *
     * <p>Its commit does not wait for the WAL to reach the disk ({@code synchronous_commit} off for this statement's
     * transaction alone): the wait was the long tail of a login under load (stalls of 50-60 ms when the disk was slow),
     * and what a crash of PostgreSQL could lose in the next few hundred milliseconds is only worth a new login: the
     * session (its refresh token is then refused) and a counter (the authenticator's is higher, so the next login
     * passes). Every other write, sign-ups and revocations included, still commits durably, and it flushes the
     * logins' WAL before it.
     */
    private static final String LOGINS = """
            WITH durability AS (SELECT set_config('synchronous_commit', 'off', true)),
            login AS (
              SELECT l.* FROM durability, unnest($1::varchar[], $2::bigint[], $3::bigint[], $4::boolean[], $5::boolean[],
                                   $6::timestamptz[], $7::uuid[], $8::timestamptz[], $9::varchar[], $10::timestamptz[])
                AS l(credential_id, verified_count, signature_count, backed_up, user_verified, at, family_id,
                     family_expires_at, token_hash, token_expires_at)),
            used AS (
              UPDATE passkeys p SET signature_count = l.signature_count, backed_up = l.backed_up,
                                    user_verified = l.user_verified, last_used_at = l.at
              FROM login l
              WHERE p.credential_id = ANY($1) AND p.credential_id = l.credential_id
                AND p.signature_count = l.verified_count
              RETURNING p.user_id, p.credential_id, l.at),
            cleared AS (
              DELETE FROM session_families f USING used u
              WHERE f.user_id = u.user_id AND f.expires_at <= u.at),
            family AS (
              INSERT INTO session_families (id, user_id, credential_id, user_verified, auth_time, created_at, expires_at)
              SELECT l.family_id, u.user_id, u.credential_id, l.user_verified, l.at, l.at, l.family_expires_at
              FROM used u JOIN login l ON l.credential_id = u.credential_id
              RETURNING id)
            INSERT INTO refresh_tokens (token_hash, family_id, created_at, expires_at)
            SELECT l.token_hash, f.id, l.at, l.token_expires_at FROM family f JOIN login l ON l.family_id = f.id
            RETURNING family_id
            """;

    /** PostgreSQL's SQLSTATE for a transaction it rolled back to break a deadlock. */
    private static final String DEADLOCK_DETECTED = "40P01";
    /** How often a statement that PostgreSQL rolled back to break a deadlock runs again. */
    static final int DEADLOCK_RETRIES = 3;
    /** The most logins, or sign-ups, one statement writes. */
    static final int MAX_BATCH = 64;

    private final Pool pool;
    private final NaturalBatcher<LoginWrite, String, Boolean> logins;

    SessionStore(Pool pool, PasskeyConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.logins = new NaturalBatcher<>("login", login -> login.family().credentialId, this::recordLogins, MAX_BATCH,
                config.dependencyTimeout(), Problem::dependencyUnavailable, registry);
    }

    /**
     * Records a verified login of a passkey and starts its session, unless the passkey's signature counter is no
     * longer {@code verifiedCount} (a concurrent login with the same counter: a cloned authenticator). Concurrent
     * logins are written together.
     *
     * @return whether the login was recorded
     */
    public Uni<Boolean> startAfterLogin(SessionFamily family, RefreshToken first, PasskeyUse use) {
        return logins.submit(new LoginWrite(family, first, use)).map(Boolean.TRUE::equals);
    }

    /** A verified login to record. */
    private record LoginWrite(SessionFamily family, RefreshToken first, PasskeyUse use) {
    }

    /**
     * Records a batch of logins; the recorded ones answer true. In credential ID order, so that two batches lock
     * their passkeys in one order; PostgreSQL may still find a deadlock (another plan, a replica's batch), and then
     * the batch, rolled back as a whole, runs again.
     */
    private Uni<Map<String, Boolean>> recordLogins(List<LoginWrite> batch) {
        List<LoginWrite> logins = batch.stream().sorted(Comparator.comparing(login -> login.family().credentialId)).toList();
        int size = logins.size();
        String[] credentialIds = new String[size];
        Long[] verifiedCounts = new Long[size];
        Long[] signatureCounts = new Long[size];
        Boolean[] backedUp = new Boolean[size];
        Boolean[] userVerified = new Boolean[size];
        OffsetDateTime[] at = new OffsetDateTime[size];
        UUID[] familyIds = new UUID[size];
        OffsetDateTime[] familyExpiresAt = new OffsetDateTime[size];
        String[] tokenHashes = new String[size];
        OffsetDateTime[] tokenExpiresAt = new OffsetDateTime[size];
        Map<UUID, String> credentialOfFamily = new HashMap<>();
        for (int i = 0; i < size; i++) {
            LoginWrite login = logins.get(i);
            credentialIds[i] = login.family().credentialId;
            verifiedCounts[i] = login.use().verifiedCount();
            signatureCounts[i] = login.use().signatureCount();
            backedUp[i] = login.use().backedUp();
            userVerified[i] = login.family().userVerified;
            at[i] = utc(login.family().createdAt);
            familyIds[i] = login.family().id;
            familyExpiresAt[i] = utc(login.family().expiresAt);
            tokenHashes[i] = login.first().tokenHash;
            tokenExpiresAt[i] = utc(login.first().expiresAt);
            credentialOfFamily.put(familyIds[i], credentialIds[i]);
        }
        Tuple row = Tuple.tuple().addArrayOfString(credentialIds).addArrayOfLong(verifiedCounts)
                .addArrayOfLong(signatureCounts).addArrayOfBoolean(backedUp).addArrayOfBoolean(userVerified)
                .addArrayOfOffsetDateTime(at).addArrayOfUUID(familyIds).addArrayOfOffsetDateTime(familyExpiresAt)
                .addArrayOfString(tokenHashes).addArrayOfOffsetDateTime(tokenExpiresAt);
        return pool.preparedQuery(LOGINS).execute(row)
                .onFailure(SessionStore::isDeadlock).retry().atMost(DEADLOCK_RETRIES)
                .map(rows -> {
                    Map<String, Boolean> recorded = new HashMap<>();
                    for (Row recordedRow : rows) {
                        recorded.put(credentialOfFamily.get(recordedRow.getUUID("family_id")), true);
                    }
                    return recorded;
                });
    }

    static boolean isDeadlock(Throwable failure) {
        return failure instanceof PgException pg && DEADLOCK_DETECTED.equals(pg.getSqlState());
    }

    /**
     * Of the next {@code $2} sessions after {@code $3} in key order, which have ended: past their absolute end, or
     * without a token that is still valid (unused for the refresh TTL). Each session's tokens are looked up through
     * their index one session at a time (the {@code LATERAL} with its {@code LIMIT} cannot become a hash over the
     * whole token table), so a step costs the same however many sessions there are, and a pass is linear.
     */
    private static final String ENDED = """
            SELECT b.id, b.expires_at <= $1 OR t.live IS NULL AS ended
            FROM (SELECT id, expires_at FROM session_families WHERE id > $3 ORDER BY id LIMIT $2) AS b
            LEFT JOIN LATERAL (SELECT true AS live FROM refresh_tokens t
                               WHERE t.family_id = b.id AND t.expires_at > $1 LIMIT 1) AS t ON true
            ORDER BY b.id
            """;

    /**
     * Deletes sessions found ended (their tokens go by cascade). An ended session cannot come back to life (a token
     * past its TTL or its session's end refreshes nothing), so nothing needs checking again.
     */
    private static final String DELETE_SESSIONS = "DELETE FROM session_families WHERE id = ANY($1)";

    /** One step of a pass over the sessions: what it looked at and deleted, and where the next step starts. */
    public record PruneStep(long seen, long deleted, UUID last) {
    }

    /** Deletes the ended sessions (their tokens with them) among the {@code limit} sessions after {@code after}. */
    public Uni<PruneStep> deleteEnded(Instant now, int limit, UUID after) {
        return pool.preparedQuery(ENDED).execute(Tuple.of(utc(now), limit, after)).chain(rows -> {
            List<UUID> ended = new ArrayList<>();
            UUID last = after;
            for (Row row : rows) {
                last = row.getUUID("id");
                if (row.getBoolean("ended")) {
                    ended.add(last);
                }
            }
            PruneStep step = new PruneStep(rows.size(), ended.size(), last);
            if (ended.isEmpty()) {
                return Uni.createFrom().item(step);
            }
            return pool.preparedQuery(DELETE_SESSIONS).execute(Tuple.of(ended.toArray(UUID[]::new)))
                    .map(deleted -> new PruneStep(step.seen(), deleted.rowCount(), step.last()));
        });
    }

    static OffsetDateTime utc(Instant instant) {
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
