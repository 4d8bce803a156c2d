/**
 * Test support for opsruns and its hosts: an in-memory {@link dev.opsruns.core.RunLedger}
 * ({@link dev.opsruns.testkit.InMemoryRunLedger}), a {@link dev.opsruns.testkit.ManualClock}, and the
 * contract suites every store implementation passes ({@link dev.opsruns.testkit.RunRegistryContract},
 * {@link dev.opsruns.testkit.RunQueriesContract}, {@link dev.opsruns.testkit.RunMaintenanceContract}).
 */
package dev.opsruns.testkit;
