package dev.opsruns.jdbi;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.testing.PostgresExtension;
import dev.opsruns.testkit.RunMaintenanceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reaper and purge contract on PostgreSQL. */
class PostgresRunMaintenanceTest extends RunMaintenanceContract {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    @Override
    protected RunLedger createLedger(RunsConfig config) {
        return DB.emptyLedger(config);
    }
}
