package dev.opsruns.core;

/**
 * One store's handles: the write side, the read side, the notification inbox and maintenance, all
 * sharing one {@link RunsConfig}. {@code JdbiRunLedger} (runs-jdbi) and {@code InMemoryRunLedger}
 * (runs-testkit) implement it.
 */
public interface RunLedger {

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
