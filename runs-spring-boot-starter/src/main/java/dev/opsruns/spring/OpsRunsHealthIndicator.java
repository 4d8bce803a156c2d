package dev.opsruns.spring;

import dev.opsruns.core.ReapReport;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.StaleRunPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code opsruns} health component. {@code DOWN} when the store cannot be read; otherwise
 * {@code UP}, with details: how many running runs have an overdue heartbeat ({@code overdueRuns})
 * and how many pending runs were queued too long ({@code queuedTooLong}), by the reaper's thresholds
 * and at most its per-pass bound each; and the reaper of this process: whether it is scheduled, when
 * its last pass completed, how long ago, and {@code late} when that is more than three intervals.
 * Overdue runs and a late reaper are reported, not turned into {@code DOWN}: they do not stop the
 * application from serving, and a status change would take it out of a load balancer.
 */
public class OpsRunsHealthIndicator extends AbstractHealthIndicator {

    private final RunLedger ledger;
    private final StaleRunPolicy policy;
    private final OpsRunsMaintenanceScheduler scheduler;

    /**
     * @param ledger the ledger to check
     * @param policy the reaper's thresholds
     * @param scheduler the maintenance schedule, or null when the application runs none
     */
    public OpsRunsHealthIndicator(RunLedger ledger, StaleRunPolicy policy, OpsRunsMaintenanceScheduler scheduler) {
        super("opsruns health check failed");
        this.ledger = ledger;
        this.policy = policy;
        this.scheduler = scheduler;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        // one read of the store: it answers "reachable?" and "anything overdue?" at once; a failure is DOWN
        ReapReport overdue = ledger.maintenance().findStaleRuns(policy);
        builder.up().withDetail("overdueRuns", overdue.stale().size())
                .withDetail("queuedTooLong", overdue.neverStarted().size());
        builder.withDetail("reaper", reaper());
    }

    private Map<String, Object> reaper() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean enabled = scheduler != null && scheduler.reaperEnabled();
        details.put("enabled", enabled);
        if (scheduler == null) {
            return details;
        }
        Optional<Instant> last = scheduler.lastReaperPass();
        details.put("interval", scheduler.reaperInterval().toString());
        last.ifPresent(at -> {
            Duration since = Duration.between(at, ledger.config().clock().instant());
            details.put("lastPass", at.toString());
            details.put("sinceLastPass", since.toString());
            details.put("late", enabled && since.compareTo(scheduler.reaperInterval().multipliedBy(3)) > 0);
        });
        scheduler.lastReap().ifPresent(r -> details.put("lastPassEnded", r.total()));
        return details;
    }
}
