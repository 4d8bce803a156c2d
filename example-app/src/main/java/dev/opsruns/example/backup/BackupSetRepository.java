package dev.opsruns.example.backup;

import dev.opsruns.core.RunId;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.db.SqlTimes;
import dev.opsruns.example.policy.CapturedPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Stores and reads backup sets and their items. */
public final class BackupSetRepository {

    private static final String SET_COLUMNS = """
            SELECT s.id, s.tenant_id, s.display_name, s.created_at,
                   (SELECT COUNT(*) FROM backup_items i WHERE i.backup_set_id = s.id) AS item_count
              FROM backup_sets s
            """;
    private static final String LIST = SET_COLUMNS + " WHERE s.tenant_id = :tenant ORDER BY s.display_name, s.id";
    private static final String FIND = SET_COLUMNS + " WHERE s.tenant_id = :tenant AND s.id = :id";
    private static final String ITEMS = """
            SELECT policy_id, display_name, policy_type, payload_json, captured_at, captured_by_run_id
              FROM backup_items
             WHERE backup_set_id = :set
             ORDER BY policy_id
            """;
    private static final String DELETE_ITEM = "DELETE FROM backup_items WHERE backup_set_id = :set AND policy_id = :policy";
    private static final String INSERT_ITEM = """
            INSERT INTO backup_items (backup_set_id, policy_id, display_name, policy_type, payload_json, captured_at,
                                      captured_by_run_id)
            VALUES (:set, :policy, :displayName, :policyType, :payload, :capturedAt, :runId)
            """;

    private final Jdbi jdbi;

    /**
     * @param jdbi the app's database
     */
    public BackupSetRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param tenantId a tenant
     * @return its backup sets, ordered by name
     */
    public List<BackupSet> list(TenantId tenantId) {
        return jdbi.withHandle(h -> h.createQuery(LIST).bind("tenant", tenantId.value()).map((rs, ctx) -> map(rs)).list());
    }

    /**
     * @param tenantId a tenant
     * @param id a backup set id
     * @return the set, if it is in the tenant
     */
    public Optional<BackupSet> find(TenantId tenantId, UUID id) {
        return jdbi.withHandle(h -> h.createQuery(FIND).bind("tenant", tenantId.value()).bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /**
     * @param set a backup set
     * @return its items, ordered by policy id
     */
    public List<BackupItem> items(BackupSet set) {
        return jdbi.withHandle(h -> h.createQuery(ITEMS).bind("set", set.id()).map((rs, ctx) -> new BackupItem(
                rs.getString("policy_id"), rs.getString("display_name"), rs.getString("policy_type"),
                rs.getString("payload_json"), SqlTimes.instant(rs, "captured_at"),
                new RunId(rs.getObject("captured_by_run_id", UUID.class)))).list());
    }

    /**
     * Stores a captured policy in the set, replacing an earlier capture of the same policy.
     *
     * @param set the backup set
     * @param captured the payload
     * @param runId the run that captured it
     * @param at when
     */
    public void putItem(BackupSet set, CapturedPolicy captured, RunId runId, Instant at) {
        jdbi.useTransaction(h -> {
            h.createUpdate(DELETE_ITEM).bind("set", set.id()).bind("policy", captured.policyId()).execute();
            h.createUpdate(INSERT_ITEM)
                    .bind("set", set.id())
                    .bind("policy", captured.policyId())
                    .bind("displayName", captured.displayName())
                    .bind("policyType", captured.policyType())
                    .bind("payload", captured.payloadJson())
                    .bind("capturedAt", SqlTimes.bindable(at))
                    .bind("runId", runId.value())
                    .execute();
        });
    }

    private static BackupSet map(ResultSet rs) throws SQLException {
        return new BackupSet(rs.getObject("id", UUID.class), TenantId.of(rs.getString("tenant_id")),
                rs.getString("display_name"), SqlTimes.instant(rs, "created_at"), rs.getInt("item_count"));
    }
}
