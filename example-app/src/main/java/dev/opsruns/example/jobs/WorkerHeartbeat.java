package dev.opsruns.example.jobs;

import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunException;
import dev.opsruns.core.RunRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the heartbeat of every run this process is working on (through the worker's claim, so it
 * also keeps the claim's lease), at a fixed interval, from one background thread. A run whose worker is alive therefore never looks stale, however long one item
 * takes; a run whose worker is gone (process killed, job given up) stops getting heartbeats: another instance
 * takes it over once the claim's lease expires, or the reaper ends it once its heartbeat is older than
 * the stale timeout: seconds, not minutes.
 */
public final class WorkerHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHeartbeat.class);

    private final RunRegistry registry;
    private final Set<RunClaim> runs = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor;

    /**
     * Starts beating.
     *
     * @param registry the ledger's write side
     * @param interval time between two heartbeats of a run
     */
    public WorkerHeartbeat(RunRegistry registry, Duration interval) {
        this.registry = registry;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opsruns-heartbeat");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param claim the claim of a run whose job starts on this process */
    public void track(RunClaim claim) {
        runs.add(claim);
    }

    /** @param claim the claim of a run whose job has returned */
    public void untrack(RunClaim claim) {
        runs.remove(claim);
    }

    /** @return the claims getting heartbeats */
    public Set<RunClaim> tracked() {
        return Set.copyOf(runs);
    }

    private void beat() {
        for (RunClaim claim : runs) {
            try {
                registry.heartbeat(claim);
            } catch (RunException e) {
                // Ended elsewhere, taken over, or the store is away: the job finds out on its own next
                // write; the next beat tries again.
                LOG.debug("heartbeat of run {} not recorded: {}", claim.runId(), e.getClass().getSimpleName());
            } catch (RuntimeException e) {
                LOG.warn("heartbeat of run {} failed: {}", claim.runId(), e.getClass().getSimpleName());
            }
        }
    }

    /** Stops beating. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
