package dev.passkeys.account;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.passkeys.api.Problem;
import dev.passkeys.batching.NaturalBatcher;
import dev.passkeys.config.PasskeyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The account reads (and the suspect flag) of the ceremonies' hot path, on the SQL client rather than through the
 * ORM: each is one indexed, prepared statement, and a login opens no persistence session. The two lookups of every
 * login are batched: concurrent ones share a statement. The passkeys come back as detached entities, each with its
 * account; nothing here is ever flushed.
 */
@ApplicationScoped
public class CeremonyLookups {

    private static final String SELECT = "SELECT p.credential_id, p.public_key_cose, p.signature_count, p.transports, "
            + "p.aaguid, p.attestation_format, p.backup_eligible, p.backed_up, p.user_verified, p.name, p.suspect, "
            + "p.created_at, p.last_used_at, u.id AS user_id, u.username, u.username_key, u.display_name, "
            + "u.user_handle, u.external_id, u.created_at AS user_created_at FROM passkeys p JOIN users u ON u.id = p.user_id ";

    /** The most lookups one statement answers. */
    private static final int MAX_BATCH = 64;

    private final Pool pool;
    private final NaturalBatcher<String, String, List<Passkey>> byUsernameKey;
    private final NaturalBatcher<String, String, Passkey> byCredentialId;
    private final NaturalBatcher<String, String, Boolean> takenUsernameKeys;

    CeremonyLookups(Pool pool, PasskeyConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.byUsernameKey = new NaturalBatcher<>("passkeys_by_username", Function.identity(), this::passkeysByUsernameKeys,
                MAX_BATCH, config.dependencyTimeout(), Problem::dependencyUnavailable, registry);
        this.byCredentialId = new NaturalBatcher<>("passkey_by_credential_id", Function.identity(), this::passkeysByIds,
                MAX_BATCH, config.dependencyTimeout(), Problem::dependencyUnavailable, registry);
        // A sign-up's statements do not linger (see SignUpWrites).
        this.takenUsernameKeys = new NaturalBatcher<>("username_taken", Function.identity(), this::takenOf,
                MAX_BATCH, config.dependencyTimeout(), Problem::dependencyUnavailable, registry, Duration.ZERO);
    }

    /** The passkeys of the account with this username, oldest first; empty for an unknown username. */
    public Uni<List<Passkey>> passkeysByUsername(String username) {
        return byUsernameKey.submit(UserAccount.keyOf(username)).map(passkeys -> passkeys == null ? List.of() : passkeys);
    }

    /** The passkey with this credential ID, with its account; null when there is none. */
    public Uni<Passkey> passkeyWithUser(String credentialId) {
        return byCredentialId.submit(credentialId);
    }

    /**
     * The passkeys whose {@code column} is one of the keys in {@code $1}, looked up key by key: the fence
     * ({@code OFFSET 0}) keeps the planner from joining the keys with a scan of a whole table, which it otherwise
     * prefers for a small one, so that a batch costs its keys' index lookups whatever the tables' size.
     */
    private static String eachKey(String column) {
        return "SELECT x.* FROM unnest($1::varchar[]) AS k(key) CROSS JOIN LATERAL (" + SELECT + "WHERE " + column
                + " = k.key OFFSET 0) AS x";
    }

    private Uni<Map<String, List<Passkey>>> passkeysByUsernameKeys(List<String> usernameKeys) {
        return pool.preparedQuery(eachKey("u.username_key") + " ORDER BY x.created_at, x.credential_id")
                .execute(Tuple.of(usernameKeys.toArray(String[]::new))).map(rows -> {
                    Map<String, List<Passkey>> byKey = new HashMap<>();
                    for (Passkey passkey : passkeys(rows)) {
                        byKey.computeIfAbsent(passkey.user.usernameKey, key -> new ArrayList<>()).add(passkey);
                    }
                    return byKey;
                });
    }

