package dev.opsruns.spring;

import dev.opsruns.core.PurgeReport;
import dev.opsruns.core.ReapReport;
import dev.opsruns.core.RunLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the stale-run reaper and the retention purge on one daemon thread of its own, each first at
 * start-up and then after every interval, as {@code opsruns.reaper.*} and {@code opsruns.retention.*}
 * say (either can be switched off). Both are safe to run from every instance of the application at
 * once. A pass that fails is logged and the next one runs as planned. Remembers when the reaper last
 * completed a pass, for the health indicator.
 */
public class OpsRunsMaintenanceScheduler implements SmartLifecycle {

    private static final Log LOG = LogFactory.getLog(OpsRunsMaintenanceScheduler.class);

    private final RunLedger ledger;
    private final OpsRunsProperties.Reaper reaper;
    private final OpsRunsProperties.Retention retention;
    private final Clock clock;
    private final AtomicReference<Instant> lastReaperPass = new AtomicReference<>();
    private final AtomicReference<ReapReport> lastReap = new AtomicReference<>();
    private ScheduledExecutorService executor;

    /**
     * @param ledger the ledger to keep healthy
     * @param properties the schedules
     */
    public OpsRunsMaintenanceScheduler(RunLedger ledger, OpsRunsProperties properties) {
        this.ledger = ledger;
        this.reaper = properties.reaper();
        this.retention = properties.retention();
        this.clock = ledger.config().clock();
    }

    @Override
    public synchronized void start() {
        if (executor != null || (!reaper.enabled() && !retention.enabled())) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opsruns-maintenance");
            t.setDaemon(true);
            return t;
        });
        if (reaper.enabled()) {
            executor.scheduleWithFixedDelay(this::reapNow, 0, reaper.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (retention.enabled()) {
            executor.scheduleWithFixedDelay(this::purgeNow, 0, retention.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /**
     * Runs one reaper pass now, on the caller's thread (the schedule calls this too).
     *
     * @return what the pass ended, or empty when it failed (the failure is logged)
     */
    public Optional<ReapReport> reapNow() {
        try {
            ReapReport report = ledger.maintenance().reapStaleRuns(reaper.policy());
            lastReap.set(report);
            lastReaperPass.set(clock.instant());
            return Optional.of(report);
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log and keep the schedule alive
            LOG.warn("opsruns reaper pass failed; the next runs in " + reaper.interval(), e);
            return Optional.empty();
        }
    }

    /**
     * Runs one retention purge now, on the caller's thread (the schedule calls this too).
     *
     * @return what the purge deleted, or empty when it failed (the failure is logged)
     */
    public Optional<PurgeReport> purgeNow() {
        try {
            return Optional.of(ledger.maintenance().purgeEndedRuns(retention.policy()));
        } catch (RuntimeException e) {
            LOG.warn("opsruns retention purge failed; the next runs in " + retention.interval(), e);
            return Optional.empty();
        }
    }

    /** @return whether the reaper is scheduled */
    public boolean reaperEnabled() {
        return reaper.enabled();
    }

    /** @return the pause between two reaper passes */
    public Duration reaperInterval() {
        return reaper.interval();
    }

    /** @return when the reaper last completed a pass in this process, empty before the first */
    public Optional<Instant> lastReaperPass() {
        return Optional.ofNullable(lastReaperPass.get());
    }

    /** @return what the reaper's last completed pass in this process ended, empty before the first */
    public Optional<ReapReport> lastReap() {
        return Optional.ofNullable(lastReap.get());
    }
}
