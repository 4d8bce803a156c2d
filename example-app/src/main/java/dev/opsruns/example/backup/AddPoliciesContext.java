package dev.opsruns.example.backup;

import dev.opsruns.core.RunContext;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The context of a {@code backup_set.add_policies} run: the backup set and the policy ids, sorted and
 * de-duplicated, so the same request in another order (or with repeats) is the same operation.
 *
 * @param backupSetId the backup set
 * @param policyIds the policies, sorted and distinct
 */
public record AddPoliciesContext(UUID backupSetId, List<String> policyIds) {

    /** Context key of the backup set. */
    public static final String BACKUP_SET_ID = "backup_set_id";
    /** Context key of the policy ids. */
    public static final String POLICY_IDS = "policy_ids";

    /** Compact constructor: sorts and de-duplicates the policy ids. */
    public AddPoliciesContext {
        Objects.requireNonNull(backupSetId, "backupSetId");
        policyIds = List.copyOf(new TreeSet<>(policyIds));
    }

    /**
     * @param backupSetId the backup set
     * @param policyIds the policies in any order, possibly repeated
     * @return the context
     */
    public static AddPoliciesContext of(UUID backupSetId, Collection<String> policyIds) {
        return new AddPoliciesContext(backupSetId, List.copyOf(policyIds));
    }

    /** @return the run context {@code {backup_set_id, policy_ids}} */
    public RunContext toRunContext() {
        return RunContext.builder().put(BACKUP_SET_ID, backupSetId.toString()).put(POLICY_IDS, policyIds).build();
    }

    /**
     * @param context a run's context
     * @return the add-policies context it holds
     * @throws IllegalArgumentException when a member is missing or malformed
     */
    public static AddPoliciesContext from(RunContext context) {
        String set = context.getString(BACKUP_SET_ID)
                .orElseThrow(() -> new IllegalArgumentException("context has no " + BACKUP_SET_ID));
        Object ids = context.get(POLICY_IDS).orElseThrow(() -> new IllegalArgumentException("context has no " + POLICY_IDS));
        if (!(ids instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException(POLICY_IDS + " is not a list of strings");
        }
        return new AddPoliciesContext(UUID.fromString(set), list.stream().map(String.class::cast).toList());
    }
}
