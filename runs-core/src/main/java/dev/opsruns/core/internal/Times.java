package dev.opsruns.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as every store keeps them: microsecond precision, the precision of PostgreSQL. */
public final class Times {

    /**
     * Progress reports refresh a heartbeat only when it is older than this. Reaper thresholds are
     * minutes, so nothing is lost; and a hot run's progress UPDATE then leaves the indexed
     * {@code heartbeat_at} alone, which keeps it a cheap in-place (HOT) update on PostgreSQL.
     */
    public static final Duration PROGRESS_HEARTBEAT_GRANULARITY = Duration.ofSeconds(1);

    private Times() {
    }

    /**
     * @param clock the configured clock
     * @return the clock's time truncated to microseconds
     */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
