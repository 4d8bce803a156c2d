package dev.opsruns.testkit;

import dev.opsruns.core.spi.RunStore;
import dev.opsruns.testkit.internal.InMemoryRunStore;

/** The in-memory store against the claim primitives' contract. */
class InMemoryRunClaimStoreTest extends RunClaimStoreContract {

    @Override
    protected RunStore createStore() {
        return new InMemoryRunStore();
    }
}
