package dev.opsruns.jdbi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;

/**
 * How instants and UUIDs travel to and from the database. Instants go as UTC
 * {@link OffsetDateTime}s through {@code setObject}, never as {@link java.sql.Timestamp}: a Timestamp
 * is read in the JVM's zone, and a JVM zone with a daylight-saving gap would shift some instants.
 */
final class Binds {

    private Binds() {
    }

    /** @return an argument binding the instant (or SQL NULL) to a timestamp-with-time-zone column */
    static Argument instant(Instant value) {
        if (value == null) {
            return (position, statement, ctx) -> statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        OffsetDateTime utc = OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
        return (position, statement, ctx) -> statement.setObject(position, utc);
    }

    /** @return an argument binding the UUID to a uuid column */
    static Argument uuid(UUID value) {
        return (position, statement, ctx) -> statement.setObject(position, value);
    }

    /** @return the instant in {@code column}, or null */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** @return the instant in column {@code index} (1-based), or null */
    static Instant instant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** @return the UUID in {@code column} */
    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }
}
