package dev.opsruns.example.backup;

import dev.opsruns.core.TenantId;
import dev.opsruns.example.domain.RefusedException;
import java.util.List;

/** Some requested policy ids are not in the tenant's catalogue. Nothing was started. */
public final class UnknownPoliciesException extends RefusedException {

    private static final int SHOWN = 10;

    /**
     * @param tenantId the tenant
     * @param unknown the ids not in its catalogue, sorted
     */
    public UnknownPoliciesException(TenantId tenantId, List<String> unknown) {
        super(Kind.INVALID, "policy_ids", "policy_ids holds " + unknown.size() + " id(s) not in tenant " + tenantId
                + "'s policy catalogue: " + String.join(", ", unknown.subList(0, Math.min(SHOWN, unknown.size())))
                + (unknown.size() > SHOWN ? " and " + (unknown.size() - SHOWN) + " more" : "")
                + "; GET /api/tenants/" + tenantId + "/policies lists the accepted ids");
    }
}
