package dev.opsruns.example;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;
import javax.sql.DataSource;

/**
 * Opens the run ledger on the app's database, migrating opsruns' own tables first. The default is the
 * durable JDBI store ({@link #durable()}); tests of the app itself may plug another implementation.
 */
@FunctionalInterface
public interface LedgerFactory {

    /**
     * @param dataSource the app's database
     * @param config the ledger's settings
     * @return the ledger
     */
    RunLedger open(DataSource dataSource, RunsConfig config);

    /** @return the durable store: opsruns' Flyway migrations, then {@code JdbiRunLedger} */
    static LedgerFactory durable() {
        return (dataSource, config) -> {
            dev.opsruns.jdbi.OpsRunsMigrations.migrate(dataSource);
            return dev.opsruns.jdbi.JdbiRunLedger.create(dataSource, config);
        };
    }
}
