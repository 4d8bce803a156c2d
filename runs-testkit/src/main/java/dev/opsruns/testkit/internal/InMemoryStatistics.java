package dev.opsruns.testkit.internal;

import dev.opsruns.core.DurationSummary;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.ReasonCount;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatisticsSlot;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.spi.StatisticsQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The in-memory store's statistics: one pass over a tenant's runs, percentiles as SQL's PERCENTILE_CONT. */
final class InMemoryStatistics {

    /** What one run type gathers while the runs pass by. */
    private static final class Tally {
        long started;
        final Map<StatusBucket, Long> ended = new EnumMap<>(StatusBucket.class);
        final List<Long> durations = new ArrayList<>();
        final List<Long> latencies = new ArrayList<>();
        final Map<ReasonCode, Long> reasons = new TreeMap<>(java.util.Comparator.comparing(ReasonCode::value));
        final Map<Integer, Map<StatusBucket, Long>> endedBySlot = new TreeMap<>();
        final Map<Integer, List<Long>> durationsBySlot = new TreeMap<>();

        boolean empty() {
            return started == 0 && ended.isEmpty() && latencies.isEmpty();
        }
    }

    private InMemoryStatistics() {
    }

    static List<RunTypeStatistics> of(Stream<Run> tenantRuns, StatisticsQuery query) {
        StatisticsWindow w = query.window();
        Map<RunType, Tally> tallies = new TreeMap<>();
        tenantRuns.filter(r -> query.runTypes().isEmpty() || query.runTypes().contains(r.runType()))
                .filter(r -> query.buckets().isEmpty() || query.buckets().contains(r.bucket()))
                .forEach(r -> {
                    Tally t = tallies.computeIfAbsent(r.runType(), k -> new Tally());
                    if (in(w, r.createdAt())) {
                        t.started++;
                    }
                    if (r.startedAt() != null && in(w, r.startedAt())) {
                        t.latencies.add(micros(r.createdAt(), r.startedAt()));
                    }
                    if (r.finishedAt() != null && in(w, r.finishedAt())) {
                        int slot = w.slotOf(r.finishedAt());
                        t.ended.merge(r.bucket(), 1L, Long::sum);
                        t.endedBySlot.computeIfAbsent(slot, k -> new EnumMap<>(StatusBucket.class)).merge(r.bucket(), 1L, Long::sum);
                        if (r.startedAt() != null) {
                            long d = micros(r.startedAt(), r.finishedAt());
                            t.durations.add(d);
                            t.durationsBySlot.computeIfAbsent(slot, k -> new ArrayList<>()).add(d);
                        }
                        if (r.bucket() == StatusBucket.FAILED && r.failure() != null) {
                            t.reasons.merge(r.failure().reasonCode(), 1L, Long::sum);
                        }
                    }
                });
        List<RunTypeStatistics> out = new ArrayList<>();
        tallies.forEach((type, t) -> {
            if (t.empty()) {
                return;
            }
            List<StatisticsSlot> series = new ArrayList<>();
            t.endedBySlot.forEach((slot, ended) -> series.add(new StatisticsSlot(w.from().plus(w.step().multipliedBy(slot)),
                    ended, Optional.ofNullable(t.durationsBySlot.get(slot)).map(ds -> Duration.of(percentile(sorted(ds), 0.95),
                            ChronoUnit.MICROS)))));
            List<ReasonCount> reasons = new ArrayList<>();
            t.reasons.forEach((code, n) -> reasons.add(new ReasonCount(code, n)));
            out.add(new RunTypeStatistics(type, t.started, t.ended, summary(t.durations), summary(t.latencies), reasons, series));
        });
        return out;
    }

    private static boolean in(StatisticsWindow w, Instant at) {
        return !at.isBefore(w.from()) && at.isBefore(w.to());
    }

    private static long micros(Instant from, Instant to) {
        return ChronoUnit.MICROS.between(from, to);
    }

    private static Optional<DurationSummary> summary(List<Long> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        long[] s = sorted(values);
        return Optional.of(new DurationSummary(Duration.of(percentile(s, 0.5), ChronoUnit.MICROS),
                Duration.of(percentile(s, 0.95), ChronoUnit.MICROS), Duration.of(s[s.length - 1], ChronoUnit.MICROS), s.length));
    }

    private static long[] sorted(List<Long> values) {
        long[] s = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        return s;
    }

    /** Linear interpolation between the two nearest ranks, as PERCENTILE_CONT. */
    private static long percentile(long[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        double value = sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
        return Math.round(value);
    }
}
