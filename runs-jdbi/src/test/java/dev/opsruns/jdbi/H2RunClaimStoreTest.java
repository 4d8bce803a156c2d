package dev.opsruns.jdbi;

import dev.opsruns.core.spi.RunStore;
import dev.opsruns.jdbi.internal.JdbiRunStore;
import dev.opsruns.jdbi.testing.H2Extension;
import dev.opsruns.testkit.RunClaimStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The claim primitives' contract on the JDBI store over H2. */
class H2RunClaimStoreTest extends RunClaimStoreContract {

    @RegisterExtension
    static final H2Extension DB = H2Extension.inMemory();

    @Override
    protected RunStore createStore() {
        DB.reset();
        return new JdbiRunStore(DB.dataSource(), DB.vendor());
    }
}
