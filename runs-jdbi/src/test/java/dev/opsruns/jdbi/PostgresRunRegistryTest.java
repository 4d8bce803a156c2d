package dev.opsruns.jdbi;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.testing.PostgresExtension;
import dev.opsruns.testkit.RunRegistryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The write side contract on PostgreSQL. */
class PostgresRunRegistryTest extends RunRegistryContract {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    @Override
    protected RunLedger createLedger(RunsConfig config) {
        return DB.emptyLedger(config);
    }
}
