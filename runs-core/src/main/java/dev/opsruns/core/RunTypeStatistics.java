package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one run type did in a {@link StatisticsWindow}.
 *
 * <ul>
 *   <li>{@code started}: runs created in the window (a producer's start; reuses are not counted);
 *   <li>{@code ended}: runs that ended in the window, by bucket ({@code SUCCEEDED},
 *       {@code PARTIALLY_SUCCEEDED}, {@code FAILED}; aborted runs count as failed);
 *   <li>{@code duration}: of the runs that ended in the window after they had started, from start to end
 *       (runs ended before a worker took them have no duration);
 *   <li>{@code queueLatency}: of the runs that started in the window, from creation to start;
 *   <li>{@code topFailureReasons}: reason codes of the runs that ended {@code FAILED} in the window, the
 *       most frequent first (ties by code), at most {@value #TOP_REASONS};
 *   <li>{@code series}: one {@link StatisticsSlot} per slot of the window, by when runs ended.
 * </ul>
 *
 * @param runType the run type
 * @param started runs created in the window
 * @param ended runs ended in the window, by bucket (buckets without runs absent)
 * @param duration start-to-end durations of the runs ended in the window, or empty when none had started
 * @param queueLatency creation-to-start latencies of the runs started in the window, or empty
 * @param topFailureReasons the most frequent failure reason codes
 * @param series the time series, one slot per slot of the window
 */
public record RunTypeStatistics(RunType runType, long started, Map<StatusBucket, Long> ended,
        Optional<DurationSummary> duration, Optional<DurationSummary> queueLatency, List<ReasonCount> topFailureReasons,
        List<StatisticsSlot> series) {

    /** The most failure reason codes listed per run type. */
    public static final int TOP_REASONS = 5;

    /**
     * @param runType the run type
     * @param started runs created
     * @param ended runs ended, by bucket
     * @param duration durations, or empty
     * @param queueLatency latencies, or empty
     * @param topFailureReasons reason codes
     * @param series the time series
     * @throws InvalidRunInputException when a part is null or a count negative
     */
    public RunTypeStatistics {
        Checks.notNull(runType, "runType");
        Checks.notNegative(started, "started");
        ended = Map.copyOf(Checks.notNull(ended, "ended"));
        Checks.notNull(duration, "duration");
        Checks.notNull(queueLatency, "queueLatency");
        topFailureReasons = List.copyOf(Checks.notNull(topFailureReasons, "topFailureReasons"));
        series = List.copyOf(Checks.notNull(series, "series"));
    }

    /** @return all runs that ended in the window */
    public long endedTotal() {
        return ended.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the share of ended runs that succeeded, empty when none ended */
    public OptionalDouble successRate() {
        return rate(StatusBucket.SUCCEEDED);
    }

    /** @return the share of ended runs that partially succeeded, empty when none ended */
    public OptionalDouble partialRate() {
        return rate(StatusBucket.PARTIALLY_SUCCEEDED);
    }

    /** @return the share of ended runs that failed, empty when none ended */
    public OptionalDouble failureRate() {
        return rate(StatusBucket.FAILED);
    }

    private OptionalDouble rate(StatusBucket bucket) {
        long total = endedTotal();
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) ended.getOrDefault(bucket, 0L) / total);
    }
}
