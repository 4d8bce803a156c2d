package dev.opsruns.example.policy;

import java.util.Objects;

/**
 * A policy's payload as the policy source returned it.
 *
 * @param policyId the policy's id
 * @param displayName its name at capture time
 * @param policyType its kind
 * @param payloadJson the full payload as JSON
 */
public record CapturedPolicy(String policyId, String displayName, String policyType, String payloadJson) {
    /** Compact constructor: every part is required. */
    public CapturedPolicy {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }
}
