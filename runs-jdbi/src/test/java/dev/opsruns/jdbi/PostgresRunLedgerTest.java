package dev.opsruns.jdbi;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.testing.PostgresExtension;
import dev.opsruns.testkit.RunLedgerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole ledger contract (registry, queries, notifications, maintenance) on PostgreSQL. */
class PostgresRunLedgerTest extends RunLedgerContract {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    @Override
    protected RunLedger createLedger(RunsConfig config) {
        return DB.emptyLedger(config);
    }
}
