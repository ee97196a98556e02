package dev.passkeys.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.agroal.api.AgroalDataSource;

/** The session tables as the tests see them through JDBC: moving a token's or a family's end, reading rows. */
@Singleton
final class SessionRows {

    private final AgroalDataSource dataSource;

    SessionRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String sha256(String token) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Rows whose token_hash column is exactly this value. */
    long rowsWithHash(String value) throws SQLException {
        return count("select count(*) from refresh_tokens where token_hash = ?", value);
    }

    void expireToken(String token) throws Exception {
        update("update refresh_tokens set expires_at = ? where token_hash = ?", Instant.now().minusSeconds(1),
                sha256(token));
    }

    void endFamilyAt(String token, Instant end) throws Exception {
        update("update session_families set expires_at = ? where id = (select family_id from refresh_tokens "
                + "where token_hash = ?)", end, sha256(token));
    }

    /** When the session of a refresh token started, and its absolute end. */
    record Family(Instant createdAt, Instant expiresAt) {
    }

    Family family(String token) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "select f.created_at, f.expires_at from session_families f join refresh_tokens t on t.family_id = f.id "
                        + "where t.token_hash = ?")) {
            statement.setString(1, sha256(token));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("no session for this token");
                }
                return new Family(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant());
            }
        }
    }

    /** Adds sessions to the user's first passkey that ended a day ago, without tokens. */
    void addEndedFamilies(String userId, int count) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "insert into session_families (id, user_id, credential_id, user_verified, auth_time, created_at, expires_at) "
                        + "select gen_random_uuid(), p.user_id, p.credential_id, true, now() - interval '2 days', "
                        + "now() - interval '2 days', now() - interval '1 day' "
                        + "from generate_series(1, ?), (select * from passkeys where user_id = ?::uuid limit 1) p")) {
            statement.setInt(1, count);
            statement.setString(2, userId);
            if (statement.executeUpdate() != count) {
                throw new AssertionError("the user has no passkey");
            }
        }
    }

    long signatureCount(String credentialId) throws SQLException {
        return count("select signature_count from passkeys where credential_id = ?", credentialId);
    }

    long usersWithUsernameKey(String usernameKey) throws SQLException {
        return count("select count(*) from users where username_key = ?", usernameKey);
    }

    long families(String userId) throws SQLException {
        return count("select count(*) from session_families where user_id = ?::uuid", userId);
    }

    /** A connection of the test's own, in a transaction that holds its rows until the test rolls it back. */
    Connection rivalTransaction() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    /** Inserts an account with this username key in the rival's transaction. */
    static void insertAccount(Connection rival, UUID id, String usernameKey) throws SQLException {
        try (PreparedStatement statement = rival.prepareStatement("insert into users (id, username, username_key, "
                + "display_name, user_handle, created_at) values (?, ?, ?, ?, ?, now())")) {
            statement.setObject(1, id);
            statement.setString(2, usernameKey);
            statement.setString(3, usernameKey);
            statement.setString(4, usernameKey);
            statement.setString(5, UUID.randomUUID().toString());
            statement.executeUpdate();
        }
    }

    /** Inserts a passkey with this credential ID for the account in the rival's transaction. */
    static void insertPasskey(Connection rival, String credentialId, UUID userId) throws SQLException {
        try (PreparedStatement statement = rival.prepareStatement("insert into passkeys (credential_id, user_id, "
                + "public_key_cose, signature_count, aaguid, attestation_format, backup_eligible, backed_up, "
                + "user_verified, created_at) values (?, ?, '\\x01', 0, ?, 'none', false, false, true, now())")) {
            statement.setString(1, credentialId);
            statement.setObject(2, userId);
            statement.setObject(3, new UUID(0, 0));
            statement.executeUpdate();
        }
    }

    /** Waits until a statement of this database waits for a lock another transaction holds. */
    void awaitLockWait() throws Exception {
        for (int i = 0; i < 200; i++) {
            if (count("select count(*) from pg_stat_activity where datname = current_database() "
                    + "and wait_event_type = 'Lock'") > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no statement waited for a lock within 10 s");
    }

    private long count(String sql, String... values) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void update(String sql, Instant when, String hash) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(when));
            statement.setString(2, hash);
            if (statement.executeUpdate() != 1) {
                throw new AssertionError("no row for this token");
            }
        }
    }
}
