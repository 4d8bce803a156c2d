package dev.opsruns.example.backup;

import dev.opsruns.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A named collection of captured policy payloads in a tenant.
 *
 * @param id the set's id
 * @param tenantId the tenant
 * @param displayName its name
 * @param createdAt when it was created
 * @param itemCount how many policies it holds
 */
public record BackupSet(UUID id, TenantId tenantId, String displayName, Instant createdAt, int itemCount) {
    /** Compact constructor: every reference is required. */
    public BackupSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
