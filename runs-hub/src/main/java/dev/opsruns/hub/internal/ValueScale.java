package dev.opsruns.hub.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart's value axis: from zero up to a round {@code top} in round {@code step}s, so tick labels read
 * as 0, 5, 10 rather than 0, 4.25, 8.5. Values are plain numbers: runs for a count, milliseconds for a
 * duration.
 *
 * @param top the axis's highest value, a whole number of steps, above zero
 * @param step the distance between ticks, above zero
 */
record ValueScale(double top, double step) {

    /** The most ticks above zero the axis aims for; fewer when the values are small. */
    static final int TARGET_TICKS = 4;

    /* Round tick distances for durations, in milliseconds: the steps a clock face uses. */
    private static final long[] DURATION_STEPS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000,
        30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000,
        43_200_000, 86_400_000, 172_800_000, 604_800_000};

    /**
     * @param max the highest count shown, at least 0
     * @return whole-number ticks (1, 2 or 5 times a power of ten) reaching at least {@code max}
     */
    static ValueScale forCounts(long max) {
        long highest = Math.max(1, max);
        double raw = (double) highest / TARGET_TICKS;
        long step = 1;
        long magnitude = 1;
        while (step < raw) {
            if (step == magnitude) {
                step = 2 * magnitude;
            } else if (step == 2 * magnitude) {
                step = 5 * magnitude;
            } else {
                magnitude *= 10;
                step = magnitude;
            }
        }
        return new ValueScale(ceilSteps(highest, step) * (double) step, step);
    }

    /**
     * @param maxMillis the longest duration shown, in milliseconds, at least 0
     * @return ticks in round durations (1 s, 15 s, 5 min, 6 h ...) reaching at least {@code maxMillis}
     */
    static ValueScale forMillis(double maxMillis) {
        double highest = Math.max(maxMillis, 1);
        double raw = highest / TARGET_TICKS;
        long step = DURATION_STEPS[DURATION_STEPS.length - 1];
        for (long s : DURATION_STEPS) {
            if (s >= raw) {
                step = s;
                break;
            }
        }
        while (highest / step > 2 * TARGET_TICKS) {
            // longer than the longest round step covers in a few ticks: whole weeks
            step *= 2;
        }
        return new ValueScale(Math.ceil(highest / step) * step, step);
    }

    private static long ceilSteps(long value, long step) {
        return (value + step - 1) / step;
    }

    /** @return the tick values from 0 to {@code top} */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long n = Math.round(top / step);
        for (long i = 0; i <= n; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /**
     * @param value a value on this axis
     * @return its share of the axis, 0 at zero and 1 at {@code top}
     */
    double fraction(double value) {
        return value / top;
    }
}
