package dev.opsruns.example.drift;

import java.util.List;
import java.util.Objects;

/**
 * One difference between two snapshots.
 *
 * @param policyId the policy
 * @param displayName its name (current, or baseline when removed)
 * @param policyType its kind
 * @param changeType added, removed or changed
 * @param changedSettings for a changed policy, the paths of the settings that differ; else empty
 */
public record DriftChange(String policyId, String displayName, String policyType, ChangeType changeType,
        List<String> changedSettings) {
    /** Compact constructor: copies the list. */
    public DriftChange {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(changeType, "changeType");
        changedSettings = List.copyOf(changedSettings);
    }
}
