package dev.opsruns.testkit;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;

/** The in-memory ledger against the whole {@link RunLedgerContract}. */
class InMemoryRunLedgerTest extends RunLedgerContract {

    @Override
    protected RunLedger createLedger(RunsConfig config) {
        return InMemoryRunLedger.create(config);
    }
}
