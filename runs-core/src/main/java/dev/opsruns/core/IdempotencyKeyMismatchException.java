package dev.opsruns.core;

/**
 * A start carried a caller key ({@link StartRequest#withCallerKey}) that a run of the tenant already
 * holds for a different request: another run type or another context. The key names one operation, so
 * the run is never reused for a different one; nothing was written. Use a new key for a new request.
 */
public class IdempotencyKeyMismatchException extends RunException {

    private static final long serialVersionUID = 1L;

    /** The tenant. */
    private final TenantId tenantId;
    /** The stored key the caller key maps to. */
    private final IdempotencyKey idempotencyKey;
    /** The run that holds the key. */
    private final RunId existingRunId;

    /**
     * @param request the refused request
     * @param existing the run that holds the key for another request
     */
    public IdempotencyKeyMismatchException(StartRequest request, Run existing) {
        super("idempotency key already used for a different request in tenant " + request.tenantId() + ": run "
                + existing.id() + " (" + existing.runType() + ") holds it with another "
                + (existing.runType().equals(request.runType()) ? "context" : "run type")
                + "; a caller key names one operation, so send a new key for a changed request");
        this.tenantId = request.tenantId();
        this.idempotencyKey = existing.idempotencyKey();
        this.existingRunId = existing.id();
    }

    /** @return the tenant */
    public TenantId tenantId() {
        return tenantId;
    }

    /** @return the stored key the caller key maps to */
    public IdempotencyKey idempotencyKey() {
        return idempotencyKey;
    }

    /** @return the run that holds the key */
    public RunId existingRunId() {
        return existingRunId;
    }
}
