package dev.opsruns.example.jobs;

import dev.opsruns.core.RunId;
import java.time.Duration;

/**
 * Hands runs to workers. The default is {@link InProcessJobDispatcher}; a host could put a durable
 * queue behind the same seam. A job carries only the run id: the worker reads everything else from
 * the ledger.
 */
public interface JobDispatcher {

    /**
     * Queues the run's job. A run that is not accepted (the dispatcher is shutting down) stays
     * pending in the ledger and is dispatched again at the next start-up.
     *
     * @param runId the run
     * @return true when a worker will pick it up
     */
    boolean dispatch(RunId runId);

    /**
     * Stops taking jobs, drops queued ones (their runs stay pending) and waits up to {@code grace} for
     * running ones to finish; after that, interrupts them.
     *
     * @param grace how long to wait for running jobs
     */
    void shutdown(Duration grace);
}
