package dev.opsruns.example.policy;

import dev.opsruns.core.TenantId;

/**
 * Where a policy's current payload is captured from: in production a cloud API (Microsoft Graph, say),
 * in the demo {@link DemoPolicySource}.
 */
@FunctionalInterface
public interface PolicySource {

    /**
     * @param tenantId the tenant
     * @param policyId the policy
     * @return the policy's payload
     * @throws PolicySourceException when the source refuses or fails (not found, forbidden, throttled)
     */
    CapturedPolicy capture(TenantId tenantId, String policyId) throws PolicySourceException;
}
