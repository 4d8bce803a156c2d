package org.example.boot;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.testkit.RunRegistryContract;

class H2RegistryContractTest extends RunRegistryContract {

    private static final H2Database DB = new H2Database();

    @Override
    protected RunLedger createLedger(RunsConfig config) {
        return DB.emptyLedger(config);
    }
}
