package dev.opsruns.example.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Moves instants in and out of {@code timestamp with time zone} columns as UTC {@link OffsetDateTime}s,
 * which both H2 and PostgreSQL drivers map exactly, whatever the JVM's default zone is.
 */
public final class SqlTimes {

    private SqlTimes() {
    }

    /**
     * @param instant an instant, or null
     * @return the value to bind, or null
     */
    public static OffsetDateTime bindable(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * @param rs a result set on a row
     * @param column a {@code timestamp with time zone} column
     * @return its instant, or null
     * @throws SQLException when the column cannot be read
     */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