    private Uni<Map<String, Passkey>> passkeysByIds(List<String> credentialIds) {
        return pool.preparedQuery(eachKey("p.credential_id"))
                .execute(Tuple.of(credentialIds.toArray(String[]::new))).map(rows -> {
                    Map<String, Passkey> byId = new HashMap<>();
                    for (Passkey passkey : passkeys(rows)) {
                        byId.put(passkey.credentialId, passkey);
                    }
                    return byId;
                });
    }

    /** Whether an account has this username (compared as usernames are). */
    public Uni<Boolean> usernameTaken(String username) {
        return takenUsernameKeys.submit(UserAccount.keyOf(username)).map(Boolean.TRUE::equals);
    }

    /** Which of these username keys accounts have, each looked up through the unique index (see {@link #eachKey}). */
    private Uni<Map<String, Boolean>> takenOf(List<String> usernameKeys) {
        return pool.preparedQuery("SELECT u.username_key FROM unnest($1::varchar[]) AS k(key) CROSS JOIN LATERAL "
                        + "(SELECT username_key FROM users WHERE username_key = k.key OFFSET 0) AS u")
                .execute(Tuple.of(usernameKeys.toArray(String[]::new))).map(rows -> {
                    Map<String, Boolean> taken = new HashMap<>();
                    for (Row row : rows) {
                        taken.put(row.getString("username_key"), true);
                    }
                    return taken;
                });
    }

    public Uni<Boolean> passkeyExists(String credentialId) {
        return pool.preparedQuery("SELECT 1 FROM passkeys WHERE credential_id = $1").execute(Tuple.of(credentialId))
                .map(rows -> rows.size() > 0);
    }

    /** Flags a passkey whose signature counter did not increase. */
    public Uni<Void> markSuspect(String credentialId) {
        return pool.preparedQuery("UPDATE passkeys SET suspect = true WHERE credential_id = $1")
                .execute(Tuple.of(credentialId)).replaceWithVoid();
    }

    /** The rows' passkeys, the passkeys of one account sharing one account object. */
    private static List<Passkey> passkeys(RowSet<Row> rows) {
        List<Passkey> passkeys = new ArrayList<>(rows.size());
        Map<UUID, UserAccount> users = new HashMap<>();
        for (Row row : rows) {
            passkeys.add(passkey(row, users.computeIfAbsent(row.getUUID("user_id"), id -> user(row))));
        }
        return passkeys;
    }

    private static UserAccount user(Row row) {
        UserAccount user = new UserAccount();
        user.id = row.getUUID("user_id");
        user.username = row.getString("username");
        user.usernameKey = row.getString("username_key");
        user.displayName = row.getString("display_name");
        user.userHandle = row.getString("user_handle");
        user.externalId = row.getString("external_id");
        user.createdAt = row.getOffsetDateTime("user_created_at").toInstant();
        return user;
    }

    private static Passkey passkey(Row row, UserAccount user) {
        Passkey passkey = new Passkey();
        passkey.credentialId = row.getString("credential_id");
        passkey.user = user;
        passkey.publicKeyCose = row.getBuffer("public_key_cose").getBytes();
        passkey.signatureCount = row.getLong("signature_count");
        passkey.transports = row.getString("transports");
        passkey.aaguid = row.getUUID("aaguid");
        passkey.attestationFormat = row.getString("attestation_format");
        passkey.backupEligible = row.getBoolean("backup_eligible");
        passkey.backedUp = row.getBoolean("backed_up");
        passkey.userVerified = row.getBoolean("user_verified");
        passkey.name = row.getString("name");
        passkey.suspect = row.getBoolean("suspect");
        passkey.createdAt = row.getOffsetDateTime("created_at").toInstant();
        OffsetDateTime lastUsed = row.getOffsetDateTime("last_used_at");
        passkey.lastUsedAt = lastUsed == null ? null : lastUsed.toInstant();
        return passkey;
    }
}
