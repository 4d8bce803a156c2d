package dev.opsruns.example.jobs;

import dev.opsruns.core.ClaimOutcome;
import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStoreUnavailableException;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry as jobs see it: every write is retried through a {@link StoreRetry}, so a connection
 * killed under a job costs a retry, not the run.
 *
 * <p>A write whose outcome is unknown (the connection broke during its commit) is not blindly repeated
 * where that would count twice. A job is the only writer of its run's counts, so this registry keeps the
 * counts it expects and, after an unknown outcome, reads the run: counts that already hold the increment
 * mean it landed; counts without it mean it did not, and it is sent again. The expected counts start from
 * the run as {@link #markRunning} or {@link #claim} returned it, or, when someone else claimed the run (a
 * dispatcher that claims before it hands the job over), from one read before the job's first counting
 * write. When the counts disagree either way the increment is taken as done and the log says so. An end
 * (finish, fail, abort) is retried and, when the retry finds the run already ended, the ended run is
 * returned.
 *
 * <p>The fenced calls (with a {@link RunClaim}) get the same treatment, their expected counts kept per
 * claim, so an attempt taken over in this process leaves nothing behind for the next one. A claim is
 * retried too: when the first attempt's outcome was unknown and it did land, the retry finds the run held
 * by a claim nobody has, and the run is taken over once that claim's lease expires (one attempt spent, no
 * double work).
 */
