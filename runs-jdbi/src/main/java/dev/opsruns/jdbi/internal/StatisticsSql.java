package dev.opsruns.jdbi.internal;

import dev.opsruns.core.DurationSummary;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.ReasonCount;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatisticsSlot;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.spi.StatisticsQuery;
import dev.opsruns.jdbi.DatabaseVendor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The statistics read as four aggregate queries on PostgreSQL, five on H2: runs created; runs ended by
 * slot, with a count per bucket and the slot's 95th percentile duration in one pass, and (PostgreSQL:
 * in the same query, through {@code GROUPING SETS}) the duration percentiles by type; queue-latency
 * percentiles ({@code PERCENTILE_CONT} over microseconds, on both databases); failure reason codes.
 * Each query is a range on the tenant and one time column (created, ended or started), which the
 * schema's indexes answer without reading table rows on PostgreSQL (V1's counts index, V6's ended and
 * started indexes). Durations are computed in the database in microseconds: on PostgreSQL as double
 * precision from {@code date_part('epoch', interval)} (exact to far below a microsecond for any span a
 * window holds, and cheaper per row than {@code EXTRACT}'s numeric: a third off a duration query over
 * 92,000 runs), on H2 as whole microseconds with {@code DATEDIFF(MICROSECOND, ...)}.
 */
final class StatisticsSql {

    /** What the queries gather per run type. */
    private static final class Gathered {
        long started;
        final Map<StatusBucket, Long> ended = new EnumMap<>(StatusBucket.class);
        final Map<Integer, Map<StatusBucket, Long>> endedBySlot = new TreeMap<>();
        final Map<Integer, Duration> p95BySlot = new TreeMap<>();
        Optional<DurationSummary> duration = Optional.empty();
        Optional<DurationSummary> latency = Optional.empty();
        final List<ReasonCount> reasons = new ArrayList<>();
    }

    private final StatisticsQuery query;
    private final RunFilterSql where;
    private final String micros;
    /** A slot index from microseconds since the window's start: floor division, in each vendor's number type. */
    private final String slotOf;
    /** The type percentiles are taken over: PostgreSQL's PERCENTILE_CONT takes double precision; H2's fails on it (and interpolates BIGINT exactly). */
    private final String percentileType;
    private final long stepMicros;
    /** Whether the vendor has GROUPING SETS (PostgreSQL; H2 2.x has not): one scan then serves slots and types. */
    private final boolean groupingSets;

    StatisticsSql(StatisticsQuery query, DatabaseVendor vendor) {
        this.query = query;
        this.where = RunFilterSql.of(query.tenantId(), new RunFilter(query.runTypes(), query.buckets(), null, null), true);
        this.micros = vendor == DatabaseVendor.POSTGRESQL
                ? "(date_part('epoch', %2$s - %1$s) * 1000000)"
                : "DATEDIFF(MICROSECOND, %1$s, %2$s)";
        this.slotOf = vendor == DatabaseVendor.POSTGRESQL ? "CAST(FLOOR(%s / %d) AS INTEGER)" : "(%s / %d)";
        this.percentileType = vendor == DatabaseVendor.POSTGRESQL ? "DOUBLE PRECISION" : "BIGINT";
        this.stepMicros = query.window().step().getSeconds() * 1_000_000L;
        this.groupingSets = vendor == DatabaseVendor.POSTGRESQL;
    }

