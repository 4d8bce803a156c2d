package dev.opsruns.jdbi;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.testing.H2Extension;
import dev.opsruns.testkit.RunQueriesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The monitoring side contract on H2 in memory. */
class H2MemoryRunQueriesTest extends RunQueriesContract {

    @RegisterExtension
    static final H2Extension DB = H2Extension.inMemory();

    @Override
    protected RunLedger createLedger(RunsConfig config) {
        return DB.emptyLedger(config);
    }
}
