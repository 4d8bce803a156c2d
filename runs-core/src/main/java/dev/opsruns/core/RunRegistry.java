package dev.opsruns.core;

import java.util.ArrayList;
import java.util.List;

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
     * <p>The run type's {@link StartPolicy} refines this: its {@link ReusePolicy} may return an ended run
     * (or refuse the start) when none is active, and {@link ConflictPolicy#REPLACE} aborts the active run
     * as {@link ReasonCode#RUN_SUPERSEDED} and starts a new one. A request with a caller key
     * ({@link StartRequest#withCallerKey}) returns any run of its key, active or ended, until it is
     * purged: the key names one operation, whose answer does not change.
     *
     * @param request what to start
     * @return {@link StartOutcome.Started} or {@link StartOutcome.Reused}
     * @throws RunAccessDeniedException when the user may not start runs in the tenant (nothing written)
     * @throws InvalidRunInputException when the request is null
     * @throws RunStartRefusedException when the type refuses a new start within a window
     *     ({@link ReusePolicy.Kind#REFUSE_WITHIN}) after a run of the key ended (nothing written)
     * @throws IdempotencyKeyMismatchException when the caller key is held by a run of another run type
     *     or context (nothing written)
     * @throws RunStoreUnavailableException when the store cannot be reached
     */
    StartOutcome startOrReuse(StartRequest request);

    /** The most requests one {@link #startOrReuseAll} call takes. */
    int MAX_START_BATCH = 1_000;

    /**
     * {@link #startOrReuse} for each request of a batch, in as few store round trips as the store
     * allows: one outcome per request, in order. The whole batch is checked (size, nulls, two requests
     * for the same tenant and key, access) before anything is written; after that, each element is
     * atomic on its own, and an element refused by its policy throws as {@link #startOrReuse} would
     * (elements before it keep their effect).
     *
     * @param requests 1 to {@link #MAX_START_BATCH} requests, no two with the same tenant and key
     * @return the outcomes, in the order of the requests
     * @throws InvalidRunInputException when the batch is empty, too long, holds a null or two requests of
     *     the same tenant and key (nothing written)
     * @throws RunAccessDeniedException when a user may not start one of the runs (nothing written)
     * @throws RunStartRefusedException as {@link #startOrReuse} does
     * @throws IdempotencyKeyMismatchException as {@link #startOrReuse} does
     */
    default List<StartOutcome> startOrReuseAll(List<StartRequest> requests) {
        dev.opsruns.core.internal.StartBatches.check(requests);
        List<StartOutcome> outcomes = new ArrayList<>(requests.size());
        for (StartRequest r : requests) {
            outcomes.add(startOrReuse(r));
        }
        return outcomes;
    }

    /**
     * Claims a run for the calling worker, exclusively: a {@code pending} run becomes {@code running}
     * as attempt 1; a running run whose lease expired (its worker sent no heartbeat for the lease of its
     * type) is taken over as the next attempt, while attempts are left. Exactly one of any number of
     * concurrent callers, in any process, gets {@link ClaimOutcome.Claimed}; the others learn that the
     * run is {@link ClaimOutcome.Held held}, {@link ClaimOutcome.Ended ended} or
     * {@link ClaimOutcome.NotFound not found}. When the last attempt's lease has expired, this call
     * fails the run as {@link ReasonCode#RUN_ATTEMPTS_EXHAUSTED} and says {@link ClaimOutcome.Exhausted}.
     *
     * <p>Leases and attempt limits come from {@link RunsConfig#claimPolicy()}. A claimed run takes the
     * fenced calls below (with the {@link RunClaim}); its calls without a claim are refused.
     *
     * @param runId the run
     * @return what happened
     * @throws InvalidRunInputException when the run id is null
     */
    ClaimOutcome claim(RunId runId);

    /**
     * Refreshes the claim's lease (the run's heartbeat).
     *
     * @param claim the caller's claim
     * @throws RunClaimRefusedException when it is not the run's current claim, or the run ended
     * @throws RunNotFoundException when no such run exists
     */
    void heartbeat(RunClaim claim);

    /**
     * {@link #setTotal(RunId, long)} for the holder of a claim.
     *
     * @param claim the caller's claim
     * @param total the number of items, zero or more
     * @throws InvalidRunInputException when {@code total} is negative
     * @throws RunClaimRefusedException when it is not the run's current claim, or the run ended
     * @throws RunNotFoundException when no such run exists
     */
    void setTotal(RunClaim claim, long total);

    /**
     * {@link #recordProgress(RunId, ProgressDelta)} for the holder of a claim.
     *
     * @param claim the caller's claim
     * @param delta what to add
     * @throws InvalidRunInputException when the delta is null
     * @throws RunClaimRefusedException when it is not the run's current claim, or the run ended
     * @throws RunNotFoundException when no such run exists
     */
    void recordProgress(RunClaim claim, ProgressDelta delta);

    /**
     * {@link #recordItemFailure(RunId, String, ReasonCode, String)} for the holder of a claim.
     *
     * @param claim the caller's claim
     * @param itemKey the item's id
     * @param reasonCode the stable reason
     * @param message the raw message; sanitized before it is stored
     * @throws InvalidRunInputException for a null or invalid argument
     * @throws RunClaimRefusedException when it is not the run's current claim, or the run ended
     * @throws RunNotFoundException when no such run exists
     */
    void recordItemFailure(RunClaim claim, String itemKey, ReasonCode reasonCode, String message);

    /**
     * {@link #finish(RunId)} for the holder of a claim.
     *
     * @param claim the caller's claim
     * @return the ended run
     * @throws RunClaimRefusedException when it is not the run's current claim, or the run ended
     * @throws RunNotFoundException when no such run exists
     */
    Run finish(RunClaim claim);

    /**
     * {@link #fail(RunId, ReasonCode, String)} for the holder of a claim.
     *
     * @param claim the caller's claim
     * @param reasonCode the stable reason
     * @param message the raw message; sanitized before it is stored
     * @return the ended run
     * @throws InvalidRunInputException for a null argument
     * @throws RunClaimRefusedException when it is not the run's current claim, or the run ended
     * @throws RunNotFoundException when no such run exists
     */
    Run fail(RunClaim claim, ReasonCode reasonCode, String message);

    /**
     * Moves a {@code pending} run to {@code running} (a worker picked it up) and sets its heartbeat.
     * On a run that is already running it succeeds and refreshes the heartbeat: a retried job resumes.
     * This is the single-process path, without a claim: a fleet of workers uses {@link #claim} instead,
     * and this call is refused ({@link RunClaimRefusedException}) on a run a worker has claimed, as are
     * the other worker calls that take only a run id. {@link #abort} is not: anyone may stop a run.
     *
     * @param runId the run
     * @return the run after the call
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run has ended, or a worker has claimed it ({@link RunClaimRefusedException})
     */
    Run markRunning(RunId runId);

    /**
     * Refreshes the heartbeat of a running run, so the reaper leaves it alone.
     *
     * @param runId the run
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run is not running, or a worker has claimed it ({@link RunClaimRefusedException})
     */
    void heartbeat(RunId runId);

    /**
     * Announces how many items the run will process (for the progress bar).
     *
     * @param runId the run
     * @param total the number of items, zero or more
     * @throws InvalidRunInputException when {@code total} is negative
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run is not running, or a worker has claimed it ({@link RunClaimRefusedException})
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
     * @throws IllegalRunTransitionException when the run is not running, or a worker has claimed it ({@link RunClaimRefusedException})
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
     * @throws IllegalRunTransitionException when the run is not running, or a worker has claimed it ({@link RunClaimRefusedException})
     */
    void recordItemFailure(RunId runId, String itemKey, ReasonCode reasonCode, String message);

    /**
     * Ends a running run as {@code completed} (no failed items) or {@code completed_with_errors}, and
     * notifies the initiating user.
     *
     * @param runId the run
     * @return the ended run
     * @throws RunNotFoundException when no such run exists
     * @throws IllegalRunTransitionException when the run is not running, or a worker has claimed it ({@link RunClaimRefusedException})
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
     * @throws IllegalRunTransitionException when the run has already ended, or a worker has claimed it ({@link RunClaimRefusedException})
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
