package dev.passkeys.token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.inject.Singleton;

import io.agroal.api.AgroalDataSource;

/**
 * Secrets that every replica must agree on without configuration, kept in PostgreSQL; the first replica to
 * store one wins. Only read at start-up, so the blocking JDBC pool (there for migrations) is fine here.
 */
@Singleton
public class ServerSecrets {

    private final AgroalDataSource dataSource;

    ServerSecrets(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stored secret of this name, storing {@code candidate} first when there is none. */
    public String getOrCreate(String name, String candidate) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, name);
                insert.setString(2, candidate);
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT value FROM server_secrets WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The shared secret '" + name + "' cannot be read from PostgreSQL", e);
        }
    }
}
