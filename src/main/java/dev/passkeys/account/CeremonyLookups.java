package dev.passkeys.account;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The account reads (and the suspect flag) of the ceremonies' hot path, on the SQL client rather than through the
 * ORM: each is one indexed, prepared statement, and a login opens no persistence session. The passkeys come back as
 * detached entities, each with its account; nothing here is ever flushed.
 */
@ApplicationScoped
public class CeremonyLookups {

    private static final String SELECT = "SELECT p.credential_id, p.public_key_cose, p.signature_count, p.transports, "
            + "p.aaguid, p.attestation_format, p.backup_eligible, p.backed_up, p.user_verified, p.name, p.suspect, "
            + "p.created_at, p.last_used_at, u.id AS user_id, u.username, u.username_key, u.display_name, "
            + "u.user_handle, u.external_id, u.created_at AS user_created_at FROM passkeys p JOIN users u ON u.id = p.user_id ";

    private final Pool pool;

    CeremonyLookups(Pool pool) {
        this.pool = pool;
    }

    /** The passkeys of the account with this username, oldest first; empty for an unknown username. */
    public Uni<List<Passkey>> passkeysByUsername(String username) {
        return pool.preparedQuery(SELECT + "WHERE u.username_key = $1 ORDER BY p.created_at, p.credential_id")
                .execute(Tuple.of(UserAccount.keyOf(username))).map(CeremonyLookups::passkeys);
    }

    /** The passkey with this credential ID, with its account; null when there is none. */
    public Uni<Passkey> passkeyWithUser(String credentialId) {
        return pool.preparedQuery(SELECT + "WHERE p.credential_id = $1").execute(Tuple.of(credentialId))
                .map(rows -> passkeys(rows).stream().findFirst().orElse(null));
    }

    /** Whether an account has this username (compared as usernames are). */
    public Uni<Boolean> usernameTaken(String username) {
        return pool.preparedQuery("SELECT 1 FROM users WHERE username_key = $1").execute(Tuple.of(UserAccount.keyOf(username)))
                .map(rows -> rows.size() > 0);
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

    private static List<Passkey> passkeys(RowSet<Row> rows) {
        List<Passkey> passkeys = new ArrayList<>(rows.size());
        UserAccount user = null;
        for (Row row : rows) {
            if (user == null) {
                user = user(row);
            }
            passkeys.add(passkey(row, user));
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
