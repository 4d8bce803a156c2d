package dev.opsruns.example.maintenance;

import dev.opsruns.core.PurgeReport;
import dev.opsruns.core.ReapReport;
import dev.opsruns.core.RetentionPolicy;
import dev.opsruns.core.RunException;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.StaleRunPolicy;
import dev.opsruns.example.ops.TransitionLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stale-run reaper and the retention purge periodically on one background thread. Both are
 * safe to run from several app instances at once. A failed pass is logged and the schedule goes on.
 * Every run the reaper ends is logged once, as a run transition; the last pass is kept for
 * {@code /health}.
 */
public final class LedgerMaintenanceScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerMaintenanceScheduler.class);

    private final RunMaintenance maintenance;
    private final RunRegistry registry;
    private final Clock clock;
    private final Duration reaperInterval;
    private volatile ReaperPass lastPass;
    private final StaleRunPolicy stalePolicy;
    private final RetentionPolicy retentionPolicy;
    private final ScheduledExecutorService executor;

    /**
     * Starts the schedule: the first reaper pass after one reaper interval, the first purge after one
     * purge interval.
     *
     * @param maintenance the ledger's maintenance
     * @param registry the ledger's write side, to read what the reaper ended for the log
     * @param clock the app's clock
     * @param stalePolicy the reaper's thresholds
     * @param reaperInterval time between reaper passes
     * @param retentionPolicy what the purge deletes
     * @param purgeInterval time between purges
     */
    public LedgerMaintenanceScheduler(RunMaintenance maintenance, RunRegistry registry, Clock clock,
            StaleRunPolicy stalePolicy, Duration reaperInterval, RetentionPolicy retentionPolicy, Duration purgeInterval) {
        this.maintenance = maintenance;
        this.registry = registry;
        this.clock = clock;
        this.reaperInterval = reaperInterval;
        this.stalePolicy = stalePolicy;
        this.retentionPolicy = retentionPolicy;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opsruns-maintenance");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::reapNow, reaperInterval.toMillis(), reaperInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::purgeNow, purgeInterval.toMillis(), purgeInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * One reaper pass, now, on the calling thread.
     *
     * @return what it ended, or null when the pass failed (logged)
     */
    public ReapReport reapNow() {
        try {
            ReapReport report = maintenance.reapStaleRuns(stalePolicy);
            if (report.total() > 0) {
                LOG.info("reaper ended {} stale and {} never-started run(s)", report.stale().size(), report.neverStarted().size());
                report.stale().forEach(this::logReaped);
                report.neverStarted().forEach(this::logReaped);
            }
            lastPass = new ReaperPass(clock.instant(), report.stale().size(), report.neverStarted().size(), false);
            return report;
        } catch (RuntimeException e) {
            lastPass = new ReaperPass(clock.instant(), 0, 0, true);
            LOG.error("stale-run reaper pass failed ({}); next pass in {}", e.getClass().getSimpleName(), reaperInterval);
            return null;
        }
    }

    /** @return the last reaper pass, empty before the first */
    public Optional<ReaperPass> lastReaperPass() {
        return Optional.ofNullable(lastPass);
    }

    /** @return time between reaper passes */
    public Duration reaperInterval() {
        return reaperInterval;
    }

    private void logReaped(RunId runId) {
        try {
            TransitionLog.logEnded(registry.get(runId), LOG);
        } catch (RunException e) {
            LOG.info("reaper ended run {} (not readable now: {})", runId.value(), e.getClass().getSimpleName());
        }
    }

    /**
     * One purge, now, on the calling thread.
     *
     * @return what it deleted, or null when it failed (logged)
     */
    public PurgeReport purgeNow() {
        try {
            PurgeReport report = maintenance.purgeEndedRuns(retentionPolicy);
            if (report.runsDeleted() > 0) {
                LOG.info("retention purge deleted {} ended run(s) in {} batch(es)", report.runsDeleted(), report.batches());
            }
            return report;
        } catch (RuntimeException e) {
            LOG.error("retention purge failed; next purge as scheduled", e);
            return null;
        }
    }

    /** Stops the schedule; a pass in progress finishes. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
