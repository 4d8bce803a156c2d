package dev.opsruns.example.backup;

import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunType;
import dev.opsruns.example.jobs.RunJob;
import dev.opsruns.example.jobs.StoreRetry;
import dev.opsruns.example.policy.CapturedPolicy;
import dev.opsruns.example.policy.PolicySource;
import dev.opsruns.example.policy.PolicySourceException;
import dev.opsruns.example.policy.SourceRetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code backup_set.add_policies} job: one item per policy. Each policy's payload is captured from
 * the policy source (throttled calls are retried per {@link SourceRetryPolicy}) and stored in the set;
 * a policy that cannot be captured is an item failure keyed by its id. The raw source error goes to the
 * ledger only, which sanitizes it. The ledger then ends the run succeeded, partially succeeded or
 * failed by its counts (DESIGN §5).
 */
public final class AddPoliciesJob implements RunJob {

    private final RunRegistry registry;
    private final BackupSetRepository backupSets;
    private final PolicySource source;
    private final SourceRetryPolicy retry;
    private final StoreRetry storeRetry;
    private final Clock clock;

    /**
     * @param registry the ledger's write side
     * @param backupSets backup sets
     * @param source where payloads are captured from
     * @param retry how throttled calls are retried
     * @param storeRetry how a failed write of a captured item is retried
     * @param clock the ledger's clock
     */
    public AddPoliciesJob(RunRegistry registry, BackupSetRepository backupSets, PolicySource source,
            SourceRetryPolicy retry, StoreRetry storeRetry, Clock clock) {
        this.registry = registry;
        this.backupSets = backupSets;
        this.source = source;
        this.retry = retry;
        this.storeRetry = storeRetry;
        this.clock = clock;
    }

    @Override
    public RunType runType() {
        return AddPolicies.RUN_TYPE;
    }

    @Override
    public void execute(Run run) throws InterruptedException {
        RunId id = run.id();
        registry.markRunning(id);
        AddPoliciesContext context;
        try {
            context = AddPoliciesContext.from(run.context());
        } catch (IllegalArgumentException e) {
            registry.fail(id, AddPolicies.INVALID_CONTEXT, "the run's context is not an add-policies context: " + e.getMessage());
            return;
        }
        Optional<BackupSet> set = storeRetry.call("read the backup set of run " + id,
                () -> backupSets.find(run.tenantId(), context.backupSetId()));
        if (set.isEmpty()) {
            registry.fail(id, AddPolicies.BACKUP_SET_MISSING, "backup set " + context.backupSetId() + " no longer exists");
            return;
        }
        registry.setTotal(id, context.policyIds().size());
        for (String policyId : context.policyIds()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("shutdown");
            }
            try {
                CapturedPolicy captured = captureWithRetry(run, policyId);
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("shutdown"); // stop before writing, as before capturing
                }
                // Replacing the item is idempotent, so a retry after a lost connection is safe.
                storeRetry.run("store policy " + policyId + " of run " + id,
                        () -> backupSets.putItem(set.get(), captured, id, clock.instant()));
                registry.recordProgress(id, ProgressDelta.succeeded(1));
            } catch (PolicySourceException e) {
                registry.recordItemFailure(id, policyId, e.reasonCode(), e.getMessage());
            }
        }
        registry.finish(id);
    }

    private CapturedPolicy captureWithRetry(Run run, String policyId) throws PolicySourceException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return source.capture(run.tenantId(), policyId);
            } catch (PolicySourceException e) {
                if (!e.retryable() || attempt >= retry.attempts()) {
                    if (e.retryable()) {
                        throw new PolicySourceException(e.reasonCode(),
                                e.getMessage() + " (gave up after " + attempt + " attempts)", null);
                    }
                    throw e;
                }
                Duration wait = retry.delayAfter(attempt, e.retryAfter());
                registry.heartbeat(run.id());
                Thread.sleep(wait.toMillis());
            }
        }
    }
}
