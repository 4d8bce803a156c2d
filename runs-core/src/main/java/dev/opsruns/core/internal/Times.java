package dev.opsruns.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as every store keeps them: microsecond precision, the precision of PostgreSQL. */
public final class Times {

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
