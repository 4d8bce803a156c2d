package dev.opsruns.example.web;

import dev.opsruns.core.DurationSummary;
import dev.opsruns.core.RunStatistics;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatisticsSlot;
import dev.opsruns.core.StatusBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The JSON shapes of the statistics read. Durations are milliseconds with microsecond decimals; a figure
 * with nothing to summarize (no run ended, or none had started) is null, never 0, so a chart can tell
 * "nothing happened" from "instant".
 */
final class StatisticsViews {

    /** The buckets a run can end in, the keys of every {@code ended} object. */
    private static final List<StatusBucket> END_BUCKETS = List.of(StatusBucket.SUCCEEDED,
            StatusBucket.PARTIALLY_SUCCEEDED, StatusBucket.FAILED);

    private StatisticsViews() {
    }

    /**
     * @param tenantId the tenant
     * @param window the range and slot length
     * @param runTypes per run type with anything in the window, by run type
     */
    record StatisticsView(String tenantId, WindowView window, List<RunTypeView> runTypes) {
    }

    /**
     * @param from the first instant included
     * @param to the first instant excluded
     * @param stepSeconds the length of a series slot
     */
    record WindowView(Instant from, Instant to, long stepSeconds) {
    }

    /**
     * @param runType the run type
     * @param started runs created in the window
     * @param ended runs ended in the window, per end bucket
     * @param endedTotal all runs ended in the window
     * @param successRate share of ended runs that succeeded, null when none ended
     * @param partialRate share that partially succeeded, null when none ended
     * @param failureRate share that failed, null when none ended
     * @param duration start-to-end durations of the ended runs, null when none had started
     * @param queueLatency creation-to-start latencies of the runs started in the window, null when none
     * @param topFailureReasons the most frequent failure reasons
     * @param series one slot per slot of the window
     */
    record RunTypeView(String runType, long started, Map<String, Long> ended, long endedTotal, Double successRate,
            Double partialRate, Double failureRate, DurationView duration, DurationView queueLatency,
            List<ReasonView> topFailureReasons, List<SlotView> series) {
    }

    /**
     * @param p50Ms the median, in milliseconds
     * @param p95Ms the 95th percentile, in milliseconds
     * @param maxMs the longest, in milliseconds
     * @param count how many durations
     */
    record DurationView(double p50Ms, double p95Ms, double maxMs, long count) {
    }

    /**
     * @param reasonCode the reason
     * @param runs how many failed runs had it
     */
    record ReasonView(String reasonCode, long runs) {
    }

    /**
     * @param start the slot's first instant
     * @param ended runs that ended in it, per end bucket
     * @param p95DurationMs the 95th percentile of their durations, null when none had started
     */
    record SlotView(Instant start, Map<String, Long> ended, Double p95DurationMs) {
    }

    static StatisticsView of(RunStatistics stats) {
        return new StatisticsView(stats.tenantId().value(),
                new WindowView(stats.window().from(), stats.window().to(), stats.window().step().toSeconds()),
                stats.runTypes().stream().map(StatisticsViews::of).toList());
    }

    private static RunTypeView of(RunTypeStatistics s) {
        return new RunTypeView(s.runType().value(), s.started(), ended(s.ended()), s.endedTotal(), rate(s.successRate()),
                rate(s.partialRate()), rate(s.failureRate()), duration(s.duration()), duration(s.queueLatency()),
                s.topFailureReasons().stream().map(r -> new ReasonView(r.reasonCode().value(), r.runs())).toList(),
                s.series().stream().map(StatisticsViews::slot).toList());
    }

    private static SlotView slot(StatisticsSlot slot) {
        return new SlotView(slot.start(), ended(slot.ended()), slot.p95Duration().map(StatisticsViews::millis).orElse(null));
    }

    private static Map<String, Long> ended(Map<StatusBucket, Long> byBucket) {
        Map<String, Long> ended = new LinkedHashMap<>();
        for (StatusBucket b : END_BUCKETS) {
            ended.put(b.apiName(), byBucket.getOrDefault(b, 0L));
        }
        return ended;
    }

    private static Double rate(OptionalDouble rate) {
        return rate.isPresent() ? rate.getAsDouble() : null;
    }

    private static DurationView duration(Optional<DurationSummary> summary) {
        return summary.map(d -> new DurationView(millis(d.p50()), millis(d.p95()), millis(d.max()), d.count())).orElse(null);
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1_000L / 1_000.0;
    }
}
