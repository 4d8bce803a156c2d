package dev.opsruns.core;

/**
 * Keeps the ledger healthy. Both operations are safe to run from many app instances at
 * once: no run is reaped twice, no notification doubled, no active run deleted.
 */
public interface RunMaintenance {

    /**
     * Ends stale running runs ({@code run.stale}) and pending runs never started
     * ({@code run.never_started}) as {@code failed}, each by compare-and-set, notifying initiators.
     *
     * @param policy the thresholds
     * @return the runs this pass ended
     * @throws InvalidRunInputException when the policy is null
     */
    ReapReport reapStaleRuns(StaleRunPolicy policy);

    /**
     * What {@link #reapStaleRuns} would end now, without ending or changing anything: for health
     * checks and dashboards (runs whose heartbeat is overdue, runs queued too long).
     *
     * @param policy the thresholds, the same a reaper pass uses
     * @return the runs a pass would end now, at most {@link StaleRunPolicy#maxRunsPerPass()} of them
     * @throws InvalidRunInputException when the policy is null
     */
    ReapReport findStaleRuns(StaleRunPolicy policy);

    /**
     * Deletes ended runs that finished before now minus the retention, in batches, until none is left.
     *
     * @param policy the retention and batch size
     * @return how many runs were deleted, in how many batches
     * @throws InvalidRunInputException when the policy is null
     */
    PurgeReport purgeEndedRuns(RetentionPolicy policy);
}
