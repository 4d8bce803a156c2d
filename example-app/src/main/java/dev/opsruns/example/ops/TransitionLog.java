package dev.opsruns.example.ops;

import dev.opsruns.core.ClaimOutcome;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry with one INFO line per run transition (queued, running, ended), in one greppable shape:
 *
 * <pre>
 * run transition: id=... type=backup_set.add_policies tenant=contoso to=completed_with_errors bucket=partially_succeeded duration=2.301s
 * </pre>
 *
 * {@code duration} is the time the run spent in the state it left (queued, or running). A failed run adds
 * its reason code; no message is ever logged, so nothing the sanitizer has not seen reaches the log.
 * A claim that takes a pending run logs its move to running (a takeover of a running run adds
 * {@code attempt=}, its duration is the time since the run started). Progress, heartbeats, reuse and
 * refused claims are not transitions and log nothing.
 */
public final class TransitionLog implements RunRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(TransitionLog.class);

    private final RunRegistry delegate;

    /**
     * @param delegate the registry to call
     */
    public TransitionLog(RunRegistry delegate) {
        this.delegate = delegate;
    }

    /**
     * Logs the line of a run that has just ended or been reaped.
     *
     * @param run the run as stored after the transition
     * @param logger where to log it
     */
    public static void logEnded(Run run, Logger logger) {
        Instant from = run.startedAt() != null ? run.startedAt() : run.createdAt();
        logger.info("{}", line(run, run.finishedAt() == null ? Duration.ZERO : Duration.between(from, run.finishedAt())));
    }

    /**
     * @param run a run after a transition
     * @param duration the time it spent in the state it left
     * @return the log line
     */
    public static String line(Run run, Duration duration) {
        StringBuilder sb = new StringBuilder("run transition: id=").append(run.id().value())
                .append(" type=").append(run.runType().value())
                .append(" tenant=").append(run.tenantId().value())
                .append(" to=").append(run.status().storageName())
                .append(" bucket=").append(run.bucket().name().toLowerCase(Locale.ROOT))
                .append(" duration=").append(String.format(Locale.ROOT, "%.3fs", duration.toNanos() / 1e9));
        run.failureIfAny().map(RunFailure::reasonCode).ifPresent(code -> sb.append(" reason=").append(code.value()));
        return sb.toString();
    }

    @Override
    public StartOutcome startOrReuse(StartRequest request) {
        StartOutcome outcome = delegate.startOrReuse(request);
        if (outcome instanceof StartOutcome.Started started) {
            LOG.info("{}", line(started.run(), Duration.ZERO));
        }
        return outcome;
    }

    @Override
    public ClaimOutcome claim(RunId runId) {
        ClaimOutcome outcome = delegate.claim(runId);
        if (outcome instanceof ClaimOutcome.Claimed claimed) {
            Run run = claimed.run();
            int attempt = claimed.claim().attempt();
            if (attempt == 1) {
                Instant started = run.startedAt() != null ? run.startedAt() : run.createdAt();
                LOG.info("{}", line(run, Duration.between(run.createdAt(), started)));
            } else {
                Instant from = run.startedAt() != null ? run.startedAt() : run.createdAt();
                Instant at = run.heartbeatAt() != null ? run.heartbeatAt() : from;
                LOG.info("{} attempt={}", line(run, Duration.between(from, at)), attempt);
            }
        } else if (outcome instanceof ClaimOutcome.Exhausted exhausted) {
            logEnded(exhausted.run(), LOG);
        }
        return outcome;
    }

    @Override
    public void heartbeat(RunClaim claim) {
        delegate.heartbeat(claim);
    }

    @Override
    public void setTotal(RunClaim claim, long total) {
        delegate.setTotal(claim, total);
    }

    @Override
    public void recordProgress(RunClaim claim, ProgressDelta delta) {
        delegate.recordProgress(claim, delta);
    }

    @Override
    public void recordItemFailure(RunClaim claim, String itemKey, ReasonCode reasonCode, String message) {
        delegate.recordItemFailure(claim, itemKey, reasonCode, message);
    }

    @Override
    public Run finish(RunClaim claim) {
        Run run = delegate.finish(claim);
        logEnded(run, LOG);
        return run;
    }

    @Override
    public Run fail(RunClaim claim, ReasonCode reasonCode, String message) {
        Run run = delegate.fail(claim, reasonCode, message);
        logEnded(run, LOG);
        return run;
    }

    @Override
    public Run markRunning(RunId runId) {
        Run run = delegate.markRunning(runId);
        // The store sets started_at once and the heartbeat with it: equal only on the pending -> running step,
        // not when a retried job marks its run again.
        if (run.startedAt() != null && run.startedAt().equals(run.heartbeatAt())) {
            LOG.info("{}", line(run, Duration.between(run.createdAt(), run.startedAt())));
        }
        return run;
    }

    @Override
    public void heartbeat(RunId runId) {
        delegate.heartbeat(runId);
    }

    @Override
    public void setTotal(RunId runId, long total) {
        delegate.setTotal(runId, total);
    }

    @Override
    public void recordProgress(RunId runId, ProgressDelta delta) {
        delegate.recordProgress(runId, delta);
    }

    @Override
    public void recordItemFailure(RunId runId, String itemKey, ReasonCode reasonCode, String message) {
        delegate.recordItemFailure(runId, itemKey, reasonCode, message);
    }

    @Override
    public Run finish(RunId runId) {
        Run run = delegate.finish(runId);
        logEnded(run, LOG);
        return run;
    }

    @Override
    public Run fail(RunId runId, ReasonCode reasonCode, String message) {
        Run run = delegate.fail(runId, reasonCode, message);
        logEnded(run, LOG);
        return run;
    }

    @Override
    public Run abort(RunId runId, ReasonCode reasonCode, String message) {
        Run run = delegate.abort(runId, reasonCode, message);
        logEnded(run, LOG);
        return run;
    }

    @Override
    public Run get(RunId runId) {
        return delegate.get(runId);
    }
}
