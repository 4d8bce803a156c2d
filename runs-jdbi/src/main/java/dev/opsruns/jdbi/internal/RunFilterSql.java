package dev.opsruns.jdbi.internal;

import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.PagePosition;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The WHERE clause of a monitoring list or count: the tenant, then only the filters in use, so each
 * combination gets its own statement and plan. Values are always bound parameters; only parameter
 * names and fixed column names are written into the SQL. A run id prefix is a range of ids, compared
 * as the vendors order uuids (unsigned, most significant byte first). The bucket filter compares the stored
 * {@code bucket} column, which the migrations compute from status and counts, so it agrees with
 * {@link StatusBucket#of}.
 */
final class RunFilterSql {

    private final StringBuilder where = new StringBuilder("tenant_id = :tenant");
    private final Map<String, Object> values = new LinkedHashMap<>();
    private String pinnedColumns = "tenant_id";

    private RunFilterSql(TenantId tenantId) {
        values.put("tenant", tenantId.value());
    }

    /**
     * @param tenantId the tenant
     * @param filter the filter
     * @param withBuckets false to ignore the filter's buckets (the counts)
     * @return the clause
     */
    static RunFilterSql of(TenantId tenantId, RunFilter filter, boolean withBuckets) {
        RunFilterSql sql = new RunFilterSql(tenantId);
        if (!filter.runTypes().isEmpty()) {
            // sorted, so one set of types always yields the same statement text
            List<String> types = filter.runTypes().stream().map(RunType::value).sorted().toList();
            sql.in("run_type", "type", new ArrayList<>(types));
            if (types.size() == 1) {
                sql.pinnedColumns = "tenant_id, run_type";
            }
        }
        if (withBuckets && !filter.buckets().isEmpty()) {
            List<Object> buckets = new ArrayList<>();
            for (StatusBucket b : StatusBucket.values()) {
                if (filter.buckets().contains(b)) {
                    buckets.add(b.apiName());
                }
            }
            sql.in("bucket", "bucket", buckets);
            if (buckets.size() == 1) {
                sql.pinnedColumns = "tenant_id, bucket";
            }
        }
        if (filter.from() != null) {
            sql.where.append(" AND created_at >= :from");
            sql.values.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.where.append(" AND created_at < :to");
            sql.values.put("to", filter.to());
        }
        if (filter.endedFrom() != null) {
            // finished_at is NULL exactly while a run is active, and NULL >= x is never true: active runs never pass
            sql.where.append(" AND finished_at >= :ended_from");
            sql.values.put("ended_from", filter.endedFrom());
        }
        if (filter.runIdPrefix() != null) {
            // a prefix of the id's hex digits is a range of ids: the primary key serves it on both vendors
            sql.where.append(" AND id BETWEEN :id_low AND :id_high");
            sql.values.put("id_low", uuidPadded(filter.runIdPrefix(), '0'));
            sql.values.put("id_high", uuidPadded(filter.runIdPrefix(), 'f'));
        }
        if (filter.initiator() != null) {
            sql.where.append(" AND initiator_id = :initiator");
            sql.values.put("initiator", filter.initiator());
            sql.pinnedColumns = "tenant_id, initiator_id";
        }
        if (filter.reasonCode() != null) {
            sql.where.append(" AND (failure_reason = :reason OR EXISTS (SELECT 1 FROM opsruns_item_failures f"
                    + " WHERE f.run_id = opsruns_runs.id AND f.reason_code = :reason))");
            sql.values.put("reason", filter.reasonCode().value());
        }
        return sql;
    }

    private static UUID uuidPadded(String hexPrefix, char fill) {
        String hex = hexPrefix + String.valueOf(fill).repeat(RunFilter.RUN_ID_DIGITS - hexPrefix.length());
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private void in(String column, String prefix, List<Object> items) {
        where.append(" AND ").append(column).append(" IN (");
        for (int i = 0; i < items.size(); i++) {
            String name = prefix + i;
            where.append(i == 0 ? ":" : ", :").append(name);
            values.put(name, items.get(i));
        }
        where.append(')');
    }

    /**
     * Restricts to runs strictly past a keyset position in the list order (created_at, then id).
     *
     * @param direction older (below the position) or newer (above it)
     * @param createdAt the position's time
     * @param runId the position's run id
     * @return this clause
     */
    RunFilterSql beyond(PagePosition.Direction direction, Instant createdAt, UUID runId) {
        where.append(direction == PagePosition.Direction.OLDER
                ? " AND (created_at, id) < (:pos_at, :pos_id)"
                : " AND (created_at, id) > (:pos_at, :pos_id)");
        values.put("pos_at", createdAt);
        values.put("pos_id", runId);
        return this;
    }

    /**
     * The leading columns of the list index this clause pins to a single value: the tenant, then the
     * initiator, one bucket or one run type, in that order of preference (the narrowest index first).
     * Naming them ahead of the time order changes nothing in the result, since each has one value, but
     * H2 only reads an index in its stored order, and stops at the page's limit, when the ORDER BY names
     * the index's leading columns too; without them it reads every matching row and sorts. PostgreSQL
     * drops order keys that are fixed by an equality and plans both forms alike.
     *
     * @return the columns, comma-separated, without a trailing comma
     */
    String pinnedColumns() {
        return pinnedColumns;
    }

    /** @return the condition, without the WHERE keyword */
    String condition() {
        return where.toString();
    }

    /** Binds every value of the condition to a JDBI statement. */
    <S extends SqlStatement<S>> S bind(S statement) {
        try {
            bind(NamedParameters.of(statement));
        } catch (SQLException e) {
            // JDBI defers binding to execution: nothing here talks to the driver
            throw new IllegalStateException(e);
        }
        return statement;
    }

    /**
     * Binds every value of the condition.
     *
     * @param statement a JDBI or a plain statement
     * @throws SQLException when the driver refuses a value
     */
    void bind(NamedParameters statement) throws SQLException {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() instanceof Instant at) {
                statement.instant(e.getKey(), at);
            } else if (e.getValue() instanceof UUID id) {
                statement.uuid(e.getKey(), id);
            } else {
                statement.string(e.getKey(), (String) e.getValue());
            }
        }
    }
}
