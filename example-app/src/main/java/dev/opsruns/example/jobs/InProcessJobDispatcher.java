package dev.opsruns.example.jobs;

import dev.opsruns.core.RunId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link JobDispatcher}: a fixed pool of worker threads in this process. A run already
 * queued or running here is not queued twice; a run that could not be claimed (database away) is
 * dispatched again a few seconds later.
 *
 * <p>Shutdown keeps within its grace period: queued runs stay pending (the next start dispatches them);
 * running jobs get most of the grace to finish; the rest are interrupted and their runs aborted as
 * {@link JobRunner#SHUTDOWN}, and a job that ignores the interrupt has its run aborted for it, so no run
 * is left {@code running} behind a stopped process.
 */
public final class InProcessJobDispatcher implements JobDispatcher {

    /** How long after a failed claim a run is dispatched again. */
    static final Duration REDISPATCH_DELAY = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(InProcessJobDispatcher.class);
    /** The part of the grace kept back for interrupted jobs to abort their runs. */
    private static final Duration ABORT_MARGIN = Duration.ofSeconds(2);

    private final JobRunner runner;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService later;
    private final Set<RunId> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<RunId> running = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting = true;

    /**
     * @param runner runs one run's job
     * @param threads worker threads, at least 1
     */
    public InProcessJobDispatcher(JobRunner runner, int threads) {
        this.runner = runner;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "opsruns-job-" + n.incrementAndGet());
            t.setDaemon(false);
            return t;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
        this.later = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opsruns-job-redispatch");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public boolean dispatch(RunId runId) {
        if (!accepting) {
            LOG.info("shutting down: run {} stays pending and is dispatched again at the next start", runId);
            return false;
        }
        if (!inFlight.add(runId)) {
            return true;
        }
        try {
            pool.execute(() -> work(runId));
            return true;
        } catch (RejectedExecutionException e) {
            inFlight.remove(runId);
            LOG.info("shutting down: run {} stays pending and is dispatched again at the next start", runId);
            return false;
        }
    }

    private void work(RunId runId) {
        JobRunner.Outcome outcome = JobRunner.Outcome.DONE;
        running.add(runId);
        try {
            outcome = runner.run(runId);
        } finally {
            running.remove(runId);
            inFlight.remove(runId);
        }
        if (outcome == JobRunner.Outcome.RETRY_LATER && accepting) {
            try {
                later.schedule(() -> dispatch(runId), REDISPATCH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.info("shutting down: run {} stays pending and is dispatched again at the next start", runId);
            }
        }
    }

    @Override
    public void shutdown(Duration grace) {
        accepting = false;
        later.shutdownNow();
        pool.shutdown();
        List<Runnable> dropped = new ArrayList<>();
        pool.getQueue().drainTo(dropped);
        if (!dropped.isEmpty()) {
            LOG.info("{} queued job(s) not started; their runs stay pending until the next start", dropped.size());
        }
        long start = System.nanoTime();
        Duration margin = grace.compareTo(ABORT_MARGIN.multipliedBy(2)) >= 0 ? ABORT_MARGIN : grace.dividedBy(2);
        try {
            if (pool.awaitTermination(grace.minus(margin).toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            LOG.warn("{} job(s) still running after {}; interrupting them (their runs end as {})", running.size(),
                    grace.minus(margin), JobRunner.SHUTDOWN);
            pool.shutdownNow();
            long left = grace.toNanos() - (System.nanoTime() - start);
            if (pool.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // Jobs that ignored the interrupt: end their runs from here; their own late writes are refused.
        for (RunId runId : Set.copyOf(running)) {
            LOG.warn("run {}: its job did not stop within the grace; aborting the run", runId);
            runner.abandon(runId);
        }
    }
}
