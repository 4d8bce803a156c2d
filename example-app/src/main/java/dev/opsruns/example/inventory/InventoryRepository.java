package dev.opsruns.example.inventory;

import dev.opsruns.core.TenantId;
import dev.opsruns.example.db.SqlTimes;
import dev.opsruns.example.policy.DemoCloudErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reads inventory syncs and their snapshots. */
public final class InventoryRepository {

    private static final String COLUMNS =
            "id, tenant_id, scope_key, status, snapshot_available, started_at, finished_at, item_count";
    private static final String LATEST_SUCCESSFUL = "SELECT " + COLUMNS + """
             FROM inventory_runs
            WHERE tenant_id = :tenant AND scope_key = :scope AND status = 'succeeded'
            ORDER BY finished_at DESC, id DESC
            LIMIT :limit
            """;
    private static final String FIND = "SELECT " + COLUMNS + " FROM inventory_runs WHERE tenant_id = :tenant AND id = :id";
    private static final String SNAPSHOT = """
            SELECT policy_id, display_name, policy_type, settings_json
              FROM inventory_snapshot_items
             WHERE inventory_run_id = :run
             ORDER BY policy_id
            """;
    private static final String SCOPES = """
            SELECT scope_key,
                   SUM(CASE WHEN status = 'succeeded' THEN 1 ELSE 0 END) AS succeeded,
                   SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
                   MAX(CASE WHEN status = 'succeeded' THEN finished_at END) AS last_succeeded_at
              FROM inventory_runs
             WHERE tenant_id = :tenant
             GROUP BY scope_key
             ORDER BY scope_key
            """;

    private final Jdbi jdbi;

    /**
     * @param jdbi the app's database
     */
    public InventoryRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param tenantId a tenant
     * @param scopeKey a scope
     * @param limit how many at most
     * @return the newest successful syncs of the scope, newest first
     */
    public List<InventoryRun> latestSuccessful(TenantId tenantId, String scopeKey, int limit) {
        return jdbi.withHandle(h -> h.createQuery(LATEST_SUCCESSFUL).bind("tenant", tenantId.value())
                .bind("scope", scopeKey).bind("limit", limit).map((rs, ctx) -> map(rs)).list());
    }

    /**
     * @param tenantId a tenant
     * @param id a sync id
     * @return the sync, if the tenant has it
     */
    public Optional<InventoryRun> find(TenantId tenantId, UUID id) {
        return jdbi.withHandle(h -> h.createQuery(FIND).bind("tenant", tenantId.value()).bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /**
     * @param run a successful sync
     * @return its snapshot, ordered by policy id
     * @throws SnapshotUnavailableException when the snapshot was archived
     */
    public List<SnapshotItem> snapshot(InventoryRun run) throws SnapshotUnavailableException {
        if (!run.snapshotAvailable()) {
            throw new SnapshotUnavailableException(DemoCloudErrors.snapshotArchived("inventory/" + run.tenantId() + "/" + run.id()));
        }
        return jdbi.withHandle(h -> h.createQuery(SNAPSHOT).bind("run", run.id())
                .map((rs, ctx) -> new SnapshotItem(rs.getString("policy_id"), rs.getString("display_name"),
                        rs.getString("policy_type"), rs.getString("settings_json")))
                .list());
    }

    /**
     * @param tenantId a tenant
     * @return a summary per scope that has syncs, ordered by scope key
     */
    public List<ScopeSummary> scopes(TenantId tenantId) {
        return jdbi.withHandle(h -> h.createQuery(SCOPES).bind("tenant", tenantId.value())
                .map((rs, ctx) -> new ScopeSummary(rs.getString("scope_key"), rs.getInt("succeeded"),
                        rs.getInt("failed"), SqlTimes.instant(rs, "last_succeeded_at")))
                .list());
    }

    private static InventoryRun map(ResultSet rs) throws SQLException {
        return new InventoryRun(rs.getObject("id", UUID.class), TenantId.of(rs.getString("tenant_id")),
                rs.getString("scope_key"), "succeeded".equals(rs.getString("status")), rs.getBoolean("snapshot_available"),
                SqlTimes.instant(rs, "started_at"), SqlTimes.instant(rs, "finished_at"),
                rs.getInt("item_count"));
    }
}