public final class RetryingRunRegistry implements RunRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingRunRegistry.class);

    private final RunRegistry delegate;
    private final StoreRetry retry;
    /** Expected counts of the runs worked on without a claim. */
    private final Map<RunId, RunCounts> expected = new ConcurrentHashMap<>();
    /** Expected counts per claim token, for the fenced calls. */
    private final Map<UUID, RunCounts> expectedByClaim = new ConcurrentHashMap<>();

    /**
     * @param delegate the registry to call
     * @param retry how long to retry
     */
    public RetryingRunRegistry(RunRegistry delegate, StoreRetry retry) {
        this.delegate = delegate;
        this.retry = retry;
    }

    @Override
    public StartOutcome startOrReuse(StartRequest request) {
        return retry.call("start or reuse a " + request.runType() + " run", () -> delegate.startOrReuse(request));
    }

    @Override
    public ClaimOutcome claim(RunId runId) {
        ClaimOutcome outcome = retry.call("claim run " + runId, () -> delegate.claim(runId));
        if (outcome instanceof ClaimOutcome.Claimed claimed) {
            expectedByClaim.put(claimed.claim().token(), claimed.run().counts());
        }
        return outcome;
    }

    @Override
    public void heartbeat(RunClaim claim) {
        retry.run("heartbeat of run " + claim.runId(), () -> delegate.heartbeat(claim));
    }

    @Override
    public void setTotal(RunClaim claim, long total) {
        RunId runId = claim.runId();
        retry.run("set the total of run " + runId, () -> delegate.setTotal(claim, total));
        expectedByClaim.computeIfPresent(claim.token(), (token, counts) -> counts.withTotal(total));
    }

    @Override
    public void recordProgress(RunClaim claim, ProgressDelta delta) {
        RunId runId = claim.runId();
        onceAtMost(expectedByClaim, claim.token(), runId, "record progress of run " + runId, delta,
                () -> delegate.recordProgress(claim, delta));
    }

    @Override
    public void recordItemFailure(RunClaim claim, String itemKey, ReasonCode reasonCode, String message) {
        RunId runId = claim.runId();
        onceAtMost(expectedByClaim, claim.token(), runId, "record an item failure of run " + runId, new ProgressDelta(0, 1, 0),
                () -> delegate.recordItemFailure(claim, itemKey, reasonCode, message));
    }

    @Override
    public Run finish(RunClaim claim) {
        RunId runId = claim.runId();
        expectedByClaim.remove(claim.token());
        return end(runId, "finish run " + runId, () -> delegate.finish(claim));
    }

    @Override
    public Run fail(RunClaim claim, ReasonCode reasonCode, String message) {
        RunId runId = claim.runId();
        expectedByClaim.remove(claim.token());
        return end(runId, "fail run " + runId, () -> delegate.fail(claim, reasonCode, message));
    }

    @Override
    public Run markRunning(RunId runId) {
        Run run = retry.call("mark run " + runId + " running", () -> delegate.markRunning(runId));
        expected.put(runId, run.counts());
        return run;
    }

    @Override
    public void heartbeat(RunId runId) {
        retry.run("heartbeat of run " + runId, () -> delegate.heartbeat(runId));
    }

    @Override
    public void setTotal(RunId runId, long total) {
        retry.run("set the total of run " + runId, () -> delegate.setTotal(runId, total));
        expected.computeIfPresent(runId, (id, counts) -> counts.withTotal(total));
    }

    @Override
    public void recordProgress(RunId runId, ProgressDelta delta) {
        onceAtMost(expected, runId, runId, "record progress of run " + runId, delta, () -> delegate.recordProgress(runId, delta));
    }

    @Override
    public void recordItemFailure(RunId runId, String itemKey, ReasonCode reasonCode, String message) {
        onceAtMost(expected, runId, runId, "record an item failure of run " + runId, new ProgressDelta(0, 1, 0),
                () -> delegate.recordItemFailure(runId, itemKey, reasonCode, message));
    }

    @Override
    public Run finish(RunId runId) {
        expected.remove(runId);
        return end(runId, "finish run " + runId, () -> delegate.finish(runId));
    }

    @Override
    public Run fail(RunId runId, ReasonCode reasonCode, String message) {
        expected.remove(runId);
        return end(runId, "fail run " + runId, () -> delegate.fail(runId, reasonCode, message));
    }

    @Override
    public Run abort(RunId runId, ReasonCode reasonCode, String message) {
        expected.remove(runId);
        return end(runId, "abort run " + runId, () -> delegate.abort(runId, reasonCode, message));
    }

    @Override
    public Run get(RunId runId) {
        return retry.call("read run " + runId, () -> delegate.get(runId));
    }

    /**
     * A counting write: retried while it surely did not land, never once it may have.
     *
     * @param counts the expected counts, by {@code key}
     * @param key the run, or the claim, the job writes under
     */
    private <K> void onceAtMost(Map<K, RunCounts> counts, K key, RunId runId, String what, ProgressDelta delta, Runnable write) {
        // The counts before the first write: without them an unknown outcome could not be told apart.
        // (Read outside the map's lock: the read may be retried for as long as the store is away.)
        if (!counts.containsKey(key)) {
            counts.putIfAbsent(key, retry.call("read run " + runId, () -> delegate.get(runId)).counts());
        }
        try {
            retry.run(what, () -> {
                try {
                    write.run();
                } catch (RunStoreUnavailableException e) {
                    if (!e.outcomeUnknown()) {
                        throw e;
                    }
                    if (!landed(runId, counts.get(key), delta)) {
                        throw new RunStoreUnavailableException("the increment did not land; sending it again", e);
                    }
                }
            });
        } catch (IllegalRunTransitionException e) {
            counts.remove(key); // taken over or ended elsewhere: this job writes no more
            throw e;
        }
        counts.computeIfPresent(key, (k, before) -> before.plus(delta));
    }

    /** After an unknown outcome: true when the run's counts show the increment. */
    private boolean landed(RunId runId, RunCounts before, ProgressDelta delta) {
        RunCounts now = retry.call("read run " + runId, () -> delegate.get(runId)).counts();
        if (same(now, before)) {
            return false;
        }
        if (!same(now, before.plus(delta))) {
            LOG.warn("run {}: counts {} are neither {} nor that plus {}; taking the increment as done", runId, now, before, delta);
        }
        return true;
    }

    private static boolean same(RunCounts a, RunCounts b) {
        return a.succeeded() == b.succeeded() && a.failed() == b.failed() && a.skipped() == b.skipped();
    }

    /** An end: a retry after an unknown outcome may find the run already ended by the first attempt. */
    private Run end(RunId runId, String what, Supplier<Run> write) {
        boolean[] uncertain = {false};
        return retry.call(what, () -> {
            try {
                return write.get();
            } catch (RunStoreUnavailableException e) {
                uncertain[0] |= e.outcomeUnknown();
                throw e;
            } catch (IllegalRunTransitionException e) {
                if (uncertain[0]) {
                    Run now = delegate.get(runId);
                    if (now.status().isTerminal()) {
                        return now;
                    }
                }
                throw e;
            }
        });
    }
}
