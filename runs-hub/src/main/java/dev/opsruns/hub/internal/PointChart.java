package dev.opsruns.hub.internal;

import dev.opsruns.core.StatisticsSlot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The 95th percentile duration per interval as points, joined by a line only between neighbouring
 * slots that both have one. A slot without a duration (no run ended in it after starting) has no point
 * and breaks the line: a gap, never a duration of zero.
 *
 * @param axes the size, the plot's edges and the ticks (duration and time)
 * @param points the points, in time order, only for slots with a duration
 * @param lines the {@code points} attributes of the polylines, one per run of neighbouring points with
 *     at least two
 */
public record PointChart(ChartAxes axes, List<Point> points, List<String> lines) {

    /**
     * One slot's point.
     *
     * @param slot the slot's index in the window
     * @param cx its x
     * @param cy its y
     * @param duration the p95 duration, as the data table shows it
     * @param title the slot and its exact figure
     */
    public record Point(int slot, String cx, String cy, String duration, String title) {
    }

    /**
     * @param frame the geometry shared with the other chart
     * @param series one slot per slot of the frame
     * @return the chart
     * @throws IllegalArgumentException when the series does not have one slot per slot of the frame
     */
    static PointChart of(ChartFrame frame, List<StatisticsSlot> series) {
        if (series.size() != frame.slots()) {
            throw new IllegalArgumentException("the series has " + series.size() + " slots, the frame " + frame.slots());
        }
        double maxMillis = series.stream().map(StatisticsSlot::p95Duration).flatMap(Optional::stream)
                .mapToDouble(PointChart::millis).max().orElse(0);
        ValueScale scale = ValueScale.forMillis(maxMillis);
        List<Point> points = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int inLine = 0;
        for (int i = 0; i < series.size(); i++) {
            Optional<Duration> p95 = series.get(i).p95Duration();
            if (p95.isEmpty()) {
                inLine = flush(lines, line, inLine);
                continue;
            }
            String cx = ChartFrame.number(frame.slotCenter(i));
            String cy = ChartFrame.number(frame.y(scale.fraction(millis(p95.get()))));
            String shown = Texts.figure(p95.get());
            points.add(new Point(i, cx, cy, shown, frame.slotLabel(series.get(i).start()) + ": p95 duration " + shown
                    + " (" + series.get(i).endedTotal() + " ended)"));
            line.append(inLine == 0 ? "" : " ").append(cx).append(',').append(cy);
            inLine++;
        }
        flush(lines, line, inLine);
        return new PointChart(frame.axes(scale, v -> Texts.figure(Duration.ofMillis(Math.round(v)))), points, lines);
    }

    private static int flush(List<String> lines, StringBuilder line, int inLine) {
        if (inLine >= 2) {
            lines.add(line.toString());
        }
        line.setLength(0);
        return 0;
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1_000_000.0;
    }
}
