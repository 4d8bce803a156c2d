package dev.opsruns.example.drift;

import dev.opsruns.core.IdempotencyKeyMismatchException;
import dev.opsruns.core.Principal;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.inventory.InventoryRepository;
import dev.opsruns.example.inventory.InventoryRun;
import dev.opsruns.example.jobs.JobDispatcher;
import java.util.List;

/**
 * Starts drift generation for a scope: picks the two newest successful inventory runs (baseline = the
 * older, current = the newer), starts or reuses the run for exactly that comparison, and dispatches its
 * job when the run is new.
 */
public final class DriftGenerationService {

    private final RunLedger ledger;
    private final InventoryRepository inventory;
    private final JobDispatcher dispatcher;

    /**
     * @param ledger the run ledger
     * @param inventory inventory syncs
     * @param dispatcher where jobs go
     */
    public DriftGenerationService(RunLedger ledger, InventoryRepository inventory, JobDispatcher dispatcher) {
        this.ledger = ledger;
        this.inventory = inventory;
        this.dispatcher = dispatcher;
    }

    /**
     * @param principal who starts it (checked first: a readonly user gets access denied, whatever the scope)
     * @param tenantId the tenant
     * @param scopeKey a well-formed scope key
     * @return the started or reused run
     * @throws dev.opsruns.core.RunAccessDeniedException when the principal may not start runs in the tenant
     * @throws InsufficientInventoryException when the scope has fewer than two successful inventory runs
     */
    public StartOutcome start(Principal principal, TenantId tenantId, String scopeKey) {
        return start(principal, tenantId, scopeKey, null);
    }

    /**
     * {@link #start(Principal, TenantId, String)} under the client's own idempotency key. The request
     * body is the scope key alone, while the run's context also names the two inventory runs compared:
     * a retry after a newer inventory sync has the same body but another context, so the key's run is
     * still its answer when it compared the same scope.
     *
     * @param principal who starts it
     * @param tenantId the tenant
     * @param scopeKey a well-formed scope key
     * @param idempotencyKey the client's key (already checked), or null to derive one from the request
     * @return the started or reused run
     * @throws dev.opsruns.core.IdempotencyKeyMismatchException when the key was used for another request
     */
    public StartOutcome start(Principal principal, TenantId tenantId, String scopeKey, String idempotencyKey) {
        ledger.config().accessPolicy().checkStart(principal, tenantId, DriftGeneration.RUN_TYPE);
        List<InventoryRun> newest = inventory.latestSuccessful(tenantId, scopeKey, 2);
        if (newest.size() < 2) {
            throw new InsufficientInventoryException(scopeKey, newest.size());
        }
        DriftRunContext context = new DriftRunContext(scopeKey, newest.get(1).id(), newest.get(0).id());
        StartRequest request = StartRequest.byUser(principal, tenantId, DriftGeneration.RUN_TYPE, context.toRunContext());
        StartOutcome outcome;
        if (idempotencyKey == null) {
            outcome = ledger.registry().startOrReuse(request);
        } else {
            try {
                outcome = ledger.registry().startOrReuse(request.withCallerKey(idempotencyKey));
            } catch (IdempotencyKeyMismatchException mismatch) {
                Run existing = ledger.registry().get(mismatch.existingRunId());
                if (!existing.runType().equals(DriftGeneration.RUN_TYPE)
                        || !existing.context().getString("scope_key").equals(java.util.Optional.of(scopeKey))) {
                    throw mismatch;
                }
                return new StartOutcome.Reused(existing); // the same body: that run is the key's answer
            }
        }
        if (outcome instanceof StartOutcome.Started started) {
            dispatcher.dispatch(started.run().id());
        }
        return outcome;
    }
}
