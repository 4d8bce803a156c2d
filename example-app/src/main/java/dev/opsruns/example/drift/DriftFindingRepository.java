package dev.opsruns.example.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.core.RunId;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.db.SqlTimes;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Stores and reads the drift findings of runs. */
public final class DriftFindingRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private static final String DELETE_OF_RUN = "DELETE FROM drift_findings WHERE tenant_id = :tenant AND run_id = :run";
    private static final String INSERT = """
            INSERT INTO drift_findings (tenant_id, run_id, scope_key, baseline_inventory_run_id, current_inventory_run_id,
                                        policy_id, display_name, policy_type, change_type, changed_settings, detected_at)
            VALUES (:tenant, :run, :scope, :baseline, :current, :policyId, :displayName, :policyType, :changeType,
                    :changedSettings, :detectedAt)
            """;
    private static final String OF_RUN = """
            SELECT id, policy_id, display_name, policy_type, change_type, changed_settings, detected_at
              FROM drift_findings
             WHERE tenant_id = :tenant AND run_id = :run
             ORDER BY policy_id, id
            """;

    private final Jdbi jdbi;

    /**
     * @param jdbi the app's database
     */
    public DriftFindingRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Replaces the run's findings in one transaction, so a resumed job never leaves duplicates.
     *
     * @param tenantId the run's tenant
     * @param runId the run
     * @param context what was compared
     * @param changes the differences
     * @param detectedAt when
     */
    public void replace(TenantId tenantId, RunId runId, DriftRunContext context, List<DriftChange> changes, Instant detectedAt) {
        jdbi.useTransaction(h -> {
            h.createUpdate(DELETE_OF_RUN).bind("tenant", tenantId.value()).bind("run", runId.value()).execute();
            if (changes.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch(INSERT);
            for (DriftChange c : changes) {
                batch.bind("tenant", tenantId.value())
                        .bind("run", runId.value())
                        .bind("scope", context.scopeKey())
                        .bind("baseline", context.baselineRunId())
                        .bind("current", context.currentRunId())
                        .bind("policyId", c.policyId())
                        .bind("displayName", c.displayName())
                        .bind("policyType", c.policyType())
                        .bind("changeType", c.changeType().apiName())
                        .bind("changedSettings", c.changedSettings().isEmpty() ? null : write(c.changedSettings()))
                        .bind("detectedAt", SqlTimes.bindable(detectedAt))
                        .add();
            }
            batch.execute();
        });
    }

    /**
     * @param tenantId the run's tenant
     * @param runId the run
     * @return its findings, ordered by policy id
     */
    public List<DriftFinding> ofRun(TenantId tenantId, RunId runId) {
        return jdbi.withHandle(h -> h.createQuery(OF_RUN).bind("tenant", tenantId.value()).bind("run", runId.value())
                .map((rs, ctx) -> {
                    String changed = rs.getString("changed_settings");
                    DriftChange change = new DriftChange(rs.getString("policy_id"), rs.getString("display_name"),
                            rs.getString("policy_type"), ChangeType.parse(rs.getString("change_type")),
                            changed == null ? List.of() : read(changed));
                    return new DriftFinding(rs.getLong("id"), change, SqlTimes.instant(rs, "detected_at"));
                }).list());
    }

    private static String write(List<String> paths) {
        try {
            return JSON.writeValueAsString(paths);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
