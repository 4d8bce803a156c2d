package dev.opsruns.hub.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The geometry both of a run type's charts share: an SVG of {@link #WIDTH} by {@link #HEIGHT} units,
 * a plot area inside margins that leave room for the tick labels, the window's slots side by side along
 * the time axis, and times in UTC as the rest of the page states them.
 *
 * @param slotStarts the start of every slot of the window, in order
 * @param step the slots' length
 * @param windowLength the window's length, to pick how much of a time the tick labels show
 */
record ChartFrame(List<Instant> slotStarts, Duration step, Duration windowLength) {

    /** The SVG's width, in its own units (it scales to the page). */
    static final int WIDTH = 720;
    /** The SVG's height. */
    static final int HEIGHT = 240;
    /** Room left of the plot for the value labels. */
    static final int LEFT = 64;
    /** Room right of the plot. */
    static final int RIGHT = 16;
    /** Room above the plot. */
    static final int TOP = 12;
    /** Room below the plot for the time labels. */
    static final int BOTTOM = 36;
    /** The most labelled ticks on the time axis, so labels never overlap. */
    static final int MAX_TIME_TICKS = 8;

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_AND_CLOCK = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    ChartFrame {
        slotStarts = List.copyOf(slotStarts);
        if (slotStarts.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one slot");
        }
    }

    int slots() {
        return slotStarts.size();
    }

    double plotLeft() {
        return LEFT;
    }

    double plotRight() {
        return WIDTH - RIGHT;
    }

    double plotTop() {
        return TOP;
    }

    double plotBottom() {
        return HEIGHT - BOTTOM;
    }

    double plotHeight() {
        return plotBottom() - plotTop();
    }

    double slotWidth() {
        return (plotRight() - plotLeft()) / slots();
    }

    /** @return the left edge of slot {@code i} (slot {@code slots()} is the plot's right edge) */
    double slotLeft(int i) {
        return plotLeft() + i * slotWidth();
    }

    double slotCenter(int i) {
        return slotLeft(i) + slotWidth() / 2;
    }

    /** @return the y of a value at {@code fraction} of the value axis (0 at the bottom) */
    double y(double fraction) {
        return plotBottom() - fraction * plotHeight();
    }

    /**
     * @return ticks at slot boundaries, every few slots so at most {@link #MAX_TIME_TICKS} are labelled,
     *     each labelled with the time the slot starts
     */
    List<ChartTick> timeTicks() {
        int every = (slots() + MAX_TIME_TICKS - 1) / MAX_TIME_TICKS;
        List<ChartTick> ticks = new ArrayList<>();
        for (int i = 0; i < slots(); i += every) {
            ticks.add(new ChartTick(tickLabel(slotStarts.get(i)), number(slotLeft(i))));
        }
        return ticks;
    }

    /** @return a tick label: the clock within a day, the date and clock within a week, else the date */
    String tickLabel(Instant at) {
        if (step.compareTo(Duration.ofDays(1)) >= 0) {
            return MONTH_DAY.format(at);
        }
        return windowLength.compareTo(Duration.ofDays(1)) <= 0 ? CLOCK.format(at) : DATE_AND_CLOCK.format(at);
    }

    /** @return the full name of the slot starting at {@code at}, as the titles and the data table show it */
    String slotLabel(Instant at) {
        return step.compareTo(Duration.ofDays(1)) >= 0 && step.toSeconds() % 86_400 == 0 && at.getEpochSecond() % 86_400 == 0
                ? DAY.format(at) : MINUTE.format(at);
    }

    /**
     * @param scale the value axis
     * @param label a tick value's text
     * @return the axes of a chart in this frame
     */
    ChartAxes axes(ValueScale scale, DoubleFunction<String> label) {
        List<ChartTick> values = new ArrayList<>();
        for (double v : scale.ticks()) {
            values.add(new ChartTick(label.apply(v), number(y(scale.fraction(v)))));
        }
        return new ChartAxes(WIDTH, HEIGHT, number(plotLeft()), number(plotRight()), number(plotTop()), number(plotBottom()),
                values, timeTicks());
    }

    /** @return a coordinate as an SVG attribute: two decimals, a dot whatever the locale */
    static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
