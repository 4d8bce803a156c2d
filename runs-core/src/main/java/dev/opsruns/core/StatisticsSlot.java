package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One slot of a run type's time series: the runs that ended in it, by bucket, and the 95th percentile of
 * their durations.
 *
 * @param start the slot's first instant (its end is the next slot's start, or the window's end)
 * @param ended runs that ended in the slot, by bucket ({@code SUCCEEDED}, {@code PARTIALLY_SUCCEEDED},
 *     {@code FAILED}); buckets without runs are absent
 * @param p95Duration the 95th percentile of their durations (start to end), empty when none had started
 */
public record StatisticsSlot(Instant start, Map<StatusBucket, Long> ended, Optional<Duration> p95Duration) {

    /**
     * @param start the slot's start
     * @param ended runs ended, by bucket
     * @param p95Duration the 95th percentile duration, or empty
     * @throws InvalidRunInputException when a part is null
     */
    public StatisticsSlot {
        Checks.notNull(start, "start");
        ended = Map.copyOf(Checks.notNull(ended, "ended"));
        Checks.notNull(p95Duration, "p95Duration");
    }

    /** @return all runs that ended in the slot */
    public long endedTotal() {
        return ended.values().stream().mapToLong(Long::longValue).sum();
    }
}