    List<RunTypeStatistics> read(Handle h) {
        Map<RunType, Gathered> byType = new TreeMap<>();
        StatisticsWindow w = query.window();
        each(h.createQuery("SELECT run_type, COUNT(*) AS n FROM opsruns_runs WHERE " + where.condition()
                + " AND created_at >= :wfrom AND created_at < :wto GROUP BY run_type"), rs -> {
            gathered(byType, rs.getString("run_type")).started = rs.getLong("n");
        });
        // per slot, one pass: the count of each bucket and the p95 of the durations (NULL, and ignored by
        // PERCENTILE_CONT and COUNT(d), for runs that ended without having started)
        StringBuilder perSlot = new StringBuilder();
        for (StatusBucket b : StatusBucket.values()) {
            perSlot.append("COUNT(*) FILTER (WHERE bucket = '").append(b.apiName()).append("') AS n_").append(b.ordinal())
                    .append(", ");
        }
        perSlot.append("PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY d) AS p95");
        String endedRuns = "SELECT run_type, bucket, " + slot() + " AS slot, " + duration() + " AS d FROM opsruns_runs WHERE "
                + ended();
        if (groupingSets) {
            // the per-type summary rides on the same scan and sort: (run_type) is a prefix of (run_type, slot)
            each(h.createQuery("SELECT run_type, slot, GROUPING(slot) AS whole_type, " + perSlot
                    + ", PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY d) AS p50, MAX(d) AS mx, COUNT(d) AS n FROM ("
                    + endedRuns + ") s GROUP BY GROUPING SETS ((run_type, slot), (run_type))"), rs -> {
                if (rs.getInt("whole_type") == 0) {
                    slotRow(byType, rs);
                } else if (rs.getLong("n") > 0) {
                    gathered(byType, rs.getString("run_type")).duration = Optional.of(summary(rs));
                }
            });
        } else {
            each(h.createQuery("SELECT run_type, slot, " + perSlot + " FROM (" + endedRuns + ") s GROUP BY run_type, slot"),
                    rs -> slotRow(byType, rs));
            each(h.createQuery(summarySql("SELECT run_type, " + duration() + " AS d FROM opsruns_runs WHERE " + ended()
                    + " AND started_at IS NOT NULL")), rs -> {
                gathered(byType, rs.getString("run_type")).duration = Optional.of(summary(rs));
            });
        }
        each(h.createQuery(summarySql("SELECT run_type, CAST(" + between("created_at", "started_at")
                + " AS " + percentileType + ") AS d FROM opsruns_runs WHERE " + where.condition()
                + " AND started_at >= :wfrom AND started_at < :wto")), rs -> {
            gathered(byType, rs.getString("run_type")).latency = Optional.of(summary(rs));
        });
        each(h.createQuery("SELECT run_type, failure_reason, COUNT(*) AS n FROM opsruns_runs WHERE " + ended()
                + " AND bucket = 'failed' AND failure_reason IS NOT NULL GROUP BY run_type, failure_reason"), rs -> {
            gathered(byType, rs.getString("run_type")).reasons.add(
                    new ReasonCount(ReasonCode.of(rs.getString("failure_reason")), rs.getLong("n")));
        });
        List<RunTypeStatistics> out = new ArrayList<>();
        byType.forEach((type, g) -> {
            List<StatisticsSlot> series = new ArrayList<>();
            g.endedBySlot.forEach((slot, ended) -> series.add(new StatisticsSlot(w.from().plus(w.step().multipliedBy(slot)),
                    ended, Optional.ofNullable(g.p95BySlot.get(slot)))));
            out.add(new RunTypeStatistics(type, g.started, g.ended, g.duration, g.latency, g.reasons, series));
        });
        return out;
    }

    /** One slot of one run type: its ended runs by bucket (added to the type's totals) and its p95. */
    private static void slotRow(Map<RunType, Gathered> byType, ResultSet rs) throws SQLException {
        Gathered g = gathered(byType, rs.getString("run_type"));
        int slot = rs.getInt("slot");
        Map<StatusBucket, Long> inSlot = new EnumMap<>(StatusBucket.class);
        for (StatusBucket b : StatusBucket.values()) {
            long n = rs.getLong("n_" + b.ordinal());
            if (n > 0) {
                inSlot.put(b, n);
                g.ended.merge(b, n, Long::sum);
            }
        }
        g.endedBySlot.put(slot, inSlot);
        double p95 = rs.getDouble("p95");
        if (!rs.wasNull()) {
            g.p95BySlot.put(slot, micros(p95));
        }
    }

    private static Gathered gathered(Map<RunType, Gathered> byType, String runType) {
        return byType.computeIfAbsent(RunType.of(runType), k -> new Gathered());
    }

    private String ended() {
        return where.condition() + " AND finished_at >= :wfrom AND finished_at < :wto";
    }

    /** @return a run's start-to-end duration in microseconds, in the type percentiles are taken over */
    private String duration() {
        return "CAST(" + between("started_at", "finished_at") + " AS " + percentileType + ")";
    }

    private String slot() {
        return String.format(slotOf, between("CAST(:wfrom AS TIMESTAMP(6) WITH TIME ZONE)", "finished_at"), stepMicros);
    }

    private String between(String from, String to) {
        return String.format(micros, from, to);
    }

    private static String summarySql(String values) {
        return "SELECT run_type, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY d) AS p50,"
                + " PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY d) AS p95, MAX(d) AS mx, COUNT(*) AS n"
                + " FROM (" + values + ") s GROUP BY run_type";
    }

    private static DurationSummary summary(ResultSet rs) throws SQLException {
        return new DurationSummary(micros(rs.getDouble("p50")), micros(rs.getDouble("p95")), micros(rs.getDouble("mx")),
                rs.getLong("n"));
    }

    private static Duration micros(double value) {
        return Duration.of(Math.round(value), ChronoUnit.MICROS);
    }

    /** One row at a time. */
    @FunctionalInterface
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs the query and hands each row to {@code row}, keeping nothing else. */
    private void each(Query q, Row row) {
        bind(q).scanResultSet((results, ctx) -> {
            ResultSet rs = results.get();
            while (rs.next()) {
                row.accept(rs);
            }
            return null;
        });
    }

    private Query bind(Query q) {
        return where.bind(q).bind("wfrom", Binds.instant(query.window().from())).bind("wto", Binds.instant(query.window().to()));
    }
}
