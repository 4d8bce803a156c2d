package dev.opsruns.core;

import dev.opsruns.core.internal.EngineLedger;
import dev.opsruns.core.spi.RunStore;

/**
 * One store's handles: the write side, the read side, the notification inbox and maintenance, all
 * sharing one {@link RunsConfig}. {@code JdbiRunLedger} (runs-jdbi) and {@code InMemoryRunLedger}
 * (runs-testkit) are this engine over their stores; {@link #over} puts it over any other.
 */
public interface RunLedger {

    /**
     * The ledger over a store: every rule of opsruns (checks, access, idempotency, sanitizing,
     * notifications, paging, maintenance) applied in front of the store's primitives. This is how a
     * store of one's own becomes a ledger.
     *
     * @param store the store
     * @param config the settings
     * @return the ledger; thread-safe
     * @throws InvalidRunInputException when an argument is null
     */
    static RunLedger over(RunStore store, RunsConfig config) {
        return new EngineLedger(store, config);
    }

    /** @return the write side */
    RunRegistry registry();

    /** @return the monitoring side */
    RunQueries queries();

    /** @return users' notifications */
    NotificationInbox notifications();

    /** @return the reaper and the purge */
    RunMaintenance maintenance();

    /** @return the settings this ledger runs with */
    RunsConfig config();
}
