package dev.opsruns.example.inventory;

import java.util.Objects;

/**
 * One policy as an inventory sync saw it.
 *
 * @param policyId the policy
 * @param displayName its name then
 * @param policyType its kind
 * @param settingsJson its settings then, a JSON object
 */
public record SnapshotItem(String policyId, String displayName, String policyType, String settingsJson) {
    /** Compact constructor: every part is required. */
    public SnapshotItem {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(settingsJson, "settingsJson");
    }
}
