package dev.opsruns.testkit;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * Everything a ledger promises, in one class to extend: the write side ({@link RunRegistryContract}),
 * the read side ({@link RunQueriesContract}), statistics ({@link RunStatisticsContract}), new failures
 * since a visit ({@link NewFailuresContract}), notifications ({@link NotificationContract}), claims
 * ({@link RunClaimContract}), maintenance ({@link RunMaintenanceContract}), start policies
 * ({@link StartPolicyContract}) and run events ({@link RunListenerContract}), each run in a nested group
 * against a ledger the subclass creates.
 *
 * <p>A store of one's own is "implement the SPI, extend two classes": this one, over
 * {@code RunLedger.over(store, config)}, and {@link RunStoreContract} for the primitives themselves.
 *
 * <pre>{@code
 * class MyStoreLedgerTest extends RunLedgerContract {
 *     @Override
 *     protected RunLedger createLedger(RunsConfig config) {
 *         return RunLedger.over(MyStore.empty(), config);
 *     }
 * }
 * }</pre>
 */
public abstract class RunLedgerContract {

    /**
     * Creates the ledger under test. Called before every test, and again by tests that need another
     * configuration (the earlier ledger is then abandoned).
     *
     * @param config the settings to use, exactly as given (its clock is a {@code ManualClock})
     * @return a ledger over EMPTY state: no runs, failures, notifications or visits in any tenant, on every call
     */
    protected abstract RunLedger createLedger(RunsConfig config);

    /** The write side. */
    @Nested
    @DisplayName("registry")
    class Registry extends RunRegistryContract {
        @Override
        protected RunLedger createLedger(RunsConfig config) {
            return RunLedgerContract.this.createLedger(config);
        }
    }

    /** The read side. */
    @Nested
    @DisplayName("queries")
    class Queries extends RunQueriesContract {
        @Override
        protected RunLedger createLedger(RunsConfig config) {
            return RunLedgerContract.this.createLedger(config);
        }
    }

    /** Statistics over time. */
    @Nested
    @DisplayName("statistics")
    class Statistics extends RunStatisticsContract {
        @Override
        protected RunLedger createLedger(RunsConfig config) {
            return RunLedgerContract.this.createLedger(config);
        }
    }

    /** New failures since a user's last visit. */
    @Nested
    @DisplayName("new failures")
    class SinceLastVisit extends NewFailuresContract {
        @Override
        protected RunLedger createLedger(RunsConfig config) {
            return RunLedgerContract.this.createLedger(config);
        }
    }

    /** Notifications. */
    @Nested
    @DisplayName("notifications")
    class Notifications extends NotificationContract {
        @Override
        protected RunLedger createLedger(RunsConfig config) {
            return RunLedgerContract.this.createLedger(config);
        }
    }

    /** Claims, leases and fencing. */
    @Nested
    @DisplayName("claims")
    class Claims extends RunClaimContract {
        @Override
        protected RunLedger createLedger(RunsConfig config) {
            return RunLedgerContract.this.createLedger(config);
        }
    }

    /** The reaper and the purge. */
    @Nested
    @DisplayName("maintenance")
    class Maintenance extends RunMaintenanceContract {
        @Override
        protected RunLedger createLedger(RunsConfig config) {
            return RunLedgerContract.this.createLedger(config);
        }
    }

    /** Reuse and conflict policies, caller keys and batch starts. */
    @Nested
    @DisplayName("start policies")
    class StartPolicies extends StartPolicyContract {
        @Override
        protected RunLedger createLedger(RunsConfig config) {
            return RunLedgerContract.this.createLedger(config);
        }
    }

    /** Run events heard by listeners. */
    @Nested
    @DisplayName("listeners")
    class Listeners extends RunListenerContract {
        @Override
        protected RunLedger createLedger(RunsConfig config) {
            return RunLedgerContract.this.createLedger(config);
        }
    }
}
