package dev.opsruns.example.backup;

import dev.opsruns.core.RunId;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.db.SqlTimes;
import dev.opsruns.example.policy.CapturedPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

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
    private static final String ITEM_COLUMNS =
            "backup_set_id, policy_id, display_name, policy_type, payload_json, captured_at, captured_by_run_id";
    private static final String ITEM_VALUES = "(:set, :policy, :displayName, :policyType, :payload, :capturedAt, :runId)";
    /** PostgreSQL's upsert: atomic, so overlapping runs capturing one policy both succeed (the later wins). */
    private static final String UPSERT_ITEM_POSTGRESQL = "INSERT INTO backup_items (" + ITEM_COLUMNS + ") VALUES "
            + ITEM_VALUES + """

             ON CONFLICT (backup_set_id, policy_id) DO UPDATE SET
                display_name = EXCLUDED.display_name, policy_type = EXCLUDED.policy_type,
                payload_json = EXCLUDED.payload_json, captured_at = EXCLUDED.captured_at,
                captured_by_run_id = EXCLUDED.captured_by_run_id
            """;
    /** H2's upsert: update the row of the key, else insert one. */
    private static final String UPSERT_ITEM_H2 = "MERGE INTO backup_items (" + ITEM_COLUMNS + ") KEY (backup_set_id, policy_id)"
            + " VALUES " + ITEM_VALUES;
    /** SQLState of a unique violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** H2's MERGE can still meet a concurrent insert of the same key; it then finds that row on the next try. */
    private static final int UPSERT_ATTEMPTS = 3;

    private final Jdbi jdbi;
    private volatile Boolean postgres;

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
     * Stores a captured policy in the set, replacing an earlier capture of the same policy: one upsert,
     * so runs that capture the same policy at the same time all succeed (the last write wins).
     *
     * @param set the backup set
     * @param captured the payload
     * @param runId the run that captured it
     * @param at when
     */
    public void putItem(BackupSet set, CapturedPolicy captured, RunId runId, Instant at) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useHandle(h -> h.createUpdate(isPostgres(h) ? UPSERT_ITEM_POSTGRESQL : UPSERT_ITEM_H2)
                        .bind("set", set.id())
                        .bind("policy", captured.policyId())
                        .bind("displayName", captured.displayName())
                        .bind("policyType", captured.policyType())
                        .bind("payload", captured.payloadJson())
                        .bind("capturedAt", SqlTimes.bindable(at))
                        .bind("runId", runId.value())
                        .execute());
                return;
            } catch (JdbiException e) {
                if (attempt >= UPSERT_ATTEMPTS || !isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private boolean isPostgres(Handle h) {
        Boolean known = postgres;
        if (known == null) {
            try {
                known = h.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException("cannot tell the database's product", e, null);
            }
            postgres = known;
        }
        return known;
    }

    private static boolean isUniqueViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static BackupSet map(ResultSet rs) throws SQLException {
        return new BackupSet(rs.getObject("id", UUID.class), TenantId.of(rs.getString("tenant_id")),
                rs.getString("display_name"), SqlTimes.instant(rs, "created_at"), rs.getInt("item_count"));
    }
}
