package dev.opsruns.example.jobs;

import dev.opsruns.core.ClaimOutcome;
import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunClaimRefusedException;
import dev.opsruns.core.RunException;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunType;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the job of one run, given only its id: claims the run (so no other worker, here or in another
 * instance, works on it at the same time), picks the {@link RunJob} of its type, keeps the claim's
 * heartbeat fresh while it runs, and makes sure the run never stays active behind a job that stopped:
 *
 * <ul>
 *   <li>an unexpected error fails the run ({@code job.unexpected_error}, with an error id that points to
 *       the log, never the exception's own text);
 *   <li>a store that stays unreachable longer than the retry time fails it ({@code job.store_unavailable});
 *       if even that write fails, its heartbeat stops and another instance takes it over when the lease
 *       expires (or the reaper ends it within the stale timeout);
 *   <li>a shutdown that interrupts the job aborts it ({@code job.shutdown}).
 * </ul>
 *
 * A run another worker holds, or that has ended, is skipped; a job whose claim was taken over is
 * refused on its next write and stops without ending the run.
 */
public final class JobRunner implements AutoCloseable {

    /** Reason code of a run whose job threw an unexpected exception. */
    public static final ReasonCode UNEXPECTED_ERROR = ReasonCode.of("job.unexpected_error");
    /** Reason code of a run whose type no job handles. */
    public static final ReasonCode NO_JOB = ReasonCode.of("job.unknown_run_type");
    /** Reason code of a run whose job was stopped by the app's shutdown before it could finish. */
    public static final ReasonCode SHUTDOWN = ReasonCode.of("job.shutdown");

    /** What became of a run handed to {@link #run}. */
    public enum Outcome {
        /** The job ran, or there was nothing to do (the run is gone, ended, or held by another worker). */
        DONE,
        /** The run could not even be claimed (store away); it is still pending and should be dispatched again later. */
        RETRY_LATER
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final RunRegistry registry;
    private final Map<RunType, RunJob> jobs = new HashMap<>();
    private final StoreRetry retry;
    private final WorkerHeartbeat heartbeat;
    /** The claims of the jobs running here, so a shutdown can tell whose run it aborts. */
    private final Map<RunId, RunClaim> claims = new ConcurrentHashMap<>();

    /**
     * A runner without retries or heartbeats (tests of single jobs).
     *
     * @param registry the ledger's write side
     * @param jobs the jobs, one per run type
     * @throws IllegalArgumentException when two jobs claim the same run type
     */
    public JobRunner(RunRegistry registry, Collection<RunJob> jobs) {
        this(registry, jobs, StoreRetry.NONE, null);
    }

    /**
     * @param registry the ledger's write side, as the runner uses it for claims and ends
     * @param jobs the jobs, one per run type
     * @param retry how long the runner's own writes (claiming, ending a run) are retried
     * @param heartbeat keeps the claims of running jobs fresh, or null for none
     * @throws IllegalArgumentException when two jobs claim the same run type
     */
    public JobRunner(RunRegistry registry, Collection<RunJob> jobs, StoreRetry retry, WorkerHeartbeat heartbeat) {
        this.registry = registry;
        this.retry = retry;
        this.heartbeat = heartbeat;
        for (RunJob job : jobs) {
            if (this.jobs.put(job.runType(), job) != null) {
                throw new IllegalArgumentException("two jobs for run type " + job.runType());
            }
        }
    }

    /** @return the run types this runner has jobs for */
    public Set<RunType> runTypes() {
        return Set.copyOf(jobs.keySet());
    }

    /** @return the job of each run type, for a dispatcher that runs them its own way */
    public Map<RunType, RunJob> jobs() {
        return Map.copyOf(jobs);
    }

    /**
     * Claims the run and runs its job on the calling thread. When the thread is interrupted (a shutdown
     * past its grace period), the run is aborted as {@link #SHUTDOWN} and the interrupt flag is set again.
     *
     * @param runId the run
     * @return whether the run was dealt with or should be dispatched again later
     */
    public Outcome run(RunId runId) {
        ClaimOutcome outcome;
        try {
            outcome = retry.call("claim run " + runId, () -> registry.claim(runId));
        } catch (RuntimeException e) {
            if (TransientStoreErrors.isTransient(e)) {
                LOG.warn("run {} could not be claimed ({}); it stays pending and is dispatched again", runId,
                        e.getClass().getSimpleName());
                return Outcome.RETRY_LATER;
            }
            throw e;
        }
        if (!(outcome instanceof ClaimOutcome.Claimed claimed)) {
            skipped(runId, outcome);
            return Outcome.DONE;
        }
        Run run = claimed.run();
        RunClaim claim = claimed.claim();
        RunJob job = jobs.get(run.runType());
        if (job == null) {
            end(claim, NO_JOB, "this app has no job for run type " + run.runType());
            return Outcome.DONE;
        }
        claims.put(runId, claim);
        if (heartbeat != null) {
            heartbeat.track(claim);
        }
        try {
            job.execute(run, claim);
        } catch (InterruptedException e) {
            abandon(runId);
            Thread.currentThread().interrupt();
        } catch (IllegalRunTransitionException e) {
            // Taken over, or ended elsewhere (an abort, the reaper, a shutdown past its grace): the
            // ledger refused our late write, as it should.
            LOG.warn("run {} (attempt {}) was taken over or ended elsewhere while its job ran: {}", runId,
                    claim.attempt(), e.getMessage());
        } catch (RuntimeException e) {
            if (TransientStoreErrors.isTransient(e)) {
                LOG.error("run {}: the database could not be written for {}; failing the run as {}", runId,
                        retry.timeout(), StoreRetry.STORE_UNAVAILABLE);
                end(claim, StoreRetry.STORE_UNAVAILABLE, "the database could not be written for "
                        + retry.timeout().toSeconds() + " s while the job ran; start it again");
            } else {
                String errorId = UUID.randomUUID().toString().substring(0, 8);
                LOG.error("run {}: job failed unexpectedly (error id {})", runId, errorId, e);
                end(claim, UNEXPECTED_ERROR, "the job failed unexpectedly; error id " + errorId + " in the server log");
            }
        } finally {
            if (heartbeat != null) {
                heartbeat.untrack(claim);
            }
            claims.remove(runId, claim);
        }
        return Outcome.DONE;
    }

    private static void skipped(RunId runId, ClaimOutcome outcome) {
        if (outcome instanceof ClaimOutcome.NotFound) {
            LOG.warn("run {} no longer exists (purged?); its job is skipped", runId);
        } else if (outcome instanceof ClaimOutcome.Ended ended) {
            LOG.info("run {} already ended as {}; its job is skipped", runId, ended.run().status().storageName());
        } else if (outcome instanceof ClaimOutcome.Exhausted) {
            LOG.info("run {} had no claim attempt left and ended as failed; its job is skipped", runId);
        } else {
            LOG.debug("run {} is held by another worker; its job is skipped", runId);
        }
    }

    /**
     * Aborts a run whose job the app stops before it finished (shutdown). Safe to call from another
     * thread than the job's: the job's next write is then refused.
     *
     * @param runId the run
     */
    public void abandon(RunId runId) {
        // A write on an interrupted thread could be cut short by the driver; clear the flag for it.
        boolean interrupted = Thread.interrupted();
        try {
            Run run = end(runId, () -> registry.abort(runId, SHUTDOWN,
                    "the app shut down before the job finished; start it again"), SHUTDOWN);
            if (run != null) {
                LOG.info("run {}: aborted by the shutdown", runId);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the heartbeat. */
    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.close();
        }
    }

    /** Fails the claimed run; null when it could not be ended. */
    private Run end(RunClaim claim, ReasonCode reason, String message) {
        return end(claim.runId(), () -> registry.fail(claim, reason, message), reason);
    }

    private Run end(RunId runId, java.util.function.Supplier<Run> write, ReasonCode reason) {
        try {
            return retry.call("end run " + runId + " as " + reason, write);
        } catch (RunClaimRefusedException e) {
            LOG.info("run {} was taken over or had already ended; {} not recorded", runId, reason);
            return null;
        } catch (IllegalRunTransitionException e) {
            LOG.info("run {} had already ended; {} not recorded", runId, reason);
            return null;
        } catch (RunException e) {
            LOG.error("run {}: could not record {} ({}); the run is taken over when its lease expires, or the"
                    + " reaper ends it once its heartbeat is stale", runId, reason, e.getClass().getSimpleName());
            return null;
        }
    }
}
