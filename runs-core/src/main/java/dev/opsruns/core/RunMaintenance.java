package dev.opsruns.core;

import java.util.List;

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

    /**
     * The runs a dispatcher's sweeper should hand to workers (again): running runs whose lease has
     * expired (their worker is gone; a claim takes them over, or fails them when no attempt is left),
     * oldest heartbeat first, then pending runs, oldest first. Reading only: safe from every instance.
     * Handing a run to two workers is harmless, since only one of them can claim it.
     *
     * @param limit the most runs, 1-10,000
     * @return their ids
     * @throws InvalidRunInputException when the limit is out of range
     */
    List<RunId> runsToDispatch(int limit);
}
