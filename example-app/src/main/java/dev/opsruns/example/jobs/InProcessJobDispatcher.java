package dev.opsruns.example.jobs;

import dev.opsruns.core.RunId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link JobDispatcher}: a fixed pool of worker threads in this process. A run already
 * queued or running here is not queued twice.
 */
public final class InProcessJobDispatcher implements JobDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessJobDispatcher.class);

    private final JobRunner runner;
    private final ThreadPoolExecutor pool;
    private final Set<RunId> inFlight = ConcurrentHashMap.newKeySet();
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
            pool.execute(() -> {
                try {
                    runner.run(runId);
                } catch (InterruptedException e) {
                    LOG.warn("run {}: job interrupted by shutdown; the run stays running until the reaper ends it", runId);
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.remove(runId);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            inFlight.remove(runId);
            LOG.info("shutting down: run {} stays pending and is dispatched again at the next start", runId);
            return false;
        }
    }

    @Override
    public void shutdown(Duration grace) {
        accepting = false;
        pool.shutdown();
        List<Runnable> dropped = new ArrayList<>();
        pool.getQueue().drainTo(dropped);
        if (!dropped.isEmpty()) {
            LOG.info("{} queued job(s) not started; their runs stay pending until the next start", dropped.size());
        }
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("jobs still running after {}; interrupting them", grace);
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
