package dev.opsruns.jdbi;

import dev.opsruns.core.spi.RunStore;
import dev.opsruns.jdbi.testing.H2Extension;
import dev.opsruns.testkit.RunStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract (every SPI primitive, called directly) on H2 in memory. */
class H2MemoryRunStoreTest extends RunStoreContract {

    @RegisterExtension
    static final H2Extension DB = H2Extension.inMemory();

    @Override
    protected RunStore createStore() {
        return DB.emptyStore();
    }
}
