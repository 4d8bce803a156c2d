package org.example.host;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.testkit.InMemoryRunLedger;
import dev.opsruns.testkit.RunLedgerContract;

class InMemoryLedgerContractTest extends RunLedgerContract {
    @Override
    protected RunLedger createLedger(RunsConfig config) {
        return InMemoryRunLedger.create(config);
    }
}
