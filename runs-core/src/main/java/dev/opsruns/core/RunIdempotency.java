package dev.opsruns.core;

import dev.opsruns.core.internal.CanonicalJson;
import dev.opsruns.core.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Builds idempotency keys: the SHA-256, in lowercase hex, of a canonical form of
 * (tenant, run type, context). The canonical form is a version prefix followed by the canonical
 * JSON (RFC 8785 style) of {@code {"context":..,"runType":..,"tenantId":..}}: JSON string escaping
 * rules out delimiter ambiguity, object members are sorted at every depth, list order is kept,
 * {@code "1"}, {@code 1} and {@code true} stay distinct, integers compare by value and a null member
 * is the same as an absent one.
 *
 * <p>A key, once shipped, never changes: golden vectors in the tests pin the form.
 */
public final class RunIdempotency {

    private static final String VERSION_PREFIX = "opsruns.idempotency.v1\n";
    /** Keeps caller-key hashes apart from derived keys: no caller key can spell a derived key's input. */
    private static final String CALLER_KEY_PREFIX = "opsruns.caller-key.v1\n";

    private RunIdempotency() {
    }

    /**
     * @param tenantId the tenant
     * @param runType the run type
     * @param context the context
     * @return the key
     * @throws InvalidRunInputException when an argument is null
     */
    public static IdempotencyKey buildKey(TenantId tenantId, RunType runType, RunContext context) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(runType, "runType");
        Checks.notNull(context, "context");
        // The canonical JSON of {"context":..,"runType":..,"tenantId":..} (members in sorted order),
        // reusing the context's own canonical form instead of writing it again.
        StringBuilder canonical = new StringBuilder(VERSION_PREFIX.length() + context.toJson().length() + 128)
                .append(VERSION_PREFIX).append("{\"context\":").append(context.toJson()).append(",\"runType\":");
        CanonicalJson.writeString(runType.value(), canonical);
        canonical.append(",\"tenantId\":");
        CanonicalJson.writeString(tenantId.value(), canonical);
        canonical.append('}');
        return new IdempotencyKey(HexFormat.of().formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Convenience for {@code buildKey(TenantId.of(tenantId), RunType.of(runType), RunContext.of(context))}.
     *
     * @param tenantId the tenant
     * @param runType the run type
     * @param context the context members
     * @return the key
     * @throws InvalidRunInputException when an argument is not accepted
     */
    public static IdempotencyKey buildKey(String tenantId, String runType, Map<String, ?> context) {
        return buildKey(TenantId.of(tenantId), RunType.of(runType), RunContext.of(context));
    }

    /**
     * The stored key for a caller's own key: the SHA-256, in lowercase hex, of a version prefix and the
     * key. Keys are per tenant (the tenant is stored beside the key), so two tenants may use the same
     * caller key for different operations.
     *
     * @param callerKey the caller key, 1-255 printable ASCII characters
     * @return the key
     * @throws InvalidRunInputException when the caller key is not accepted
     */
    public static IdempotencyKey forCallerKey(String callerKey) {
        StartRequest.checkCallerKey(callerKey);
        return new IdempotencyKey(HexFormat.of().formatHex(
                sha256((CALLER_KEY_PREFIX + callerKey).getBytes(StandardCharsets.US_ASCII))));
    }

    /* one digest per thread: looking the algorithm up costs a provider search and a reflective constructor per key */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    });

    private static byte[] sha256(byte[] data) {
        return SHA_256.get().digest(data); // digest() resets it for the next key
    }
}
