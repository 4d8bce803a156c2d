package dev.opsruns.testkit;

import dev.opsruns.core.spi.RunStore;
import dev.opsruns.testkit.internal.InMemoryRunStore;

/** The in-memory store against the whole {@link RunStoreContract}. */
class InMemoryRunStoreTest extends RunStoreContract {

    @Override
    protected RunStore createStore() {
        return new InMemoryRunStore();
    }
}
