package dev.opsruns.jdbi;

import dev.opsruns.core.spi.RunStore;
import dev.opsruns.jdbi.testing.H2Extension;
import dev.opsruns.testkit.RunStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract (every SPI primitive, called directly) on an H2 file database. */
class H2FileRunStoreTest extends RunStoreContract {

    @RegisterExtension
    static final H2Extension DB = H2Extension.inFile();

    @Override
    protected RunStore createStore() {
        return DB.emptyStore();
    }
}
