package dev.opsruns.jdbi.internal;

import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.ReasonCount;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatisticsSlot;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.spi.StatisticsQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The statistics of long windows on PostgreSQL, from a rollup of past hours: table
 * {@code opsruns_statistics_hours} holds, per tenant, hour and run type, the runs created, ended by
 * bucket, their duration and queue-latency histograms ({@link DurationHistogram}) and failure reasons;
 * {@code opsruns_statistics_marks} holds, per tenant, the hours rolled up so far, one range. An exact
 * read of 30 days touches every run in them (about 300 ms for 100,000 runs, most of it two index scans
 * and the percentile sorts); this read touches one row per type and hour plus the runs of the hours the
 * rollup cannot answer: the partial hours at the window's ends, the hours a slot boundary cuts, and the
 * hours that have not settled.
 *
 * <p>An hour is rolled up the first time a read needs it, once it has settled: ended at least
 * {@link #SETTLED} before the engine's now, so every run stamped inside it has committed. Nothing is
 * added to the write path. The price is the first read of a long window (it rolls the hours up, as
 * slow as an exact read plus the inserts) and that percentiles are estimates within
 * {@link dev.opsruns.core.DurationSummary#PERCENTILE_ERROR}; counts and maxima stay exact. Runs are
 * stamped once and only the purge deletes them, so a rolled-up hour stays true; the purge drops the
 * hours it reaches ({@link PostgresDialect#purgeBatch}).
 *
 * <p>A read filtered by bucket is not answered here: a run's bucket changes until it ends, so the
 * created and started counts of an hour by current bucket would not stay true. Nor is a window whose
 * slots cut most of its hours (a day in one-hour slots that begin at 10:37): the exact read costs no more.
 */
final class StatisticsRollup {

    /** How long after an hour ends its runs are taken as all committed (a stamp is taken before a commit). */
    static final Duration SETTLED = Duration.ofMinutes(15);
    private static final Duration HOUR = Duration.ofHours(1);

    private final StatisticsQuery query;
    private final StatisticsWindow window;
    private final RunFilterSql where;
    /** The settled whole hours inside the window: [hoursFrom, hoursTo). */
    private final Instant hoursFrom;
    private final Instant hoursTo;
    /** Hours in [hoursFrom, hoursTo) that a slot boundary cuts: read from the runs. */
    private final TreeSet<Instant> cut;
    /** The ranges read from the runs, ascending and disjoint, as parallel arrays of bounds. */
    private final List<Instant> rawFrom = new ArrayList<>();
    private final List<Instant> rawTo = new ArrayList<>();

    private StatisticsRollup(StatisticsQuery query, Instant hoursFrom, Instant hoursTo, TreeSet<Instant> cut) {
        this.query = query;
        this.window = query.window();
        this.where = RunFilterSql.of(query.tenantId(), new RunFilter(query.runTypes(), Set.of(), null, null), true);
        this.hoursFrom = hoursFrom;
        this.hoursTo = hoursTo;
        this.cut = cut;
        addRaw(window.from(), hoursFrom);
        for (Instant hour : cut) {
            addRaw(hour, hour.plus(HOUR));
        }
        addRaw(hoursTo, window.to());
    }

    /**
     * @param query the read
     * @return how the rollup answers it, or empty when the exact read should (a bucket filter, or fewer
     *     than half the window's hours settled and uncut)
     */
    static Optional<StatisticsRollup> plan(StatisticsQuery query) {
        if (!query.buckets().isEmpty()) {
            return Optional.empty();
        }
        StatisticsWindow w = query.window();
        Instant from = ceilHour(w.from());
        Instant settled = query.now().minus(SETTLED).truncatedTo(ChronoUnit.HOURS);
        Instant to = min(w.to().truncatedTo(ChronoUnit.HOURS), settled);
        if (!to.isAfter(from)) {
            return Optional.empty();
        }
        TreeSet<Instant> cut = new TreeSet<>();
        List<Instant> starts = w.slotStarts();
        for (int i = 1; i < starts.size(); i++) {
            Instant hour = starts.get(i).truncatedTo(ChronoUnit.HOURS);
            if (!hour.equals(starts.get(i)) && !hour.isBefore(from) && hour.isBefore(to)) {
                cut.add(hour);
            }
        }
        long whole = Duration.between(from, to).toHours() - cut.size();
        long all = (ChronoUnit.MICROS.between(w.from(), w.to()) + HOUR.toNanos() / 1_000 - 1) / (HOUR.toNanos() / 1_000);
        return whole * 2 < all ? Optional.empty() : Optional.of(new StatisticsRollup(query, from, to, cut));
    }

    /**
     * Rolls up the settled hours the read needs that are not rolled up yet, in one transaction that
     * holds the tenant's mark, so two readers never roll the same hours.
     *
     * @param h a handle inside a transaction
     */
    void rollUp(Handle h) {
        String tenant = query.tenantId().value();
        h.createUpdate("INSERT INTO opsruns_statistics_marks (tenant_id, rolled_from, rolled_to) VALUES (:tenant, :at, :at)"
                + " ON CONFLICT (tenant_id) DO NOTHING").bind("tenant", tenant).bind("at", Binds.instant(hoursFrom)).execute();
        Instant[] mark = h.createQuery("SELECT rolled_from, rolled_to FROM opsruns_statistics_marks WHERE tenant_id = :tenant"
                + " FOR UPDATE").bind("tenant", tenant)
                .map((rs, ctx) -> new Instant[] {Binds.instant(rs, "rolled_from"), Binds.instant(rs, "rolled_to")}).one();
        Instant markFrom = mark[0];
        Instant markTo = mark[1];
        if (!markTo.isAfter(markFrom)) {
            roll(h, hoursFrom, hoursTo);
            markFrom = hoursFrom;
            markTo = hoursTo;
        } else {
            // the mark stays one range: a window away from it rolls the hours between as well
            if (hoursFrom.isBefore(markFrom)) {
                roll(h, hoursFrom, markFrom);
                markFrom = hoursFrom;
            }
            if (hoursTo.isAfter(markTo)) {
                roll(h, markTo, hoursTo);
                markTo = hoursTo;
            }
        }
        h.createUpdate("UPDATE opsruns_statistics_marks SET rolled_from = :from, rolled_to = :to WHERE tenant_id = :tenant")
                .bind("tenant", tenant).bind("from", Binds.instant(markFrom)).bind("to", Binds.instant(markTo)).execute();
    }

    /**
     * @param h a handle
     * @return whether every hour the read needs is rolled up already (then no transaction is needed)
     */
    boolean rolledUp(Handle h) {
        return h.createQuery("SELECT 1 FROM opsruns_statistics_marks WHERE tenant_id = :tenant AND rolled_from <= :from"
                        + " AND rolled_to >= :to")
                .bind("tenant", query.tenantId().value()).bind("from", Binds.instant(hoursFrom)).bind("to", Binds.instant(hoursTo))
                .mapTo(Integer.class).findOne().isPresent();
    }

    /** Computes the hours of [from, to) from the runs (all types) and stores them, replacing what was there. */
    private void roll(Handle h, Instant from, Instant to) {
        Map<Instant, Map<String, StatisticsTotals>> hours = new TreeMap<>();
        RunFilterSql tenantOnly = RunFilterSql.of(query.tenantId(), RunFilter.ALL, false);
        String range = " AND %1$s >= :lo AND %1$s < :hi";
        eachRow(tenantOnly.bind(h.createQuery("SELECT run_type, date_trunc('hour', created_at, 'UTC') AS hour, COUNT(*) AS n"
                + " FROM opsruns_runs WHERE " + tenantOnly.condition() + String.format(range, "created_at") + " GROUP BY 1, 2"))
                .bind("lo", Binds.instant(from)).bind("hi", Binds.instant(to)), rs -> {
                    hourOf(hours, Binds.instant(rs, "hour"), rs.getString("run_type")).created += rs.getLong("n");
                });
        eachRow(tenantOnly.bind(h.createQuery(endedRows(tenantOnly.condition() + String.format(range, "finished_at"),
                "opsruns_runs WHERE "))).bind("lo", Binds.instant(from)).bind("hi", Binds.instant(to)), rs -> {
                    ended(rs, hourOf(hours, Binds.instant(rs, "finished_at"), rs.getString("run_type")));
                });
        eachRow(tenantOnly.bind(h.createQuery(startedRows(tenantOnly.condition() + String.format(range, "started_at"),
                "opsruns_runs WHERE "))).bind("lo", Binds.instant(from)).bind("hi", Binds.instant(to)), rs -> {
                    started(rs, hourOf(hours, Binds.instant(rs, "started_at"), rs.getString("run_type")));
                });
        PreparedBatch batch = h.prepareBatch("INSERT INTO opsruns_statistics_hours (tenant_id, hour_start, run_type, created,"
                + " succeeded, partially_succeeded, failed, durations, latencies, reasons) VALUES (:tenant, :hour, :type, :created,"
                + " :succeeded, :partially_succeeded, :failed, :durations, :latencies, :reasons)"
                + " ON CONFLICT (tenant_id, hour_start, run_type) DO UPDATE SET created = EXCLUDED.created,"
                + " succeeded = EXCLUDED.succeeded, partially_succeeded = EXCLUDED.partially_succeeded, failed = EXCLUDED.failed,"
                + " durations = EXCLUDED.durations, latencies = EXCLUDED.latencies, reasons = EXCLUDED.reasons");
        hours.forEach((hour, byType) -> byType.forEach((type, t) -> {
            batch.bind("tenant", query.tenantId().value()).bind("hour", Binds.instant(hour)).bind("type", type)
                    .bind("created", t.created);
            for (StatusBucket b : StatisticsTotals.ENDED) {
                batch.bind(b.apiName(), t.ended.getOrDefault(b, 0L));
            }
            batch.bind("durations", t.durations.count() == 0 ? null : t.durations.encode())
                    .bind("latencies", t.latencies.count() == 0 ? null : t.latencies.encode())
                    .bind("reasons", t.encodeReasons()).add();
        }));
        // hours that held no run stay without a row: the mark says they were looked at
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    /**
     * Reads the statistics: the rolled-up hours that no slot boundary cuts, plus the runs of every
     * other part of the window.
     *
     * @param h a handle
     * @return per run type with anything in the window
     */
    List<RunTypeStatistics> read(Handle h) {
        Map<String, StatisticsTotals> types = new TreeMap<>();
        Map<String, Map<Integer, StatisticsTotals>> slots = new HashMap<>();
        eachRow(where.bind(h.createQuery("SELECT hour_start, run_type, created, succeeded, partially_succeeded, failed,"
                        + " durations, latencies, reasons FROM opsruns_statistics_hours WHERE " + where.condition()
                        + " AND hour_start >= :lo AND hour_start < :hi"))
                .bind("lo", Binds.instant(hoursFrom)).bind("hi", Binds.instant(hoursTo)), rs -> {
                    Instant hour = Binds.instant(rs, "hour_start");
                    if (cut.contains(hour)) {
                        return;
                    }
                    String type = rs.getString("run_type");
                    StatisticsTotals t = totalsOf(types, type);
                    StatisticsTotals s = slotOf(slots, type, hour);
                    t.created += rs.getLong("created");
                    for (StatusBucket b : StatisticsTotals.ENDED) {
                        long n = rs.getLong(b.apiName());
                        t.ended(b, n);
                        s.ended(b, n);
                    }
                    String durations = rs.getString("durations");
                    t.durations.addEncoded(durations);
                    s.durations.addEncoded(durations);
                    t.latencies.addEncoded(rs.getString("latencies"));
                    t.addEncodedReasons(rs.getString("reasons"));
                });
        if (!rawFrom.isEmpty()) {
            String ranges = "(SELECT * FROM unnest(CAST(:los AS TIMESTAMPTZ[]), CAST(:his AS TIMESTAMPTZ[])) AS r (lo, hi)) r"
                    + " JOIN opsruns_runs ON ";
            String inRange = " AND %1$s >= r.lo AND %1$s < r.hi";
            eachRow(ranges(h.createQuery("SELECT run_type, COUNT(*) AS n FROM " + ranges + where.condition()
                    + String.format(inRange, "created_at") + " GROUP BY run_type")), rs -> {
                        totalsOf(types, rs.getString("run_type")).created += rs.getLong("n");
                    });
            eachRow(ranges(h.createQuery(endedRows(where.condition() + String.format(inRange, "finished_at"), ranges))), rs -> {
                        String type = rs.getString("run_type");
                        ended(rs, totalsOf(types, type), slotOf(slots, type, Binds.instant(rs, "finished_at")));
                    });
            eachRow(ranges(h.createQuery(startedRows(where.condition() + String.format(inRange, "started_at"), ranges))),
                    rs -> started(rs, totalsOf(types, rs.getString("run_type"))));
        }
        List<RunTypeStatistics> out = new ArrayList<>();
        types.forEach((type, t) -> {
            if (t.isEmpty()) {
                return;
            }
            List<StatisticsSlot> series = new ArrayList<>();
            slots.getOrDefault(type, Map.of()).forEach((index, s) -> {
                if (!s.ended.isEmpty()) {
                    series.add(new StatisticsSlot(window.from().plus(window.step().multipliedBy(index)), s.ended,
                            s.durations.percentile(0.95)));
                }
            });
            List<ReasonCount> reasons = new ArrayList<>();
            t.reasons.forEach((code, n) -> reasons.add(new ReasonCount(ReasonCode.of(code), n)));
            out.add(new RunTypeStatistics(RunType.of(type), t.created, t.ended, t.durations.summary(), t.latencies.summary(),
                    reasons, series));
        });
        return out;
    }

    /** @param from what follows FROM: the runs table and WHERE, or the ranges joined to it and ON */
    private static String endedRows(String condition, String from) {
        return "SELECT run_type, bucket, started_at, finished_at, failure_reason FROM " + from + condition;
    }

    /** @param from what follows FROM, as for {@link #endedRows} */
    private static String startedRows(String condition, String from) {
        return "SELECT run_type, created_at, started_at FROM " + from + condition;
    }

    /** Counts the ended run of the current row into each of {@code into} (a slot's reasons go unread). */
    private static void ended(ResultSet rs, StatisticsTotals... into) throws SQLException {
        Instant finished = Binds.instant(rs, "finished_at");
        Instant started = Binds.instant(rs, "started_at");
        StatusBucket bucket = StatusBucket.parse(rs.getString("bucket"));
        String reason = bucket == StatusBucket.FAILED ? rs.getString("failure_reason") : null;
        for (StatisticsTotals t : into) {
            t.ended(bucket, 1);
            if (started != null) {
                t.durations.add(ChronoUnit.MICROS.between(started, finished));
            }
            if (reason != null) {
                t.reasons.merge(reason, 1L, Long::sum);
            }
        }
    }

    private static StatisticsTotals hourOf(Map<Instant, Map<String, StatisticsTotals>> hours, Instant at, String type) {
        return totalsOf(hours.computeIfAbsent(at.truncatedTo(ChronoUnit.HOURS), k -> new HashMap<>()), type);
    }

    private StatisticsTotals slotOf(Map<String, Map<Integer, StatisticsTotals>> slots, String type, Instant at) {
        return slots.computeIfAbsent(type, k -> new TreeMap<>()).computeIfAbsent(window.slotOf(at), k -> new StatisticsTotals());
    }

    private static StatisticsTotals totalsOf(Map<String, StatisticsTotals> byType, String type) {
        return byType.computeIfAbsent(type, k -> new StatisticsTotals());
    }

    /** Counts the queue latency of the started run of the current row into {@code into}. */
    private static void started(ResultSet rs, StatisticsTotals into) throws SQLException {
        into.latencies.add(ChronoUnit.MICROS.between(Binds.instant(rs, "created_at"), Binds.instant(rs, "started_at")));
    }

    private Query ranges(Query q) {
        return where.bind(q).bind("los", arrayOf(rawFrom)).bind("his", arrayOf(rawTo));
    }

    private static String arrayOf(List<Instant> instants) {
        StringBuilder out = new StringBuilder("{");
        for (Instant at : instants) {
            out.append(out.length() == 1 ? "" : ",").append('"').append(OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).append('"');
        }
        return out.append('}').toString();
    }

    private void addRaw(Instant from, Instant to) {
        Instant f = from.isBefore(window.from()) ? window.from() : from;
        Instant t = to.isAfter(window.to()) ? window.to() : to;
        if (!t.isAfter(f)) {
            return;
        }
        int last = rawTo.size() - 1;
        if (last >= 0 && rawTo.get(last).equals(f)) {
            rawTo.set(last, t);
        } else {
            rawFrom.add(f);
            rawTo.add(t);
        }
    }

    /** @return the first whole hour at or after {@code at} */
    static Instant ceilHour(Instant at) {
        Instant floor = at.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(at) ? at : floor.plus(HOUR);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** One row at a time. */
    @FunctionalInterface
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void eachRow(Query q, Row row) {
        q.scanResultSet((results, ctx) -> {
            ResultSet rs = results.get();
            while (rs.next()) {
                row.accept(rs);
            }
            return null;
        });
    }
}
