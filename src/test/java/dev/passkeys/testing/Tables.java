package dev.passkeys.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;

/** Reads and changes rows through JDBC, behind the service's back: counting what is left, moving an end. */
public final class Tables {

    private final AgroalDataSource dataSource;

    public Tables(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The single number a {@code select count(*) ...} answers; parameters are bound as strings. */
    public long count(String sql, String... values) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs an update; returns the rows changed. */
    public int update(String sql, String... values) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
