package dev.opsruns.example.policy;

import dev.opsruns.core.TenantId;
import dev.opsruns.example.db.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Reads a tenant's policy catalogue. */
public final class PolicyRepository {

    private static final String COLUMNS = "tenant_id, id, display_name, policy_type, platform, settings_json, updated_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM policies WHERE tenant_id = :tenant ORDER BY id";
    private static final String FIND = "SELECT " + COLUMNS + " FROM policies WHERE tenant_id = :tenant AND id = :id";
    private static final String EXISTING = "SELECT id FROM policies WHERE tenant_id = :tenant AND id IN (<ids>)";

    private final Jdbi jdbi;

    /**
     * @param jdbi the app's database
     */
    public PolicyRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param tenantId a tenant
     * @return its policies, ordered by id
     */
    public List<Policy> list(TenantId tenantId) {
        return jdbi.withHandle(h -> h.createQuery(LIST).bind("tenant", tenantId.value())
                .map((rs, ctx) -> map(rs)).list());
    }

    /**
     * @param tenantId a tenant
     * @param policyId a policy id
     * @return the policy, if the tenant has it
     */
    public Optional<Policy> find(TenantId tenantId, String policyId) {
        return jdbi.withHandle(h -> h.createQuery(FIND).bind("tenant", tenantId.value()).bind("id", policyId)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /**
     * @param tenantId a tenant
     * @param policyIds candidate ids
     * @return those of the ids the tenant has
     */
    public Set<String> existing(TenantId tenantId, Collection<String> policyIds) {
        if (policyIds.isEmpty()) {
            return Set.of();
        }
        return jdbi.withHandle(h -> new HashSet<>(h.createQuery(EXISTING).bind("tenant", tenantId.value())
                .bindList("ids", List.copyOf(policyIds)).mapTo(String.class).list()));
    }

    private static Policy map(ResultSet rs) throws SQLException {
        return new Policy(TenantId.of(rs.getString("tenant_id")), rs.getString("id"), rs.getString("display_name"),
                rs.getString("policy_type"), rs.getString("platform"), rs.getString("settings_json"),
                SqlTimes.instant(rs, "updated_at"));
    }
}
