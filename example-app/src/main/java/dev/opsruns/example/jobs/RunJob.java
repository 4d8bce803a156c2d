package dev.opsruns.example.jobs;

import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunType;

/**
 * The work behind one run type. The dispatcher's worker claims the run first and calls
 * {@link #execute} with the claim; the job reports to the run registry itself with that claim (total,
 * progress, item failures, end), so a worker whose run was taken over is refused and stops.
 */
public interface RunJob {

    /** @return the run type this job performs */
    RunType runType();

    /**
     * Performs the run. Must leave the run ended (finished or failed) unless interrupted.
     *
     * @param run the run as claimed (running; a takeover resumes its counts)
     * @param claim the worker's claim, for the registry's fenced calls
     * @throws InterruptedException when the worker is interrupted by a shutdown past its grace period
     */
    void execute(Run run, RunClaim claim) throws InterruptedException;
}
