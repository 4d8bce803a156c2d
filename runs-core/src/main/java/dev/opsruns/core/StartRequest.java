package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.Optional;

/**
 * A request to start a run, or reuse the active one with the same idempotency key. Build it with
 * {@link #byUser} (checked against the access policy) or {@link #bySystem} (not checked).
 *
 * <p>The key is derived from (tenant, run type, context) unless the caller brings its own
 * ({@link #withCallerKey}, such as an HTTP {@code Idempotency-Key} header): then the stored key is a
 * hash of the caller key alone, and the derived one becomes the request's {@link #fingerprint()}, which a
 * run found under the caller key must match ({@link IdempotencyKeyMismatchException} otherwise).
 *
 * @param tenantId the tenant the run belongs to
 * @param runType what kind of operation
 * @param context what makes two requests the same operation; part of the idempotency key
 * @param initiator who starts it
 * @param principal the user starting it, or null for a system start
 * @param callerKey the caller's own idempotency key, or null to derive one
 */
public record StartRequest(TenantId tenantId, RunType runType, RunContext context, Initiator initiator,
        Principal principal, String callerKey) {

    /** The longest caller key, as the IETF Idempotency-Key header draft suggests keys be bounded. */
    public static final int MAX_CALLER_KEY_LENGTH = 255;

    /**
     * @param tenantId the tenant the run belongs to
     * @param runType what kind of operation
     * @param context what makes two requests the same operation; part of the idempotency key
     * @param initiator who starts it
     * @param principal the user starting it, or null for a system start
     * @param callerKey the caller's own idempotency key (1-255 printable ASCII characters, not blank),
     *     or null to derive one
     * @throws InvalidRunInputException when a part is null, the initiator does not match the
     *     principal, or the caller key is not accepted
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
        if (callerKey != null) {
            checkCallerKey(callerKey);
        }
    }

    /**
     * A request without a caller key.
     *
     * @param tenantId the tenant the run belongs to
     * @param runType what kind of operation
     * @param context what makes two requests the same operation; part of the idempotency key
     * @param initiator who starts it
     * @param principal the user starting it, or null for a system start
     * @throws InvalidRunInputException when a part is null, or the initiator does not match the
     *     principal
     */
    public StartRequest(TenantId tenantId, RunType runType, RunContext context, Initiator initiator,
            Principal principal) {
        this(tenantId, runType, context, initiator, principal, null);
    }

    /**
     * Checks a caller key as a start would, so that a host can answer a malformed one before it does
     * any work (an HTTP 400, say).
     *
     * @param callerKey the key
     * @return the key
     * @throws InvalidRunInputException when null, empty, blank, longer than 255 characters or not
     *     printable ASCII
     */
    public static String checkCallerKey(String callerKey) {
        Checks.notNull(callerKey, "callerKey");
        if (callerKey.isEmpty() || callerKey.length() > MAX_CALLER_KEY_LENGTH || callerKey.isBlank()) {
            throw new InvalidRunInputException("callerKey", "must be 1-" + MAX_CALLER_KEY_LENGTH
                    + " printable ASCII characters and not blank, but was " + callerKey.length() + " characters"
                    + (callerKey.isBlank() && !callerKey.isEmpty() ? " of white space" : ""));
        }
        for (int i = 0; i < callerKey.length(); i++) {
            char c = callerKey.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new InvalidRunInputException("callerKey", "must be printable ASCII (0x20-0x7E), but has"
                        + " character U+" + String.format("%04X", (int) c) + " at index " + i);
            }
        }
        return callerKey;
    }

    /**
     * @param key the caller's own idempotency key (1-255 printable ASCII characters, not blank)
     * @return a copy of this request carrying it
     * @throws InvalidRunInputException when the key is not accepted
     */
    public StartRequest withCallerKey(String key) {
        return new StartRequest(tenantId, runType, context, initiator, principal, Checks.notNull(key, "callerKey"));
    }

    /** @return the caller's own key, empty when the key is derived */
    public Optional<String> callerKeyValue() {
        return Optional.ofNullable(callerKey);
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

    /**
     * @return the idempotency key stored with the run: the hash of the caller key when there is one,
     *     else the {@link #fingerprint()}
     */
    public IdempotencyKey idempotencyKey() {
        return callerKey != null ? RunIdempotency.forCallerKey(callerKey) : fingerprint();
    }

    /** @return the key derived from (tenant, run type, context), whether or not a caller key is used */
    public IdempotencyKey fingerprint() {
        return RunIdempotency.buildKey(tenantId, runType, context);
    }
}
