package dev.opsruns.example.jobs;

import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunException;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStoreException;
import dev.opsruns.core.RunType;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the job of one run, given only its id: reads the run, picks the {@link RunJob} of its type and
 * makes sure an unexpected error still ends the run failed (with a generic message and an error id
 * that points to the log, never the exception's own text).
 */
public final class JobRunner {

    /** Reason code of a run whose job threw an unexpected exception. */
    public static final ReasonCode UNEXPECTED_ERROR = ReasonCode.of("job.unexpected_error");
    /** Reason code of a run whose type no job handles. */
    public static final ReasonCode NO_JOB = ReasonCode.of("job.unknown_run_type");

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final RunRegistry registry;
    private final Map<RunType, RunJob> jobs = new HashMap<>();

    /**
     * @param registry the ledger's write side
     * @param jobs the jobs, one per run type
     * @throws IllegalArgumentException when two jobs claim the same run type
     */
    public JobRunner(RunRegistry registry, Collection<RunJob> jobs) {
        this.registry = registry;
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
     * Runs the run's job on the calling thread.
     *
     * @param runId the run
     * @throws InterruptedException when interrupted (shutdown past its grace period); the run stays running
     */
    public void run(RunId runId) throws InterruptedException {
        Run run;
        try {
            run = registry.get(runId);
        } catch (RunNotFoundException e) {
            LOG.warn("run {} no longer exists (purged?); its job is skipped", runId);
            return;
        }
        if (run.status().isTerminal()) {
            LOG.info("run {} already ended as {}; its job is skipped", runId, run.status().storageName());
            return;
        }
        RunJob job = jobs.get(run.runType());
        if (job == null) {
            failQuietly(runId, NO_JOB, "this app has no job for run type " + run.runType());
            return;
        }
        try {
            job.execute(run);
        } catch (IllegalRunTransitionException e) {
            // Someone else ended the run (the reaper, say): the ledger refused our late write, as it should.
            LOG.warn("run {} was ended elsewhere while its job ran: {}", runId, e.getMessage());
        } catch (RunStoreException e) {
            LOG.error("run {}: the run store failed; the run stays active until the reaper ends it", runId, e);
        } catch (RuntimeException e) {
            String errorId = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("run {}: job failed unexpectedly (error id {})", runId, errorId, e);
            failQuietly(runId, UNEXPECTED_ERROR, "the job failed unexpectedly; error id " + errorId + " in the server log");
        }
    }

    private void failQuietly(RunId runId, ReasonCode reason, String message) {
        try {
            registry.fail(runId, reason, message);
        } catch (RunException e) {
            LOG.warn("run {}: could not record failure {}: {}", runId, reason, e.getMessage());
        }
    }
}
