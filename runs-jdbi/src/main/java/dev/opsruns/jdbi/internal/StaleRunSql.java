package dev.opsruns.jdbi.internal;

import dev.opsruns.core.RunType;
import dev.opsruns.core.spi.HeartbeatCutoffs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/**
 * The reaper's query for stale running runs: each overridden run type with its own cutoff, all other
 * types with the default one, oldest heartbeat first. Run types go in as bound parameters.
 */
final class StaleRunSql {

    private final String sql;
    private final List<Map.Entry<RunType, Instant>> overrides;
    private final Instant otherTypes;

    StaleRunSql(HeartbeatCutoffs cutoffs) {
        this.otherTypes = cutoffs.otherTypes();
        this.overrides = new ArrayList<>(cutoffs.byRunType().entrySet());
        overrides.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        StringBuilder where = new StringBuilder();
        StringBuilder others = new StringBuilder();
        for (int i = 0; i < overrides.size(); i++) {
            where.append("(run_type = :type").append(i).append(" AND heartbeat_at < :cutoff").append(i).append(") OR ");
            others.append(i == 0 ? ":type" : ", :type").append(i);
        }
        where.append(overrides.isEmpty() ? "heartbeat_at < :cutoff"
                : "(run_type NOT IN (" + others + ") AND heartbeat_at < :cutoff)");
        this.sql = "SELECT id, run_type, heartbeat_at FROM opsruns_runs WHERE status = 'running' AND ("
                + where + ") ORDER BY heartbeat_at LIMIT :limit";
    }

    /** @return the candidates query, bound */
    Query bind(Query query, int limit) {
        for (int i = 0; i < overrides.size(); i++) {
            query.bind("type" + i, overrides.get(i).getKey().value())
                    .bind("cutoff" + i, Binds.instant(overrides.get(i).getValue()));
        }
        return query.bind("cutoff", Binds.instant(otherTypes)).bind("limit", limit);
    }

    String sql() {
        return sql;
    }
}
