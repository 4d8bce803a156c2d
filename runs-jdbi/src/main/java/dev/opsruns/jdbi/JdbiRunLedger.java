package dev.opsruns.jdbi;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStoreException;
import dev.opsruns.core.RunStoreUnavailableException;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.internal.JdbiRunStore;
import javax.sql.DataSource;

/**
 * The durable {@link RunLedger} on H2 or PostgreSQL, over any {@link DataSource} (a connection pool
 * in production): the ledger's engine over a JDBI store. Thread-safe; create one per database and
 * share it.
 *
 * <p>Every call is one transaction: it takes full effect, with the notifications it causes, or none.
 * Database failures surface as {@link RunStoreUnavailableException} (the database cannot be reached;
 * retry later) or {@link RunStoreException}; no {@code SQLException} or JDBI exception escapes.
 *
 * <p>The tables must exist: run {@link OpsRunsMigrations#migrate(DataSource)} first, or ask the
 * builder to with {@link Builder#migrate(boolean)}. The vendor is read from the database's metadata
 * on first use, so a ledger can be created while the database is still down.
 *
 * <p>On PostgreSQL a new run costs one statement (an {@code INSERT ... ON CONFLICT DO NOTHING} on
 * the partial unique index over active runs, with the "queued" notification in the same statement)
 * and a commit; progress is one atomic {@code UPDATE} per call, so per-item progress should be
 * coalesced with {@link dev.opsruns.core.ProgressRecorder}.
 */
public final class JdbiRunLedger implements RunLedger {

    private final RunLedger engine;

    private JdbiRunLedger(DataSource dataSource, RunsConfig config, DatabaseVendor vendor) {
        this.engine = RunLedger.over(new JdbiRunStore(dataSource, vendor), config);
    }

    /**
     * A ledger over a database whose opsruns tables are already migrated.
     *
     * @param dataSource the database
     * @param config the settings
     * @return the ledger
     * @throws InvalidRunInputException when an argument is null
     */
    public static JdbiRunLedger create(DataSource dataSource, RunsConfig config) {
        return builder(dataSource).config(config).build();
    }

    /**
     * @param dataSource the database
     * @return a builder with {@link RunsConfig#defaults()}, vendor detection and no migration
     * @throws InvalidRunInputException when the data source is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public RunRegistry registry() {
        return engine.registry();
    }

    @Override
    public RunQueries queries() {
        return engine.queries();
    }

    @Override
    public NotificationInbox notifications() {
        return engine.notifications();
    }

    @Override
    public RunMaintenance maintenance() {
        return engine.maintenance();
    }

    @Override
    public RunsConfig config() {
        return engine.config();
    }

    /** Collects the settings of a {@link JdbiRunLedger}. */
    public static final class Builder {
        private final DataSource dataSource;
        private RunsConfig config = RunsConfig.defaults();
        private DatabaseVendor vendor;
        private boolean migrate;

        private Builder(DataSource dataSource) {
            if (dataSource == null) {
                throw new InvalidRunInputException("dataSource", "is required but was null");
            }
            this.dataSource = dataSource;
        }

        /**
         * @param value the settings (default {@link RunsConfig#defaults()})
         * @return this builder
         * @throws InvalidRunInputException when null
         */
        public Builder config(RunsConfig value) {
            if (value == null) {
                throw new InvalidRunInputException("config", "is required but was null");
            }
            this.config = value;
            return this;
        }

        /**
         * @param value the database vendor, to skip detection from the metadata; null to detect
         * @return this builder
         */
        public Builder vendor(DatabaseVendor value) {
            this.vendor = value;
            return this;
        }

        /**
         * @param value true to run {@link OpsRunsMigrations#migrate(DataSource)} in {@link #build()}
         *     (default false)
         * @return this builder
         */
        public Builder migrate(boolean value) {
            this.migrate = value;
            return this;
        }

        /**
         * @return the ledger
         * @throws RunStoreUnavailableException when migrating and the database cannot be reached
         * @throws RunStoreException when migrating fails otherwise
         */
        public JdbiRunLedger build() {
            if (migrate) {
                OpsRunsMigrations.migrate(dataSource);
            }
            return new JdbiRunLedger(dataSource, config, vendor);
        }
    }
}
