package dev.opsruns.dbscheduler.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import dev.opsruns.core.ClaimOutcome;
import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.LeaseKeeper;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunException;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStoreException;
import dev.opsruns.core.RunType;
import dev.opsruns.dbscheduler.RunHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery of a run id, on the worker that picked it: claim the run, then run the host's job under
 * a kept lease, and tell db-scheduler what becomes of the execution. The mapping keeps the two engines'
 * retries in step: every delivery that works is one claim (one opsruns attempt); a delivery that finds
 * the run held by a live lease waits for the lease to expire instead of running; one that finds the run
 * ended (or out of attempts, or gone) removes the execution without running anything.
 */
public final class RunExecution {

    /** A run whose type has no job on the worker that claimed it. */
    public static final ReasonCode NO_JOB = ReasonCode.of("worker.no_job");
    /** A job that threw. */
    public static final ReasonCode JOB_FAILED = ReasonCode.of("job.unexpected_error");
    /** A job that returned without ending its run. */
    public static final ReasonCode JOB_DID_NOT_END = ReasonCode.of("job.did_not_end");

    /** Past the lease's expiry, so the next delivery finds it expired rather than a microsecond short. */
    private static final Duration AFTER_EXPIRY = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);

    private final RunRegistry registry;
    private final Map<RunType, RunHandler> handlers;
    private final ScheduledExecutorService heartbeats;
    private final Clock clock;

    /**
     * @param registry the ledger's write side
     * @param handlers the host's jobs by run type
     * @param heartbeats where the lease heartbeats run
     * @param clock the ledger's clock
     */
    public RunExecution(RunRegistry registry, Map<RunType, RunHandler> handlers, ScheduledExecutorService heartbeats,
            Clock clock) {
        this.registry = registry;
        this.handlers = Map.copyOf(handlers);
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    /**
     * Works on one delivery. A store that cannot be reached while claiming throws, and db-scheduler's
     * failure handler delivers the run again later (no claim was taken).
     *
     * @param instanceId the execution's instance id: the run id
     * @return what db-scheduler should do with the execution
     */
    public CompletionHandler<Void> execute(String instanceId) {
        RunId runId;
        try {
            runId = RunId.parse(instanceId);
        } catch (InvalidRunInputException e) {
            LOG.error("execution {} does not name a run id; removing it", instanceId);
            return remove();
        }
        ClaimOutcome outcome = registry.claim(runId);
        if (outcome instanceof ClaimOutcome.Claimed claimed) {
            return work(claimed);
        }
        if (outcome instanceof ClaimOutcome.Held held) {
            LOG.debug("run {} is held by attempt {} until {}; delivering it again then", runId, held.attempt(),
                    held.leaseExpiresAt());
            return rescheduleAt(held.leaseExpiresAt().plus(AFTER_EXPIRY));
        }
        if (outcome instanceof ClaimOutcome.Exhausted exhausted) {
            LOG.warn("run {} failed: its last attempt's lease expired and no attempt is left", runId);
        }
        return remove(); // ended, exhausted or gone: nothing runs after a run's end
    }

    private CompletionHandler<Void> work(ClaimOutcome.Claimed claimed) {
        RunClaim claim = claimed.claim();
        RunHandler handler = handlers.get(claimed.run().runType());
        if (handler == null) {
            failQuietly(claim, NO_JOB, "this worker has no job for run type " + claimed.run().runType());
            return remove();
        }
        try (LeaseKeeper lease = LeaseKeeper.start(registry, claim, claimed.lease(), heartbeats)) {
            handler.execute(claimed.run(), claim);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("run {}: job interrupted by shutdown; another worker takes it over when the lease expires", claim.runId());
            return rescheduleAt(clock.instant().plus(claimed.lease()).plus(AFTER_EXPIRY));
        } catch (IllegalRunTransitionException | RunNotFoundException e) {
            // taken over, aborted or purged: the ledger refused the late write, as it should
            LOG.info("run {}: attempt {} stopped: {}", claim.runId(), claim.attempt(), e.getMessage());
            return remove();
        } catch (RunStoreException e) {
            LOG.warn("run {}: the run store failed during attempt {}; delivering it again after the lease", claim.runId(),
                    claim.attempt(), e);
            return rescheduleAt(clock.instant().plus(claimed.lease()).plus(AFTER_EXPIRY));
        } catch (Exception e) {
            String errorId = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("run {}: job failed unexpectedly (error id {})", claim.runId(), errorId, e);
            failQuietly(claim, JOB_FAILED, "the job failed unexpectedly; error id " + errorId + " in the worker's log");
            return remove();
        }
        settle(claim);
        return remove();
    }

    /** A job must end its run; one that returned without doing so fails it, rather than leave it to a takeover. */
    private void settle(RunClaim claim) {
        try {
            if (registry.get(claim.runId()).isActive()) {
                failQuietly(claim, JOB_DID_NOT_END, "the job returned without finishing or failing the run");
            }
        } catch (RunException e) {
            LOG.warn("run {}: could not check that the job ended it: {}", claim.runId(), e.getMessage());
        }
    }

    private void failQuietly(RunClaim claim, ReasonCode reason, String message) {
        try {
            registry.fail(claim, reason, message);
        } catch (RunException e) {
            LOG.warn("run {}: could not record failure {}: {}", claim.runId(), reason, e.getMessage());
        }
    }

    private static CompletionHandler<Void> remove() {
        return new CompletionHandler.OnCompleteRemove<>();
    }

    private static CompletionHandler<Void> rescheduleAt(Instant at) {
        return (ExecutionComplete complete, ExecutionOperations<Void> operations) -> operations.reschedule(complete, at);
    }
}
