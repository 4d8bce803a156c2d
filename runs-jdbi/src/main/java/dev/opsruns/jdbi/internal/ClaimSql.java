package dev.opsruns.jdbi.internal;

import dev.opsruns.core.RunType;
import dev.opsruns.core.spi.ClaimTerms;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.statement.Query;

/**
 * The claim's compare-and-set, one UPDATE: a pending run, or a running one whose heartbeat is before its
 * type's lease cutoff, below its type's attempt limit, becomes running under the new token. Per-type
 * values are CASE expressions over bound parameters (cast, since a bare parameter in a CASE has no type
 * on PostgreSQL); run types never enter the SQL text.
 */
final class ClaimSql {

    private final String update;
    private final List<Map.Entry<RunType, Instant>> leaseOverrides;
    private final List<Map.Entry<RunType, Integer>> attemptOverrides;
    private final ClaimTerms terms;

    ClaimSql(ClaimTerms terms) {
        this.terms = terms;
        this.leaseOverrides = sorted(terms.leaseExpiredBefore().byRunType());
        this.attemptOverrides = sorted(terms.maxAttemptsByType());
        String cutoff = byType(leaseOverrides.size(), "lt", "lc", "CAST(:lc AS TIMESTAMP WITH TIME ZONE)",
                "TIMESTAMP WITH TIME ZONE");
        String max = byType(attemptOverrides.size(), "at", "am", "CAST(:am AS INTEGER)", "INTEGER");
        this.update = """
                UPDATE opsruns_runs
                   SET status = 'running', started_at = COALESCE(started_at, :now), heartbeat_at = :now,
                       claim_token = :token, attempt = attempt + 1
                 WHERE id = :id AND attempt < """ + " " + max
                + " AND (status = 'pending' OR (status = 'running' AND heartbeat_at < " + cutoff + "))";
    }

    private static <V> List<Map.Entry<RunType, V>> sorted(Map<RunType, V> byType) {
        List<Map.Entry<RunType, V>> entries = new ArrayList<>(byType.entrySet());
        entries.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        return entries;
    }

    private static String byType(int overrides, String typeParam, String valueParam, String otherwise, String sqlType) {
        if (overrides == 0) {
            return otherwise;
        }
        StringBuilder sb = new StringBuilder("CASE run_type");
        for (int i = 0; i < overrides; i++) {
            sb.append(" WHEN :").append(typeParam).append(i)
                    .append(" THEN CAST(:").append(valueParam).append(i).append(" AS ").append(sqlType).append(')');
        }
        return sb.append(" ELSE ").append(otherwise).append(" END").toString();
    }

    /** @return the UPDATE, for the dialect to wrap so that it returns the claimed row */
    String update() {
        return update;
    }

    Query bind(Query query, UUID runId, UUID token, Instant now) {
        for (int i = 0; i < leaseOverrides.size(); i++) {
            query.bind("lt" + i, leaseOverrides.get(i).getKey().value())
                    .bind("lc" + i, Binds.instant(leaseOverrides.get(i).getValue()));
        }
        for (int i = 0; i < attemptOverrides.size(); i++) {
            query.bind("at" + i, attemptOverrides.get(i).getKey().value()).bind("am" + i, attemptOverrides.get(i).getValue());
        }
        return query.bind("lc", Binds.instant(terms.leaseExpiredBefore().otherTypes()))
                .bind("am", terms.maxAttempts())
                .bind("id", Binds.uuid(runId))
                .bind("token", Binds.uuid(token))
                .bind("now", Binds.instant(now));
    }
}
