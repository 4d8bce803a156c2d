package dev.opsruns.example.backup;

import dev.opsruns.core.RunId;
import java.time.Instant;
import java.util.Objects;

/**
 * One policy's captured payload in a backup set.
 *
 * @param policyId the policy
 * @param displayName its name at capture time
 * @param policyType its kind
 * @param payloadJson the captured payload
 * @param capturedAt when
 * @param capturedByRunId the {@code backup_set.add_policies} run that captured it
 */
public record BackupItem(String policyId, String displayName, String policyType, String payloadJson, Instant capturedAt,
        RunId capturedByRunId) {
    /** Compact constructor: every part is required. */
    public BackupItem {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(capturedByRunId, "capturedByRunId");
    }
}
