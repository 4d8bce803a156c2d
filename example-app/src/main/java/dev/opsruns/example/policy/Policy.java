package dev.opsruns.example.policy;

import dev.opsruns.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A device-management policy in a tenant's catalogue.
 *
 * @param tenantId the tenant
 * @param id the policy's id, unique in the tenant
 * @param displayName its name
 * @param policyType its kind ({@code deviceConfiguration}, {@code compliancePolicy}, ...)
 * @param platform the device platform it targets
 * @param settingsJson its settings as a JSON object
 * @param updatedAt when it last changed
 */
public record Policy(TenantId tenantId, String id, String displayName, String policyType, String platform,
        String settingsJson, Instant updatedAt) {

    /** What a policy id looks like: 1-64 characters of letters, digits, {@code .}, {@code _} and {@code -}. */
    public static final Pattern ID_FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Compact constructor: every part is required. */
    public Policy {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(settingsJson, "settingsJson");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * @param candidate a string
     * @return true when it has the form of a policy id
     */
    public static boolean isWellFormedId(String candidate) {
        return candidate != null && ID_FORMAT.matcher(candidate).matches();
    }
}
