package dev.opsruns.core;

/**
 * A start could neither insert a run nor reuse the active one: every attempt lost to a run of the same
 * key that ended before it could be read. Only heavy churn on one key (runs started and ended
 * back to back by other callers) causes this; nothing was written, and trying again is safe.
 */
public class RunStartContendedException extends RunException {

    private static final long serialVersionUID = 1L;

    /** The tenant of the refused start. */
    private final TenantId tenantId;
    /** The contended key. */
    private final IdempotencyKey idempotencyKey;
    /** How many attempts were made. */
    private final int attempts;

    /**
     * @param tenantId the tenant
     * @param runType the run type
     * @param idempotencyKey the contended key
     * @param attempts how many attempts were made
     */
    public RunStartContendedException(TenantId tenantId, RunType runType, IdempotencyKey idempotencyKey,
            int attempts) {
        super("could not start or reuse a " + runType + " run in tenant " + tenantId + ": the active run of its key"
                + " ended " + attempts + " times before it could be reused; try again, or raise"
                + " RunsConfig.startRetries for keys this busy");
        this.tenantId = tenantId;
        this.idempotencyKey = idempotencyKey;
        this.attempts = attempts;
    }

    /** @return the tenant of the refused start */
    public TenantId tenantId() {
        return tenantId;
    }

    /** @return the contended idempotency key */
    public IdempotencyKey idempotencyKey() {
        return idempotencyKey;
    }

    /** @return how many attempts were made */
    public int attempts() {
        return attempts;
    }
}
