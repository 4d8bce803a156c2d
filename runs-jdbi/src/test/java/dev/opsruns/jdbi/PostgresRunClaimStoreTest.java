package dev.opsruns.jdbi;

import dev.opsruns.core.spi.RunStore;
import dev.opsruns.jdbi.internal.JdbiRunStore;
import dev.opsruns.jdbi.testing.PostgresExtension;
import dev.opsruns.testkit.RunClaimStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The claim primitives' contract on the JDBI store over Postgres. */
class PostgresRunClaimStoreTest extends RunClaimStoreContract {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    @Override
    protected RunStore createStore() {
        DB.reset();
        return new JdbiRunStore(DB.dataSource(), DB.vendor());
    }
}
