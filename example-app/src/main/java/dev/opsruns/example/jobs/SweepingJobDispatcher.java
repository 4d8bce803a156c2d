package dev.opsruns.example.jobs;

import dev.opsruns.core.RunId;
import dev.opsruns.core.RunMaintenance;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process dispatcher with a sweeper: every interval it hands the dispatcher the runs the ledger
 * says need a worker (pending runs, and runs whose worker's lease expired, for example in an instance
 * that was killed). Every instance sweeps; the claim decides which one works on a run, so two
 * instances that start together never run one run twice.
 */
public final class SweepingJobDispatcher implements JobDispatcher {

    /** The most runs one sweep hands out. */
    static final int SWEEP_LIMIT = 500;

    private static final Logger LOG = LoggerFactory.getLogger(SweepingJobDispatcher.class);

    private final JobDispatcher delegate;
    private final RunMaintenance maintenance;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "opsruns-dispatch-sweeper");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param delegate the dispatcher runs go to
     * @param maintenance the ledger's maintenance side (its {@code runsToDispatch})
     * @param interval time between sweeps
     */
    public SweepingJobDispatcher(JobDispatcher delegate, RunMaintenance maintenance, Duration interval) {
        this.delegate = delegate;
        this.maintenance = maintenance;
        sweeper.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            for (RunId id : maintenance.runsToDispatch(SWEEP_LIMIT)) {
                if (!delegate.dispatch(id)) {
                    return; // shutting down
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("dispatch sweep failed; the next one tries again: {}", e.getMessage());
        }
    }

    @Override
    public boolean dispatch(RunId runId) {
        return delegate.dispatch(runId);
    }

    @Override
    public void shutdown(Duration grace) {
        sweeper.shutdownNow();
        delegate.shutdown(grace);
    }
}
