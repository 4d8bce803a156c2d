package dev.opsruns.example.jobs;

import dev.opsruns.core.ClaimOutcome;
import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.LeaseKeeper;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunException;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStoreException;
import dev.opsruns.core.RunType;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the job of one run, given only its id: claims the run (so no other worker, here or in another
 * instance, works on it at the same time), picks the {@link RunJob} of its type and makes sure an unexpected error still ends the run failed (with a generic message and an error id
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
    /** Lease heartbeats of the claims this runner's jobs hold; daemon threads, so they never keep the JVM up. */
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "opsruns-lease-heartbeats");
        t.setDaemon(true);
        return t;
    });

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
     * Claims the run and runs its job on the calling thread, keeping the claim's lease alive meanwhile.
     * A run another worker holds, or that has ended, is skipped: only the worker that claimed it works
     * on it, in this process or any other.
     *
     * @param runId the run
     * @throws InterruptedException when interrupted (shutdown past its grace period); the run stays
     *     running until its lease expires and another instance takes it over (or the reaper ends it)
     */
    public void run(RunId runId) throws InterruptedException {
        ClaimOutcome outcome = registry.claim(runId);
        if (!(outcome instanceof ClaimOutcome.Claimed claimed)) {
            LOG.debug("run {} not claimed: {}", runId, outcome.getClass().getSimpleName());
            return;
        }
        Run run = claimed.run();
        RunClaim claim = claimed.claim();
        RunJob job = jobs.get(run.runType());
        if (job == null) {
            failQuietly(claim, NO_JOB, "this app has no job for run type " + run.runType());
            return;
        }
        try (LeaseKeeper lease = LeaseKeeper.start(registry, claim, claimed.lease(), heartbeats)) {
            job.execute(run, claim);
        } catch (IllegalRunTransitionException e) {
            // Taken over, or ended elsewhere (an abort, the reaper): the ledger refused our late write, as it should.
            LOG.warn("run {} (attempt {}) was taken over or ended elsewhere while its job ran: {}", runId,
                    claim.attempt(), e.getMessage());
        } catch (RunStoreException e) {
            LOG.error("run {}: the run store failed; another worker takes the run over when its lease expires", runId, e);
        } catch (RuntimeException e) {
            String errorId = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("run {}: job failed unexpectedly (error id {})", runId, errorId, e);
            failQuietly(claim, UNEXPECTED_ERROR, "the job failed unexpectedly; error id " + errorId + " in the server log");
        }
    }

    private void failQuietly(RunClaim claim, ReasonCode reason, String message) {
        try {
            registry.fail(claim, reason, message);
        } catch (RunException e) {
            LOG.warn("run {}: could not record failure {}: {}", claim.runId(), reason, e.getMessage());
        }
    }

    /** @return the job of each run type, for a dispatcher that runs them its own way */
    public Map<RunType, RunJob> jobs() {
        return Map.copyOf(jobs);
    }
}
