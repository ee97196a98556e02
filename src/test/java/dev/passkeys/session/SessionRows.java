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
