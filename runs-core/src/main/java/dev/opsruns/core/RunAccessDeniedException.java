package dev.opsruns.core;

/**
 * The principal may not do this in this tenant: it has no role there, or its role does not allow
 * the action (a {@link TenantRole#READONLY} user starting a run). Nothing has been recorded.
 */
public class RunAccessDeniedException extends RunException {

    /** The tenant access was refused in. */
    private final TenantId tenantId;
    /** The user refused. */
    private final String userId;

    /**
     * @param tenantId the tenant the call was for
     * @param userId the principal's user id
     * @param message what was refused and which roles may do it
     */
    public RunAccessDeniedException(TenantId tenantId, String userId, String message) {
        super(message);
        this.tenantId = tenantId;
        this.userId = userId;
    }

    /** @return the tenant the call was for */
    public TenantId tenantId() {
        return tenantId;
    }

    /** @return the user id of the refused principal */
    public String userId() {
        return userId;
    }
}
