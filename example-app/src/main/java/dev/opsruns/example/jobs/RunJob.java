package dev.opsruns.example.jobs;

import dev.opsruns.core.Run;
import dev.opsruns.core.RunType;

/**
 * The work behind one run type. {@link JobRunner} reads the run by id and calls {@link #execute};
 * the job reports to the run registry itself (mark running, total, progress, item failures, end).
 */
public interface RunJob {

    /** @return the run type this job performs */
    RunType runType();

    /**
     * Performs the run. Must leave the run ended (finished or failed) unless interrupted.
     *
     * @param run the run as stored when the job started (pending, or running when resumed)
     * @throws InterruptedException when the worker is interrupted by a shutdown past its grace period
     */
    void execute(Run run) throws InterruptedException;
}
