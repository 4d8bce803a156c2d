package dev.opsruns.example.drift;

import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunType;
import dev.opsruns.example.inventory.InventoryRepository;
import dev.opsruns.example.inventory.InventoryRun;
import dev.opsruns.example.inventory.SnapshotItem;
import dev.opsruns.example.inventory.SnapshotUnavailableException;
import dev.opsruns.example.jobs.RunJob;
import dev.opsruns.example.jobs.StoreRetry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code drift.generate} job: reads the two snapshots the run's context names, compares them and
 * replaces the run's findings. Items are the policies compared. A snapshot that cannot be read or an
 * inventory run that is gone fails the run with a reason code (the ledger sanitizes the message and
 * notifies the initiator).
 */
public final class DriftGenerationJob implements RunJob {

    private final RunRegistry registry;
    private final InventoryRepository inventory;
    private final DriftFindingRepository findings;
    private final StoreRetry storeRetry;
    private final Clock clock;

    /**
     * @param registry the ledger's write side
     * @param inventory inventory syncs
     * @param findings where findings go
     * @param storeRetry how failed reads and writes of the app's tables are retried
     * @param clock the ledger's clock
     */
    public DriftGenerationJob(RunRegistry registry, InventoryRepository inventory, DriftFindingRepository findings,
            StoreRetry storeRetry, Clock clock) {
        this.registry = registry;
        this.inventory = inventory;
        this.findings = findings;
        this.storeRetry = storeRetry;
        this.clock = clock;
    }

    @Override
    public RunType runType() {
        return DriftGeneration.RUN_TYPE;
    }

    @Override
    public void execute(Run run, RunClaim claim) {
        RunId id = run.id();
        DriftRunContext context;
        try {
            context = DriftRunContext.from(run.context());
        } catch (IllegalArgumentException e) {
            registry.fail(claim, DriftGeneration.INVALID_CONTEXT, "the run's context is not a drift context: " + e.getMessage());
            return;
        }
        Optional<InventoryRun> baseline = storeRetry.call("read inventory run of " + id,
                () -> inventory.find(run.tenantId(), context.baselineRunId()));
        Optional<InventoryRun> current = storeRetry.call("read inventory run of " + id,
                () -> inventory.find(run.tenantId(), context.currentRunId()));
        if (baseline.isEmpty() || current.isEmpty()) {
            UUID missing = baseline.isEmpty() ? context.baselineRunId() : context.currentRunId();
            registry.fail(claim, DriftGeneration.INVENTORY_RUN_MISSING, "inventory run " + missing + " of scope "
                    + context.scopeKey() + " no longer exists");
            return;
        }
        List<SnapshotItem> before;
        List<SnapshotItem> after;
        try {
            before = inventory.snapshot(baseline.get());
            after = inventory.snapshot(current.get());
        } catch (SnapshotUnavailableException e) {
            registry.fail(claim, DriftGeneration.SNAPSHOT_UNAVAILABLE, e.getMessage());
            return;
        }
        int compared = SnapshotComparison.policiesCompared(before, after);
        registry.setTotal(claim, compared);
        List<DriftChange> changes = SnapshotComparison.compare(before, after);
        // Replacing the run's findings is idempotent, so a retry after a lost connection is safe.
        storeRetry.run("store the findings of run " + id,
                () -> findings.replace(run.tenantId(), id, context, changes, clock.instant()));
        // a takeover of a run whose earlier attempt counted already counts only what is missing
        long uncounted = compared - run.counts().succeeded();
        if (uncounted > 0) {
            registry.recordProgress(claim, ProgressDelta.succeeded(uncounted));
        }
        registry.finish(claim);
    }
}
