package dev.opsruns.example.backup;

import dev.opsruns.core.Principal;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.jobs.JobDispatcher;
import dev.opsruns.example.policy.PolicyRepository;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Starts adding policies to a backup set: checks the caller may start runs, that the backup set is in
 * the tenant and that every policy is in its catalogue, then starts or reuses the run and dispatches its
 * job when the run is new. A refused request writes nothing.
 */
public final class AddPoliciesService {

    private final RunLedger ledger;
    private final BackupSetRepository backupSets;
    private final PolicyRepository policies;
    private final JobDispatcher dispatcher;

    /**
     * @param ledger the run ledger
     * @param backupSets backup sets
     * @param policies the policy catalogue
     * @param dispatcher where jobs go
     */
    public AddPoliciesService(RunLedger ledger, BackupSetRepository backupSets, PolicyRepository policies,
            JobDispatcher dispatcher) {
        this.ledger = ledger;
        this.backupSets = backupSets;
        this.policies = policies;
        this.dispatcher = dispatcher;
    }

    /**
     * @param principal who starts it
     * @param tenantId the tenant
     * @param backupSetId the backup set
     * @param policyIds 1-200 well-formed policy ids, in any order, possibly repeated
     * @return the started or reused run
     * @throws dev.opsruns.core.RunAccessDeniedException when the principal may not start runs in the tenant
     * @throws BackupSetNotFoundException when the backup set is not in the tenant
     * @throws UnknownPoliciesException when a policy id is not in the tenant's catalogue
     */
    public StartOutcome start(Principal principal, TenantId tenantId, UUID backupSetId, List<String> policyIds) {
        return start(principal, tenantId, backupSetId, policyIds, null);
    }

    /**
     * {@link #start(Principal, TenantId, UUID, List)} under the client's own idempotency key: the key's
     * run, active or ended, answers every retry with the same body.
     *
     * @param principal who starts it
     * @param tenantId the tenant
     * @param backupSetId the backup set
     * @param policyIds 1-200 well-formed policy ids, in any order, possibly repeated
     * @param idempotencyKey the client's key (already checked), or null to derive one from the request
     * @return the started or reused run
     * @throws dev.opsruns.core.IdempotencyKeyMismatchException when the key was used for another request
     */
    public StartOutcome start(Principal principal, TenantId tenantId, UUID backupSetId, List<String> policyIds,
            String idempotencyKey) {
        ledger.config().accessPolicy().checkStart(principal, tenantId, AddPolicies.RUN_TYPE);
        backupSets.find(tenantId, backupSetId).orElseThrow(() -> new BackupSetNotFoundException(tenantId, backupSetId));
        AddPoliciesContext context = AddPoliciesContext.of(backupSetId, policyIds);
        Set<String> known = policies.existing(tenantId, context.policyIds());
        List<String> unknown = context.policyIds().stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownPoliciesException(tenantId, unknown);
        }
        StartRequest request = StartRequest.byUser(principal, tenantId, AddPolicies.RUN_TYPE, context.toRunContext());
        StartOutcome outcome = ledger.registry().startOrReuse(
                idempotencyKey == null ? request : request.withCallerKey(idempotencyKey));
        if (outcome instanceof StartOutcome.Started started) {
            dispatcher.dispatch(started.run().id());
        }
        return outcome;
    }
}
