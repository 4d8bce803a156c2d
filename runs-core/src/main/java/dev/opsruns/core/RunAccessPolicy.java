package dev.opsruns.core;

/**
 * Decides who may view and who may start runs in a tenant. Hosts may plug their own;
 * {@link #standard()} is the default: every role may view, all but {@link TenantRole#READONLY} may
 * start, and a principal without a role in the tenant may do nothing there.
 */
public interface RunAccessPolicy {

    /**
     * @param principal the caller
     * @param tenantId the tenant
     * @return true when the caller may view the tenant's runs
     */
    boolean canView(Principal principal, TenantId tenantId);

    /**
     * @param principal the caller
     * @param tenantId the tenant
     * @param runType the kind of run to start
     * @return true when the caller may start such a run in the tenant
     */
    boolean canStart(Principal principal, TenantId tenantId, RunType runType);

    /** @return the default policy: every role views, all but READONLY start */
    static RunAccessPolicy standard() {
        return new RunAccessPolicy() {
            @Override
            public boolean canView(Principal principal, TenantId tenantId) {
                return principal.roleIn(tenantId).isPresent();
            }

            @Override
            public boolean canStart(Principal principal, TenantId tenantId, RunType runType) {
                return principal.roleIn(tenantId).map(TenantRole::canStartRuns).orElse(false);
            }
        };
    }

    /**
     * @param principal the caller
     * @param tenantId the tenant
     * @throws RunAccessDeniedException when the caller may not view the tenant's runs
     */
    default void checkView(Principal principal, TenantId tenantId) {
        if (!canView(principal, tenantId)) {
            throw new RunAccessDeniedException(tenantId, principal.userId(),
                    "user " + principal.userId() + " has no role in tenant " + tenantId
                            + "; viewing runs needs one of OWNER, MANAGER, OPERATOR, READONLY");
        }
    }

    /**
     * @param principal the caller
     * @param tenantId the tenant
     * @param runType the kind of run to start
     * @throws RunAccessDeniedException when the caller may not start such a run
     */
    default void checkStart(Principal principal, TenantId tenantId, RunType runType) {
        if (!canStart(principal, tenantId, runType)) {
            String role = principal.roleIn(tenantId).map(Enum::name).orElse("no role");
            throw new RunAccessDeniedException(tenantId, principal.userId(),
                    "user " + principal.userId() + " (" + role + " in tenant " + tenantId + ") may not start "
                            + runType + " runs; starting needs OWNER, MANAGER or OPERATOR");
        }
    }
}
