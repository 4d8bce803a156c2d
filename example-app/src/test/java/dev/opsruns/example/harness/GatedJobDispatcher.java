package dev.opsruns.example.harness;

import dev.opsruns.core.RunId;
import dev.opsruns.example.jobs.JobDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link JobDispatcher} that can hold jobs back, so a test can see a run stay queued (and a second
 * start reuse it) for as long as it needs; {@link #release()} hands the held runs to the real pool.
 */
public final class GatedJobDispatcher implements JobDispatcher {

    private final JobDispatcher delegate;
    private final List<RunId> held = new ArrayList<>();
    private boolean holding;

    /**
     * @param delegate the real dispatcher
     */
    public GatedJobDispatcher(JobDispatcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized boolean dispatch(RunId runId) {
        if (holding) {
            held.add(runId);
            return true;
        }
        return delegate.dispatch(runId);
    }

    /** From now on, hold dispatched runs back (they stay pending in the ledger). */
    public synchronized void hold() {
        holding = true;
    }

    /** Dispatch the held runs and stop holding. */
    public synchronized void release() {
        holding = false;
        held.forEach(delegate::dispatch);
        held.clear();
    }

    /** @return the runs held back so far */
    public synchronized List<RunId> held() {
        return List.copyOf(held);
    }

    @Override
    public void shutdown(Duration grace) {
        synchronized (this) {
            held.clear(); // they stay pending in the ledger, like jobs a real shutdown drops
        }
        delegate.shutdown(grace);
    }
}
