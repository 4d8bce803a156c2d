package dev.opsruns.jdbi;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.testing.H2Extension;
import dev.opsruns.testkit.RunLedgerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole ledger contract (registry, queries, notifications, maintenance) on an H2 file database. */
class H2FileRunLedgerTest extends RunLedgerContract {

    @RegisterExtension
    static final H2Extension DB = H2Extension.inFile();

    @Override
    protected RunLedger createLedger(RunsConfig config) {
        return DB.emptyLedger(config);
    }
}
