package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.Optional;

/**
 * A request to start a run, or reuse the active one with the same idempotency key. Build it with
 * {@link #byUser} (checked against the access policy) or {@link #bySystem} (not checked).
 *
 * @param tenantId the tenant the run belongs to
 * @param runType what kind of operation
 * @param context what makes two requests the same operation; part of the idempotency key
 * @param initiator who starts it
 * @param principal the user starting it, or null for a system start
 */
public record StartRequest(TenantId tenantId, RunType runType, RunContext context, Initiator initiator,
        Principal principal) {

    /**
     * @param tenantId the tenant the run belongs to
     * @param runType what kind of operation
     * @param context what makes two requests the same operation; part of the idempotency key
     * @param initiator who starts it
     * @param principal the user starting it, or null for a system start
     * @throws InvalidRunInputException when a part is null, or the initiator does not match the
     *     principal
     */
    public StartRequest {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(runType, "runType");
        Checks.notNull(context, "context");
        Checks.notNull(initiator, "initiator");
        if (initiator instanceof Initiator.User user
                && (principal == null || !principal.userId().equals(user.id()))) {
            throw new InvalidRunInputException("principal",
                    "a user-initiated start needs the principal of that same user; use StartRequest.byUser");
        }
        if (initiator instanceof Initiator.System && principal != null) {
            throw new InvalidRunInputException("principal", "a system start takes no principal");
        }
    }

    /**
     * @param principal the user starting the run (its role in the tenant is checked)
     * @param tenantId the tenant
     * @param runType the run type
     * @param context the context
     * @return the request
     * @throws InvalidRunInputException when a part is null
     */
    public static StartRequest byUser(Principal principal, TenantId tenantId, RunType runType, RunContext context) {
        Checks.notNull(principal, "principal");
        return new StartRequest(tenantId, runType, context, principal.asInitiator(), principal);
    }

    /**
     * @param systemName the component starting the run
     * @param tenantId the tenant
     * @param runType the run type
     * @param context the context
     * @return the request
     * @throws InvalidRunInputException when a part is null or invalid
     */
    public static StartRequest bySystem(String systemName, TenantId tenantId, RunType runType, RunContext context) {
        return new StartRequest(tenantId, runType, context, new Initiator.System(systemName), null);
    }

    /** @return the user starting the run, empty for a system start */
    public Optional<Principal> userPrincipal() {
        return Optional.ofNullable(principal);
    }

    /** @return the idempotency key of this request */
    public IdempotencyKey idempotencyKey() {
        return RunIdempotency.buildKey(tenantId, runType, context);
    }
}
