package dev.opsruns.bench;

import dev.opsruns.core.DurationSummary;
import dev.opsruns.core.ReasonCount;
import dev.opsruns.core.RunStatistics;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatisticsSlot;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.StatusBucket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The statistics baseline: what a hand-written statistics read gets from the database with the five
 * aggregate queries of {@link BaselineSql#statistics}, kept as plain maps (durations in microseconds),
 * and how that differs from the library's answer (so the benchmark knows both read the same figures).
 */
final class RawStatistics {

    private final Map<String, Long> started = new TreeMap<>();
    private final Map<String, Map<StatusBucket, Long>> ended = new TreeMap<>();
    private final Map<String, Map<Integer, Map<StatusBucket, Long>>> endedBySlot = new TreeMap<>();
    private final Map<String, Map<Integer, Double>> p95BySlot = new TreeMap<>();
    /** p50, p95, max, count. */
    private final Map<String, double[]> duration = new TreeMap<>();
    private final Map<String, double[]> latency = new TreeMap<>();
    private final Map<String, Map<String, Long>> reasons = new TreeMap<>();

    private RawStatistics() {
    }

    /**
     * @param ds the pool
     * @param database the vendor
     * @param tenant the tenant
     * @param window the window
     * @return the figures, read with one connection
     */
    static RawStatistics read(DataSource ds, Database database, String tenant, StatisticsWindow window) throws SQLException {
        BaselineSql.Statistics sql = BaselineSql.statistics(database);
        OffsetDateTime from = OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC);
        OffsetDateTime to = OffsetDateTime.ofInstant(window.to(), ZoneOffset.UTC);
        long stepMicros = window.step().getSeconds() * 1_000_000L;
        RawStatistics raw = new RawStatistics();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(sql.started())) {
                bindWindow(ps, 1, tenant, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        raw.started.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql.latency())) {
                bindWindow(ps, 1, tenant, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        raw.latency.put(rs.getString(1), summary(rs, 2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql.endedBySlot())) {
                ps.setObject(1, from);
                ps.setLong(2, stepMicros);
                bindWindow(ps, 3, tenant, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String type = rs.getString(1);
                        int slot = rs.getInt(2);
                        Map<StatusBucket, Long> counts = new EnumMap<>(StatusBucket.class);
                        putIfPositive(counts, StatusBucket.SUCCEEDED, rs.getLong(3));
                        putIfPositive(counts, StatusBucket.PARTIALLY_SUCCEEDED, rs.getLong(4));
                        putIfPositive(counts, StatusBucket.FAILED, rs.getLong(5));
                        raw.endedBySlot.computeIfAbsent(type, k -> new TreeMap<>()).put(slot, counts);
                        counts.forEach((b, n) -> raw.ended.computeIfAbsent(type, k -> new EnumMap<>(StatusBucket.class))
                                .merge(b, n, Long::sum));
                        double p95 = rs.getDouble(6);
                        if (!rs.wasNull()) {
                            raw.p95BySlot.computeIfAbsent(type, k -> new TreeMap<>()).put(slot, p95);
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql.duration())) {
                bindWindow(ps, 1, tenant, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double[] s = summary(rs, 2);
                        if (s[3] > 0) {
                            raw.duration.put(rs.getString(1), s);
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql.reasons())) {
                bindWindow(ps, 1, tenant, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        raw.reasons.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                    }
                }
            }
        }
        return raw;
    }

    private static void bindWindow(PreparedStatement ps, int first, String tenant, OffsetDateTime from, OffsetDateTime to)
            throws SQLException {
        ps.setString(first, tenant);
        ps.setObject(first + 1, from);
        ps.setObject(first + 2, to);
    }

    private static void putIfPositive(Map<StatusBucket, Long> counts, StatusBucket bucket, long n) {
        if (n > 0) {
            counts.put(bucket, n);
        }
    }

    private static double[] summary(ResultSet rs, int first) throws SQLException {
        return new double[] {rs.getDouble(first), rs.getDouble(first + 1), rs.getDouble(first + 2), rs.getLong(first + 3)};
    }

    /**
     * @param library the library's statistics of the same tenant and window
     * @return what differs (durations may differ by a microsecond of rounding), empty when nothing does
     */
    List<String> differences(RunStatistics library) {
        List<String> out = new ArrayList<>();
        TreeSet<String> types = new TreeSet<>(started.keySet());
        types.addAll(ended.keySet());
        types.addAll(latency.keySet());
        List<String> libraryTypes = library.runTypes().stream().map(s -> s.runType().value()).toList();
        if (!new ArrayList<>(types).equals(libraryTypes)) {
            out.add("run types: library " + libraryTypes + ", baseline " + types);
            return out;
        }
        for (RunTypeStatistics s : library.runTypes()) {
            String type = s.runType().value();
            check(out, type + " started", s.started(), started.getOrDefault(type, 0L));
            check(out, type + " ended", s.ended(), ended.getOrDefault(type, Map.of()));
            checkSummary(out, type + " duration", s.duration(), duration.get(type));
            checkSummary(out, type + " latency", s.queueLatency(), latency.get(type));
            Map<String, Long> all = reasons.getOrDefault(type, Map.of());
            for (ReasonCount r : s.topFailureReasons()) {
                check(out, type + " reason " + r.reasonCode().value(), r.runs(), all.getOrDefault(r.reasonCode().value(), 0L));
            }
            check(out, type + " reasons listed", s.topFailureReasons().size(), Math.min(all.size(), RunTypeStatistics.TOP_REASONS));
            Map<Integer, Map<StatusBucket, Long>> slots = endedBySlot.getOrDefault(type, Map.of());
            Map<Integer, Double> p95s = p95BySlot.getOrDefault(type, Map.of());
            for (int i = 0; i < s.series().size(); i++) {
                StatisticsSlot slot = s.series().get(i);
                check(out, type + " slot " + i, slot.ended(), slots.getOrDefault(i, Map.of()));
                Optional<Duration> p95 = Optional.ofNullable(p95s.get(i)).map(RawStatistics::micros);
                checkEstimate(out, type + " slot " + i + " p95", slot.p95Duration(), p95);
            }
        }
        return out;
    }

    private static void checkSummary(List<String> out, String what, Optional<DurationSummary> lib, double[] raw) {
        if (lib.isEmpty() || raw == null) {
            check(out, what + " present", lib.isPresent(), raw != null);
            return;
        }
        DurationSummary d = lib.get();
        checkEstimate(out, what + " p50", Optional.of(d.p50()), Optional.of(micros(raw[0])));
        checkEstimate(out, what + " p95", Optional.of(d.p95()), Optional.of(micros(raw[1])));
        checkNear(out, what + " max", Optional.of(d.max()), Optional.of(micros(raw[2])));
        check(out, what + " count", d.count(), (long) raw[3]);
    }

    private static void checkNear(List<String> out, String what, Optional<Duration> lib, Optional<Duration> raw) {
        boolean same = lib.isPresent() == raw.isPresent()
                && (lib.isEmpty() || Math.abs(lib.get().minus(raw.get()).toNanos()) <= 1_000);
        if (!same) {
            out.add(what + ": library " + lib + ", baseline " + raw);
        }
    }

    /** A percentile: the library may estimate it within {@link DurationSummary#PERCENTILE_ERROR}, plus rounding. */
    private static void checkEstimate(List<String> out, String what, Optional<Duration> lib, Optional<Duration> raw) {
        boolean same = lib.isPresent() == raw.isPresent() && (lib.isEmpty()
                || Math.abs(lib.get().minus(raw.get()).toNanos()) <= raw.get().toNanos() * DurationSummary.PERCENTILE_ERROR + 1_000);
        if (!same) {
            out.add(what + ": library " + lib + ", baseline " + raw);
        }
    }

    private static void check(List<String> out, String what, Object lib, Object raw) {
        if (!lib.equals(raw)) {
            out.add(what + ": library " + lib + ", baseline " + raw);
        }
    }

    private static Duration micros(double value) {
        return Duration.of(Math.round(value), ChronoUnit.MICROS);
    }
}
