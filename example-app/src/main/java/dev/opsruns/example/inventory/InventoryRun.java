package dev.opsruns.example.inventory;

import dev.opsruns.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One inventory sync of a scope.
 *
 * @param id the sync's id
 * @param tenantId the tenant
 * @param scopeKey what was synced ({@code all_policies}, {@code compliance}, ...)
 * @param succeeded true when the sync succeeded (only successful syncs have snapshots to compare)
 * @param snapshotAvailable false when the snapshot was archived and cannot be read
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param itemCount policies in its snapshot
 */
public record InventoryRun(UUID id, TenantId tenantId, String scopeKey, boolean succeeded, boolean snapshotAvailable,
        Instant startedAt, Instant finishedAt, int itemCount) {

    /** What a scope key looks like: {@code [a-z][a-z0-9_]*}, at most 64 characters. */
    public static final Pattern SCOPE_KEY_FORMAT = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Compact constructor: every reference is required. */
    public InventoryRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(scopeKey, "scopeKey");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /**
     * @param candidate a string
     * @return true when it has the form of a scope key
     */
    public static boolean isWellFormedScopeKey(String candidate) {
        return candidate != null && SCOPE_KEY_FORMAT.matcher(candidate).matches();
    }
}
