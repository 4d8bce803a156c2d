package dev.opsruns.jdbi;

import dev.opsruns.core.spi.RunStore;
import dev.opsruns.jdbi.testing.PostgresExtension;
import dev.opsruns.testkit.RunStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract (every SPI primitive, called directly) on PostgreSQL. */
class PostgresRunStoreTest extends RunStoreContract {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    @Override
    protected RunStore createStore() {
        return DB.emptyStore();
    }
}
