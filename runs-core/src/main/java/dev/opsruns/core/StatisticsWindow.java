package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The time range of a statistics read and the size of its time-series slots: {@code [from, to)}, cut
 * into slots of {@code step} from {@code from} on (the last one may be shorter). The named windows end
 * now and pick a step that gives a readable chart: 5 minutes for an hour, an hour for a day, 6 hours for
 * 7 days, a day for 30 days; {@link #between} picks the same way by the range's length.
 *
 * @param from the first instant included, in whole microseconds
 * @param to the first instant excluded, in whole microseconds, after {@code from}
 * @param step the length of a time-series slot, a whole number of seconds
 */
public record StatisticsWindow(Instant from, Instant to, Duration step) {

    /** The longest range a statistics read covers. */
    public static final Duration MAX_RANGE = Duration.ofDays(366);
    /** The most time-series slots one window has. */
    public static final int MAX_SLOTS = 1_000;

    /**
     * @param from the first instant included
     * @param to the first instant excluded
     * @param step the slot length
     * @throws InvalidRunInputException when a part is null, an instant has a fraction of a microsecond,
     *     {@code to} is not after {@code from}, the range is longer than {@link #MAX_RANGE}, the step is not
     *     a positive whole number of seconds, or the window would have more than {@link #MAX_SLOTS} slots
     */
    public StatisticsWindow {
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        Checks.notNull(step, "step");
        if (!from.truncatedTo(ChronoUnit.MICROS).equals(from) || !to.truncatedTo(ChronoUnit.MICROS).equals(to)) {
            throw new InvalidRunInputException("from", "from and to must be whole microseconds, as runs are stored");
        }
        if (!to.isAfter(from)) {
            throw new InvalidRunInputException("to", "must be after from, but from=" + from + " and to=" + to);
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new InvalidRunInputException("to", "the range may be at most " + MAX_RANGE.toDays() + " days, but was "
                    + Duration.between(from, to));
        }
        if (step.isNegative() || step.isZero() || step.getNano() != 0) {
            throw new InvalidRunInputException("step", "must be a positive whole number of seconds, but was " + step);
        }
        long slots = (Duration.between(from, to).toSeconds() + step.getSeconds()) / step.getSeconds();
        if (slots > MAX_SLOTS) {
            throw new InvalidRunInputException("step", "gives " + slots + " slots; at most " + MAX_SLOTS + " are allowed");
        }
    }

    /**
     * @param clock where now comes from
     * @return the hour up to now, in 5-minute slots
     */
    public static StatisticsWindow lastHour(Clock clock) {
        return endingNow(clock, Duration.ofHours(1));
    }

    /**
     * @param clock where now comes from
     * @return the 24 hours up to now, in 1-hour slots
     */
    public static StatisticsWindow last24Hours(Clock clock) {
        return endingNow(clock, Duration.ofHours(24));
    }

    /**
     * @param clock where now comes from
     * @return the 7 days up to now, in 6-hour slots
     */
    public static StatisticsWindow last7Days(Clock clock) {
        return endingNow(clock, Duration.ofDays(7));
    }

    /**
     * @param clock where now comes from
     * @return the 30 days up to now, in 1-day slots
     */
    public static StatisticsWindow last30Days(Clock clock) {
        return endingNow(clock, Duration.ofDays(30));
    }

    /**
     * @param from the first instant included (truncated to microseconds)
     * @param to the first instant excluded (truncated to microseconds)
     * @return the range with the step its length suggests (see the class description)
     * @throws InvalidRunInputException as the constructor
     */
    public static StatisticsWindow between(Instant from, Instant to) {
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        Instant f = from.truncatedTo(ChronoUnit.MICROS);
        Instant t = to.truncatedTo(ChronoUnit.MICROS);
        return new StatisticsWindow(f, t, stepFor(Duration.between(f, t)));
    }

    private static StatisticsWindow endingNow(Clock clock, Duration range) {
        Checks.notNull(clock, "clock");
        Instant to = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return new StatisticsWindow(to.minus(range), to, stepFor(range));
    }

    private static Duration stepFor(Duration range) {
        if (range.compareTo(Duration.ofHours(1)) <= 0) {
            return Duration.ofMinutes(5);
        }
        if (range.compareTo(Duration.ofDays(1)) <= 0) {
            return Duration.ofHours(1);
        }
        if (range.compareTo(Duration.ofDays(7)) <= 0) {
            return Duration.ofHours(6);
        }
        return Duration.ofDays(1);
    }

    /** @return how many slots the window has */
    public int slots() {
        long micros = ChronoUnit.MICROS.between(from, to);
        long stepMicros = step.getSeconds() * 1_000_000L;
        return (int) ((micros + stepMicros - 1) / stepMicros);
    }

    /** @return the start of each slot, from {@code from} on */
    public List<Instant> slotStarts() {
        int slots = slots();
        List<Instant> starts = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            starts.add(from.plus(step.multipliedBy(i)));
        }
        return List.copyOf(starts);
    }

    /**
     * @param at an instant inside the window
     * @return the index of its slot
     */
    public int slotOf(Instant at) {
        return (int) (ChronoUnit.MICROS.between(from, at) / (step.getSeconds() * 1_000_000L));
    }
}
