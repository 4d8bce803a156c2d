package dev.opsruns.jdbi.testing;

import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.DatabaseVendor;
import dev.opsruns.jdbi.JdbiRunLedger;
import dev.opsruns.jdbi.internal.JdbiRunStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** A migrated database a test runs against. */
public interface TestDatabase {

    /** @return a pooled data source over the database */
    DataSource dataSource();

    /** @return which vendor it is */
    DatabaseVendor vendor();

    /** Deletes every run, item failure and notification. */
    void reset();

    /**
     * @param config the settings
     * @return a ledger over this database after {@link #reset()}: empty state, as the contract suites want
     */
    default JdbiRunLedger emptyLedger(RunsConfig config) {
        reset();
        return JdbiRunLedger.create(dataSource(), config);
    }

    /**
     * @return the store alone over this database after {@link #reset()}: empty state, as the store
     *     contract wants (the vendor detected on first use, as a host's ledger does)
     */
    default JdbiRunStore emptyStore() {
        reset();
        return new JdbiRunStore(dataSource(), null);
    }

    /**
     * Runs SQL statements directly, for seeding rows the API cannot produce.
     *
     * @param sql the statements, each run as it is
     */
    default void execute(String... sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }
}
