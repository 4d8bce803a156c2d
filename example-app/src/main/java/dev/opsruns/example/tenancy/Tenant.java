package dev.opsruns.example.tenancy;

import dev.opsruns.core.TenantId;
import java.util.Objects;

/**
 * A customer organisation whose device policies the app manages.
 *
 * @param id the tenant's id
 * @param displayName its name
 */
public record Tenant(TenantId id, String displayName) {
    /** Compact constructor: both parts are required. */
    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }
}
