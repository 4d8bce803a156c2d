package dev.opsruns.testkit;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;

/** The in-memory store against {@link RunMaintenanceContract}. */
class InMemoryRunMaintenanceTest extends RunMaintenanceContract {

    @Override
    protected RunLedger createLedger(RunsConfig config) {
        return InMemoryRunLedger.create(config);
    }
}
