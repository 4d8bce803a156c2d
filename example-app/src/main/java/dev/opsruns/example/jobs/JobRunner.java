package dev.opsruns.example.jobs;

import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunException;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunType;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the job of one run, given only its id: reads the run, picks the {@link RunJob} of its type, keeps
 * its heartbeat fresh while it runs, and makes sure the run never stays active behind a job that stopped:
 *
 * <ul>
 *   <li>an unexpected error fails the run ({@code job.unexpected_error}, with an error id that points to
 *       the log, never the exception's own text);
 *   <li>a store that stays unreachable longer than the retry time fails it ({@code job.store_unavailable});
 *       if even that write fails, its heartbeat stops and the reaper ends it within the stale timeout;
 *   <li>a shutdown that interrupts the job aborts it ({@code job.shutdown}).
 * </ul>
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
        /** The job ran, or there was nothing to do (the run is gone or already ended). */
        DONE,
        /** The run could not even be read; it is still pending and should be dispatched again later. */
        RETRY_LATER
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final RunRegistry registry;
    private final Map<RunType, RunJob> jobs = new HashMap<>();
    private final StoreRetry retry;
    private final WorkerHeartbeat heartbeat;

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
     * @param registry the ledger's write side, as the jobs use it (usually a {@link RetryingRunRegistry})
     * @param jobs the jobs, one per run type
     * @param retry how long the runner's own writes (ending a run) are retried
     * @param heartbeat keeps the runs of running jobs fresh, or null for none
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

    /**
     * Runs the run's job on the calling thread. When the thread is interrupted (a shutdown past its
     * grace period), the run is aborted as {@link #SHUTDOWN} and the interrupt flag is set again.
     *
     * @param runId the run
     * @return whether the run was dealt with or should be dispatched again later
     */
    public Outcome run(RunId runId) {
        Run run;
        try {
            run = retry.call("read run " + runId, () -> registry.get(runId));
        } catch (RunNotFoundException e) {
            LOG.warn("run {} no longer exists (purged?); its job is skipped", runId);
            return Outcome.DONE;
        } catch (RuntimeException e) {
            if (TransientStoreErrors.isTransient(e)) {
                LOG.warn("run {} could not be read ({}); it stays pending and is dispatched again", runId,
                        e.getClass().getSimpleName());
                return Outcome.RETRY_LATER;
            }
            throw e;
        }
        if (run.status().isTerminal()) {
            LOG.info("run {} already ended as {}; its job is skipped", runId, run.status().storageName());
            return Outcome.DONE;
        }
        RunJob job = jobs.get(run.runType());
        if (job == null) {
            end(runId, NO_JOB, "this app has no job for run type " + run.runType());
            return Outcome.DONE;
        }
        if (heartbeat != null) {
            heartbeat.track(runId);
        }
        try {
            job.execute(run);
        } catch (InterruptedException e) {
            abandon(runId);
            Thread.currentThread().interrupt();
        } catch (IllegalRunTransitionException e) {
            // Someone else ended the run (the reaper, a shutdown past its grace): the ledger refused our late write.
            LOG.warn("run {} was ended elsewhere while its job ran", runId);
        } catch (RuntimeException e) {
            if (TransientStoreErrors.isTransient(e)) {
                LOG.error("run {}: the database could not be written for {}; failing the run as {}", runId,
                        retry.timeout(), StoreRetry.STORE_UNAVAILABLE);
                end(runId, StoreRetry.STORE_UNAVAILABLE, "the database could not be written for "
                        + retry.timeout().toSeconds() + " s while the job ran; start it again");
            } else {
                String errorId = UUID.randomUUID().toString().substring(0, 8);
                LOG.error("run {}: job failed unexpectedly (error id {})", runId, errorId, e);
                end(runId, UNEXPECTED_ERROR, "the job failed unexpectedly; error id " + errorId + " in the server log");
            }
        } finally {
            if (heartbeat != null) {
                heartbeat.untrack(runId);
            }
        }
        return Outcome.DONE;
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
            Run run = end(runId, SHUTDOWN, "the app shut down before the job finished; start it again");
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

    /** Ends the run failed (or aborted, for a shutdown); null when it could not be ended. */
    private Run end(RunId runId, ReasonCode reason, String message) {
        try {
            return retry.call("end run " + runId + " as " + reason, () -> reason.equals(SHUTDOWN)
                    ? registry.abort(runId, reason, message)
                    : registry.fail(runId, reason, message));
        } catch (IllegalRunTransitionException e) {
            LOG.info("run {} had already ended; {} not recorded", runId, reason);
            return null;
        } catch (RunException e) {
            LOG.error("run {}: could not record {} ({}); the reaper ends the run once its heartbeat is stale",
                    runId, reason, e.getClass().getSimpleName());
            return null;
        }
    }
}
