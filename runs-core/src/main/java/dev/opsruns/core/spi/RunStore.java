package dev.opsruns.core.spi;

import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Notification;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStoreException;
import dev.opsruns.core.RunStoreUnavailableException;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The storage primitives under the ledger's engine. The engine checks input and access, builds the
 * idempotency key, sanitizes every message, takes every timestamp from the configured clock and
 * decides which transition notifies whom; a store only keeps records, and each primitive must be
 * <em>atomic</em> (all of its writes take effect, or none) and safe to call from any number of threads
 * and processes at once.
 *
 * <p>Every write that changes a run is a compare-and-set: it applies only when the run is in one of the
 * statuses the primitive names, and otherwise changes nothing and says so (false or empty). The engine
 * then reads the run with {@link #findRun} to explain the refusal.
 *
 * <p>Errors: a store throws {@link RunStoreUnavailableException} when its database cannot be reached
 * (with {@code outcomeUnknown} set when a write may have taken effect), and {@link RunStoreException}
 * for any other failure of its own; nothing else escapes, except what host code called back through
 * {@link #end}'s notification function throws, which must roll the end back and reach the caller as it
 * is.
 *
 * <p><b>Claims.</b> A run may be claimed by a worker ({@link #claim}): it then carries the claim's
 * token and attempt. The worker primitives exist twice: with a claim token, they apply only while the
 * token is the run's current one; without, only while the run has never been claimed. A caller
 * without the token cannot change a claimed run, except by {@link RunEnd.Kind#ABORT} and the reaper's
 * ends.
 *
 * <p>A SQL store can do each primitive in one statement, or one short transaction: that is the shape
 * this interface was cut to.
 */
public interface RunStore {

    // ------------------------------------------------------------------ starting

    /**
     * Stores a new {@code pending} run, with its "queued" notification, unless an active
     * ({@code pending} or {@code running}) run of the same tenant holds the same idempotency key.
     * Concurrent callers in any process must agree: at most one active run per (tenant, key), ever.
     *
     * @param run the new run, {@code pending}, exactly as it must be stored
     * @param queued the notification to store in the same atomic step, or null for none
     * @return {@link InsertOutcome.Inserted}; {@link InsertOutcome.Active} with the run that holds the
     *     key (nothing written); or {@link InsertOutcome.Contended} when the insert lost to a run that
     *     ended before it could be read (nothing written; the engine retries)
     */
    default InsertOutcome insertUnlessActive(Run run, Notification queued) {
        return insertUnlessActive(run, queued, null);
    }

    /**
     * {@link #insertUnlessActive(Run, Notification)}, and when the insert succeeded, in the same atomic
     * step, a look for the most recent ended run of the same tenant and key that {@code prior} counts:
     * when there is one, the insert is undone. Looking <em>after</em> the insert succeeded is what
     * makes it race-free: the insert can only succeed once any earlier run of the key has stopped being
     * active, so the look (READ COMMITTED is enough) sees that run's end.
     *
     * @param run the new run, {@code pending}, exactly as it must be stored
     * @param queued the notification to store in the same atomic step, or null for none
     * @param prior which ended runs answer the start instead, or null for none (then this is
     *     {@link #insertUnlessActive(Run, Notification)})
     * @return {@link InsertOutcome.Inserted}, {@link InsertOutcome.Active}, {@link InsertOutcome.Prior}
     *     (nothing written) or {@link InsertOutcome.Contended}
     */
    InsertOutcome insertUnlessActive(Run run, Notification queued, PriorLookup prior);

    /**
     * Starts {@code run} even when an active run holds its key: in one atomic step, ends the active run
     * by {@code RunEnd.abort(activeId, supersededBecause, run.createdAt())}, as {@link #end} would (with
     * the notification {@code ended} returns for it), and stores the new run and {@code queued}. When
     * no run is active it is {@link #insertUnlessActive(Run, Notification, PriorLookup)}. Concurrent
     * replacements in any process must leave one active run, and end each replaced run exactly once.
     *
     * @param run the new run, {@code pending}, exactly as it must be stored
     * @param queued its notification, or null
     * @param prior which ended runs answer the start when none is active, or null
     * @param supersededBecause the failure to end the active run with
     * @param ended maps the replaced run as ended to its notification, if any
     * @return {@link InsertOutcome.Superseded}, or what {@link #insertUnlessActive(Run, Notification,
     *     PriorLookup)} returns when no run was active; {@link InsertOutcome.Contended} when another start
     *     took the key in between (nothing written; the engine retries)
     */
    InsertOutcome replaceActive(Run run, Notification queued, PriorLookup prior, RunFailure supersededBecause,
            Function<Run, Optional<Notification>> ended);

    /**
     * Several {@link #insertUnlessActive(Run, Notification)} calls at once, with as few round trips as
     * the store allows; each element is atomic on its own (the batch as a whole need not be). The runs'
     * (tenant, key) pairs are distinct. This default makes one call per run.
     *
     * @param runs the new runs, with their notifications (null for none) in {@code queued} at the same index
     * @param queued the notifications, the same size as {@code runs}
     * @return one outcome per run, in order: {@link InsertOutcome.Inserted}, {@link InsertOutcome.Active}
     *     or {@link InsertOutcome.Contended}
     */
    default List<InsertOutcome> insertAllUnlessActive(List<Run> runs, List<Notification> queued) {
        List<InsertOutcome> outcomes = new java.util.ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            outcomes.add(insertUnlessActive(runs.get(i), queued.get(i)));
        }
        return outcomes;
    }

    /**
     * Stores one notification (the engine's "reused" notice, which belongs to no transition).
     *
     * @param notification the notification
     */
    void insertNotification(Notification notification);

    // ------------------------------------------------------------------ workers

    /**
     * @param runId a run
     * @return the run as stored, in any tenant
     */
    Optional<Run> findRun(RunId runId);

    /**
     * @param runId a run
     * @return the run with its claim (token and attempt), in any tenant
     */
    Optional<StoredClaim> findClaim(RunId runId);

    /**
     * Compare-and-set that claims a run: applies when the run's attempt count is below its type's
     * limit ({@link ClaimTerms#maxAttemptsFor}) and the run is {@code pending}, or {@code running} with a
     * heartbeat before its type's lease cutoff (claimed or not). It then sets status {@code running},
     * keeps a first {@code startedAt} (sets it to {@code at} otherwise), sets the heartbeat to {@code at},
     * the claim token to {@code token} and the attempt to one more. Concurrent callers in any process
     * must agree: one of them succeeds.
     *
     * @param runId the run
     * @param token the new claim's token
     * @param at now
     * @param terms lease cutoffs and attempt limits
     * @return the run and its new claim, or empty when nothing changed
     */
    Optional<StoredClaim> claim(RunId runId, UUID token, Instant at, ClaimTerms terms);

    /**
     * {@link #heartbeat(RunId, Instant)} on a run whose current claim token is {@code claimToken}.
     *
     * @param runId the run
     * @param claimToken the caller's claim token
     * @param at now
     * @return false when the run is missing, not running or claimed by another token (nothing changed)
     */
    boolean heartbeat(RunId runId, UUID claimToken, Instant at);

    /**
     * {@link #setTotal(RunId, long, Instant)} on a run whose current claim token is {@code claimToken}.
     *
     * @param runId the run
     * @param claimToken the caller's claim token
     * @param total the total, zero or more
     * @param at now
     * @return false when the run is missing, not running or claimed by another token (nothing changed)
     */
    boolean setTotal(RunId runId, UUID claimToken, long total, Instant at);

    /**
     * {@link #addProgress(RunId, ProgressDelta, Instant, Instant)} on a run whose current claim token
     * is {@code claimToken}.
     *
     * @param runId the run
     * @param claimToken the caller's claim token
     * @param delta what to add
     * @param at now
     * @param refreshHeartbeatBefore heartbeats older than this are refreshed
     * @return false when the run is missing, not running or claimed by another token (nothing changed)
     */
    boolean addProgress(RunId runId, UUID claimToken, ProgressDelta delta, Instant at,
            Instant refreshHeartbeatBefore);

    /**
     * {@link #recordItemFailure(RunId, ItemFailure, int)} on a run whose current claim token is
     * {@code claimToken}.
     *
     * @param runId the run
     * @param claimToken the caller's claim token
     * @param failure the failure, message already sanitized
     * @param cap the most failures stored per run
     * @return false when the run is missing, not running or claimed by another token (nothing changed)
     */
    boolean recordItemFailure(RunId runId, UUID claimToken, ItemFailure failure, int cap);

    /**
     * Compare-and-set {@code pending|running -> running} on a run never claimed: keeps a first
     * {@code startedAt}, sets it to {@code at} otherwise, and sets the heartbeat to {@code at}.
     *
     * @param runId the run
     * @param at now
     * @return the run after the change, or empty when the run is missing, has ended or is claimed
     */
    Optional<Run> markRunning(RunId runId, Instant at);

    /**
     * Sets the heartbeat of a {@code running} run that was never claimed.
     *
     * @param runId the run
     * @param at now
     * @return false when the run is missing, not running or claimed (nothing changed)
     */
    boolean heartbeat(RunId runId, Instant at);

    /**
     * Sets the total item count of a {@code running} run that was never claimed, and its heartbeat.
     *
     * @param runId the run
     * @param total the total, zero or more
     * @param at now
     * @return false when the run is missing, not running or claimed (nothing changed)
     */
    boolean setTotal(RunId runId, long total, Instant at);

    /**
     * Adds a delta to the counts of a {@code running} run that was never claimed, atomically with respect to every other
     * writer (no lost update), and sets the heartbeat to {@code at} only when it is older than
     * {@code refreshHeartbeatBefore} (a SQL store then leaves an indexed column alone on most calls).
     *
     * @param runId the run
     * @param delta what to add
     * @param at now
     * @param refreshHeartbeatBefore heartbeats older than this are refreshed
     * @return false when the run is missing, not running or claimed (nothing changed)
     */
    boolean addProgress(RunId runId, ProgressDelta delta, Instant at, Instant refreshHeartbeatBefore);

    /**
     * Counts one failed item on a {@code running} run that was never claimed ({@code failed + 1}, one more failure recorded,
     * heartbeat set to the failure's time) and, while fewer than {@code cap} failures are stored for the
     * run, stores this one. Concurrent callers take storage slots one at a time: never more than
     * {@code cap} stored, never a count without its failure while below the cap.
     *
     * @param runId the run
     * @param failure the failure, message already sanitized
     * @param cap the most failures stored per run
     * @return false when the run is missing, not running or claimed (nothing changed)
     */
    boolean recordItemFailure(RunId runId, ItemFailure failure, int cap);

    /**
     * Ends a run by compare-and-set, as {@code end} describes, and in the same atomic step stores the
     * notification that {@code notification} returns for the ended run. The function is the engine's
     * and may call host code; when it throws, nothing of the end may remain.
     *
     * @param end which end, from which statuses, with what failure and guard
     * @param notification maps the run as ended to the notification to store with it, if any
     * @return the ended run, or empty when the run is missing, not in a status the end accepts, its
     *     guard does not hold, or (for a {@link RunEnd#fenced() fenced} end) its claim token is not the
     *     run's current one, null meaning never claimed (nothing changed)
     */
    Optional<Run> end(RunEnd end, Function<Run, Optional<Notification>> notification);

    // ------------------------------------------------------------------ monitoring

    /**
     * Fetches runs of one tenant that match the filter, next to a position. Reads may run outside a
     * transaction; a page need not be a snapshot.
     *
     * @param tenantId the tenant
     * @param filter run types, buckets, a creation-time range ({@code from} inclusive, {@code to}
     *     exclusive), an end-time bound ({@code endedFrom} inclusive; runs not ended never pass) and the
     *     search fields, as {@link RunFilter#matches(dev.opsruns.core.Run, java.util.Collection)} judges
     *     them; times the engine passes are whole microseconds
     * @param position null for the newest runs, newest first; {@link PagePosition.Direction#OLDER} for
     *     runs strictly older than the position, newest first; {@link PagePosition.Direction#NEWER} for
     *     runs strictly newer than it, oldest first (nearest the position first)
     * @param limit the most runs to return, 1 or more
     * @return the runs in the order described
     */
    List<Run> page(TenantId tenantId, RunFilter filter, PagePosition position, int limit);

    /**
     * Counts a tenant's runs per bucket ({@link StatusBucket#of} of each run's status and counts).
     *
     * @param tenantId the tenant
     * @param filter as for {@link #page}; its bucket set is always empty here
     * @return the count of every bucket that has runs (absent buckets count zero)
     */
    Map<StatusBucket, Long> countByBucket(TenantId tenantId, RunFilter filter);

    /**
     * @param tenantId the tenant the run must belong to
     * @param runId the run
     * @return its detail without related links, or empty when no such run exists in the tenant
     */
    Optional<StoredDetail> detail(TenantId tenantId, RunId runId);

    /**
     * Aggregates what {@link dev.opsruns.core.RunTypeStatistics} reports, per run type, over the query's
     * window: runs created in it; runs ended in it by bucket; the continuous 50th and 95th percentiles
     * and the maximum of start-to-end durations of runs ended in it that had started, and of
     * creation-to-start latencies of runs started in it (linear interpolation between the nearest ranks,
     * as SQL's {@code PERCENTILE_CONT}, over microseconds, rounded to the microsecond); the failure reason
     * codes of runs ended in the {@code FAILED} bucket with their counts; and, per slot of the window by
     * end time, runs ended by bucket and the 95th percentile of their durations.
     *
     * <p>Counts and maxima must be exact. Percentiles may be estimated, within
     * {@link dev.opsruns.core.DurationSummary#PERCENTILE_ERROR} of the exact value before rounding, so a
     * store may answer from summaries of past hours it keeps. Such a store decides from
     * {@link StatisticsQuery#now()} which hours can no longer change.
     *
     * <p>The engine orders the result, keeps the most frequent reason codes and fills the slots without
     * ended runs: a store may return only the slots that have some, in any order, and every reason code.
     * Run types without anything in the window are left out.
     *
     * @param query the tenant, filters and window
     * @return per run type that has anything in the window
     */
    List<RunTypeStatistics> statistics(StatisticsQuery query);

    // ------------------------------------------------------------------ maintenance

    /**
     * @param cutoffs the heartbeat cutoff of each run type
     * @param limit the most candidates
     * @return {@code running} runs whose heartbeat is before their type's cutoff, oldest heartbeat
     *     first, each with the heartbeat it has
     */
    List<StaleCandidate> staleRunning(HeartbeatCutoffs cutoffs, int limit);

    /**
     * @param createdBefore the queue cutoff
     * @param limit the most candidates
     * @return {@code pending} runs created before the cutoff, oldest first, each with its creation time
     */
    List<StaleCandidate> neverStarted(Instant createdBefore, int limit);

    /**
     * Deletes, in one atomic step, at most {@code limit} ended runs whose {@code finishedAt} is before
     * {@code finishedBefore}, with their item failures and notifications. Never an active run;
     * concurrent purges never delete a run twice nor fail on each other.
     *
     * @param finishedBefore the retention cutoff
     * @param limit the most runs to delete
     * @return how many runs were deleted
     */
    int purgeEnded(Instant finishedBefore, int limit);

    // ------------------------------------------------------------------ notifications

    /**
     * @param tenantId the tenant
     * @param userId the recipient
     * @param unreadOnly true to leave out notifications already read
     * @param limit the most to return
     * @return the recipient's notifications in the tenant, newest first ({@code createdAt}, then id)
     */
    List<Notification> notifications(TenantId tenantId, String userId, boolean unreadOnly, int limit);

    /**
     * Marks unread notifications of one recipient in one tenant read, in one atomic step.
     *
     * @param tenantId the tenant
     * @param userId the recipient
     * @param ids the notifications to mark (ids of others' notifications are ignored), or empty for all
     *     of the recipient's in the tenant
     * @param at now
     * @return how many changed from unread to read
     */
    int markRead(TenantId tenantId, String userId, Set<UUID> ids, Instant at);

    // ------------------------------------------------------------------ visits

    /**
     * Reads one user's last visit to one tenant, as {@link #recordVisit} kept it. Visits of other users
     * and of the same user to other tenants are separate.
     *
     * @param tenantId the tenant
     * @param userId the user
     * @return the latest visit recorded, or empty when the user never visited the tenant
     */
    Optional<Instant> lastVisit(TenantId tenantId, String userId);

    /**
     * Records a visit of one user to one tenant, in one atomic step: inserts it when the user has none
     * there, and otherwise keeps the later of the stored time and {@code at}, so a visit never moves
     * backwards. Concurrent calls for the same (tenant, user), from any number of threads and processes,
     * all succeed (none fails because another inserted first) and leave the latest of their times.
     *
     * @param tenantId the tenant
     * @param userId the user
     * @param at the visit's time, whole microseconds
     */
    void recordVisit(TenantId tenantId, String userId, Instant at);
}
