package dev.opsruns.example.backup;

import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;
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
import java.util.List;
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
    public void execute(Run run, RunClaim claim) throws InterruptedException {
        RunId id = run.id();
        AddPoliciesContext context;
        try {
            context = AddPoliciesContext.from(run.context());
        } catch (IllegalArgumentException e) {
            registry.fail(claim, AddPolicies.INVALID_CONTEXT, "the run's context is not an add-policies context: " + e.getMessage());
            return;
        }
        Optional<BackupSet> set = storeRetry.call("read the backup set of run " + id,
                () -> backupSets.find(run.tenantId(), context.backupSetId()));
        if (set.isEmpty()) {
            registry.fail(claim, AddPolicies.BACKUP_SET_MISSING, "backup set " + context.backupSetId() + " no longer exists");
            return;
        }
        registry.setTotal(claim, context.policyIds().size());
        List<String> policyIds = context.policyIds();
        for (int i = (int) Math.min(resumeAt(run, claim), policyIds.size()); i < policyIds.size(); i++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("shutdown");
            }
            String policyId = policyIds.get(i);
            try {
                CapturedPolicy captured = captureWithRetry(run, claim, policyId);
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("shutdown"); // stop before writing, as before capturing
                }
                // Replacing the item is idempotent, so a retry after a lost connection is safe.
                storeRetry.run("store policy " + policyId + " of run " + id,
                        () -> backupSets.putItem(set.get(), captured, id, clock.instant()));
                registry.recordProgress(claim, ProgressDelta.succeeded(1));
            } catch (PolicySourceException e) {
                registry.recordItemFailure(claim, policyId, e.reasonCode(), e.getMessage());
            }
        }
        registry.finish(claim);
    }

    /**
     * Where a takeover resumes: this job reports each policy's outcome as soon as it has one, in the
     * order of the run's policy list, so the counts an earlier attempt left are exactly the outcomes of
     * the first that many policies. The policy after them may have been captured without being counted
     * (a crash in between); capturing it again replaces the capture, so it is simply done again.
     *
     * @return how many policies of the list are done
     */
    private static long resumeAt(Run run, RunClaim claim) {
        return claim.attempt() == 1 ? 0 : run.counts().processed();
    }

    private CapturedPolicy captureWithRetry(Run run, RunClaim claim, String policyId) throws PolicySourceException, InterruptedException {
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
                registry.heartbeat(claim);
                Thread.sleep(wait.toMillis());
            }
        }
    }
}
