package dev.opsruns.core;

/**
 * The write side: producers start runs, workers report on them.
 *
 * <p>Every method runs as one atomic step: it either takes full effect (including the notifications
 * it causes) or none. Bad input is refused with {@link InvalidRunInputException} before any store
 * work. Transitions are compare-and-set: a refused one throws {@link IllegalRunTransitionException}
 * and changes nothing. Messages are sanitized by the configured {@link FailureSanitizer} before they
 * are stored. Implementations are thread-safe.
 */
public interface RunRegistry {

    /**
     * Starts a new {@code pending} run, or returns the active ({@code pending} or {@code running}) run
     * with the same tenant and idempotency key. Correct under any number of concurrent callers: at most
     * one active run per (tenant, key). A user start is checked against the access policy first; the
     * requesting user is notified ("queued" or "reused").
     *
     * @param request what to start
     * @return {@link StartOutcome.Started} or {@link StartOutcome.Reused}
     * @throws RunAccessDeniedException when the user may not start runs in the tenant (nothing written)
     * @throws InvalidRunInputException when the request is null
     * @throws RunStoreUnavailableException when the store cannot be reached
     */
    StartOutcome startOrReuse(StartRequest request);

    /**
     * Moves a {@code pending} run to {@code running} (a worker picked it up) and sets its heartbeat.
     * On a run that is already running it succeeds and refreshes the heartbeat: a retried job resumes.
     *
     * @param runId the run
     * @return the run after the call
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run has ended
     */
    Run markRunning(RunId runId);

    /**
     * Refreshes the heartbeat of a running run, so the reaper leaves it alone.
     *
     * @param runId the run
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run is not running
     */
    void heartbeat(RunId runId);

    /**
     * Announces how many items the run will process (for the progress bar).
     *
     * @param runId the run
     * @param total the number of items, zero or more
     * @throws InvalidRunInputException when {@code total} is negative
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run is not running
     */
    void setTotal(RunId runId, long total);

    /**
     * Adds a delta to the run's counts atomically (no lost update under concurrent workers) and
     * refreshes its heartbeat when that is more than a second old (a hot run's many reports then do
     * not rewrite the heartbeat each time; reaper thresholds are minutes).
     *
     * @param runId the run
     * @param delta what to add
     * @throws InvalidRunInputException when the delta is null
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run is not running
     */
    void recordProgress(RunId runId, ProgressDelta delta);

    /**
     * Records that one item failed: counts it in {@code failed}, and stores the failure (with its
     * message sanitized) while fewer than the configured cap are stored for the run; past the cap only
     * the count grows. Refreshes the heartbeat.
     *
     * @param runId the run
     * @param itemKey the item's id
     * @param reasonCode the stable reason
     * @param message the raw message; sanitized before it is stored
     * @throws InvalidRunInputException for a null or invalid argument
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run is not running
     */
    void recordItemFailure(RunId runId, String itemKey, ReasonCode reasonCode, String message);

    /**
     * Ends a running run as {@code completed} (no failed items) or {@code completed_with_errors}, and
     * notifies the initiating user.
     *
     * @param runId the run
     * @return the ended run
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run is not running
     */
    Run finish(RunId runId);

    /**
     * Ends an active run as {@code failed} with a run-level failure (message sanitized), and notifies
     * the initiating user.
     *
     * @param runId the run
     * @param reasonCode the stable reason
     * @param message the raw message; sanitized before it is stored
     * @return the ended run
     * @throws InvalidRunInputException for a null argument
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run has already ended
     */
    Run fail(RunId runId, ReasonCode reasonCode, String message);

    /**
     * Ends an active run as {@code aborted} (stopped on purpose), and notifies the initiating user.
     *
     * @param runId the run
     * @param reasonCode the stable reason
     * @param message the raw message; sanitized before it is stored
     * @return the ended run
     * @throws InvalidRunInputException for a null argument
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run has already ended
     */
    Run abort(RunId runId, ReasonCode reasonCode, String message);

    /**
     * Reads one run for a worker, without tenant or role checks (workers hold only the run id).
     * Monitoring reads go through {@link RunQueries} instead.
     *
     * @param runId the run
     * @return the run
     * @throws RunNotFoundException when no such run exists
     */
    Run get(RunId runId);
}
