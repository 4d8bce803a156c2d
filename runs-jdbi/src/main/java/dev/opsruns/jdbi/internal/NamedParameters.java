package dev.opsruns.jdbi.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Where the values of a statement's {@code :name} parameters go: a JDBI statement, or a
 * {@link PlainStatement} on the hot paths. Lets one binding method ({@link NewRun}) serve both.
 */
interface NamedParameters {

    /**
     * @param name the parameter's name, without the colon
     * @param value the text, or null
     * @return this
     * @throws SQLException when the driver refuses the value
     */
    NamedParameters string(String name, String value) throws SQLException;

    /**
     * @param name the parameter's name, without the colon
     * @param value the number
     * @return this
     * @throws SQLException when the driver refuses the value
     */
    NamedParameters number(String name, long value) throws SQLException;

    /**
     * @param name the parameter's name, without the colon
     * @param value the UUID, not null
     * @return this
     * @throws SQLException when the driver refuses the value
     */
    NamedParameters uuid(String name, UUID value) throws SQLException;

    /**
     * @param name the parameter's name, without the colon
     * @param value the instant, or null
     * @return this
     * @throws SQLException when the driver refuses the value
     */
    NamedParameters instant(String name, Instant value) throws SQLException;

    /**
     * @param statement a JDBI statement
     * @return parameters bound to it, in the forms {@link Binds} gives
     */
    static NamedParameters of(SqlStatement<?> statement) {
        return new NamedParameters() {
            @Override
            public NamedParameters string(String name, String value) {
                statement.bind(name, value);
                return this;
            }

            @Override
            public NamedParameters number(String name, long value) {
                statement.bind(name, value);
                return this;
            }

            @Override
            public NamedParameters uuid(String name, UUID value) {
                statement.bind(name, Binds.uuid(value));
                return this;
            }

            @Override
            public NamedParameters instant(String name, Instant value) {
                statement.bind(name, Binds.instant(value));
                return this;
            }
        };
    }
}
