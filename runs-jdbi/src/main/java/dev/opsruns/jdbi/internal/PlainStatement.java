package dev.opsruns.jdbi.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/** A prepared {@link PlainSql}: its parameters are set by name, then the JDBC statement runs. */
final class PlainStatement implements NamedParameters, AutoCloseable {

    private final PreparedStatement statement;
    private final Map<String, int[]> positions;

    PlainStatement(PreparedStatement statement, Map<String, int[]> positions) {
        this.statement = statement;
        this.positions = positions;
    }

    /** @return the JDBC statement, to execute */
    PreparedStatement jdbc() {
        return statement;
    }

    @Override
    public PlainStatement string(String name, String value) throws SQLException {
        for (int p : at(name)) {
            statement.setString(p, value);
        }
        return this;
    }

    @Override
    public PlainStatement number(String name, long value) throws SQLException {
        for (int p : at(name)) {
            statement.setLong(p, value);
        }
        return this;
    }

    @Override
    public PlainStatement uuid(String name, UUID value) throws SQLException {
        for (int p : at(name)) {
            statement.setObject(p, value);
        }
        return this;
    }

    @Override
    public PlainStatement instant(String name, Instant value) throws SQLException {
        // as Binds does: a UTC OffsetDateTime, never a Timestamp read in the JVM's zone
        OffsetDateTime utc = value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
        for (int p : at(name)) {
            if (utc == null) {
                statement.setNull(p, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(p, utc);
            }
        }
        return this;
    }

    private int[] at(String name) {
        int[] at = positions.get(name);
        if (at == null) {
            throw new IllegalArgumentException("the statement has no parameter :" + name);
        }
        return at;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
