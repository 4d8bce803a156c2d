package dev.opsruns.example.jobs;

import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStoreUnavailableException;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry as jobs see it: every write is retried through a {@link StoreRetry}, so a connection
 * killed under a job costs a retry, not the run.
 *
 * <p>A write whose outcome is unknown (the connection broke during its commit) is not blindly repeated
 * where that would count twice: a progress increment or an item failure is then taken as done (at worst
 * the counts are short by that one call, which the log says); an end (finish, fail, abort) is retried and,
 * when the retry finds the run already ended, the ended run is returned.
 */
public final class RetryingRunRegistry implements RunRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingRunRegistry.class);

    private final RunRegistry delegate;
    private final StoreRetry retry;

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
    public Run markRunning(RunId runId) {
        return retry.call("mark run " + runId + " running", () -> delegate.markRunning(runId));
    }

    @Override
    public void heartbeat(RunId runId) {
        retry.run("heartbeat of run " + runId, () -> delegate.heartbeat(runId));
    }

    @Override
    public void setTotal(RunId runId, long total) {
        retry.run("set the total of run " + runId, () -> delegate.setTotal(runId, total));
    }

    @Override
    public void recordProgress(RunId runId, ProgressDelta delta) {
        onceAtMost("record progress of run " + runId, () -> delegate.recordProgress(runId, delta));
    }

    @Override
    public void recordItemFailure(RunId runId, String itemKey, ReasonCode reasonCode, String message) {
        onceAtMost("record an item failure of run " + runId,
                () -> delegate.recordItemFailure(runId, itemKey, reasonCode, message));
    }

    @Override
    public Run finish(RunId runId) {
        return end(runId, "finish run " + runId, () -> delegate.finish(runId));
    }

    @Override
    public Run fail(RunId runId, ReasonCode reasonCode, String message) {
        return end(runId, "fail run " + runId, () -> delegate.fail(runId, reasonCode, message));
    }

    @Override
    public Run abort(RunId runId, ReasonCode reasonCode, String message) {
        return end(runId, "abort run " + runId, () -> delegate.abort(runId, reasonCode, message));
    }

    @Override
    public Run get(RunId runId) {
        return retry.call("read run " + runId, () -> delegate.get(runId));
    }

    /** A non-idempotent write: retried while it surely did not happen, never once it may have. */
    private void onceAtMost(String what, Runnable write) {
        retry.run(what, () -> {
            try {
                write.run();
            } catch (RunStoreUnavailableException e) {
                if (!e.outcomeUnknown()) {
                    throw e;
                }
                LOG.warn("{}: the connection broke during the commit; not repeated, so it may be missing", what);
            }
        });
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
