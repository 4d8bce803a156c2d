package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Duration;

/**
 * Percentiles of durations, each the continuous percentile of the values (linear interpolation between
 * the two nearest ranks, as SQL's {@code PERCENTILE_CONT}), rounded to the microsecond.
 *
 * <p>The count and the maximum are exact. The percentiles are exact or, where a store summarises past
 * hours to answer long windows quickly (the PostgreSQL store does), estimated within
 * {@link #PERCENTILE_ERROR} of the exact value, plus the rounding: a store never estimates worse.
 *
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param max the longest
 * @param count how many durations it summarizes, at least 1
 */
public record DurationSummary(Duration p50, Duration p95, Duration max, long count) {

    /**
     * The largest relative error of an estimated percentile: 1%, so a 10-minute p95 is off by at most
     * six seconds. Durations under a microsecond (including negative ones, from clocks that disagree)
     * are estimated as zero.
     */
    public static final double PERCENTILE_ERROR = 0.01;

    /**
     * @param p50 the median
     * @param p95 the 95th percentile
     * @param max the longest
     * @param count how many values, at least 1
     * @throws InvalidRunInputException when a duration is null or the count is below 1
     */
    public DurationSummary {
        Checks.notNull(p50, "p50");
        Checks.notNull(p95, "p95");
        Checks.notNull(max, "max");
        if (count < 1) {
            throw new InvalidRunInputException("count", "must be at least 1, but was " + count);
        }
    }
}
