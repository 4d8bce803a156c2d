package dev.opsruns.hub.internal;

import dev.opsruns.core.StatisticsSlot;
import dev.opsruns.core.StatusBucket;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs ended per interval as stacked bars, one bar per slot with ended runs: succeeded at the bottom,
 * then partially succeeded, then failed, each segment as tall as its share of the value axis. A slot in
 * which no run ended has no bar (a gap), not a bar of height zero. The geometry is computed here, so the
 * template only writes attributes.
 *
 * @param axes the size, the plot's edges and the ticks (runs and time)
 * @param bars the bars, in time order, only for slots with ended runs
 */
public record BarChart(ChartAxes axes, List<Bar> bars) {

    /** The buckets a bar stacks, bottom first: every bucket a run ends in. */
    static final List<StatusBucket> STACK = List.of(StatusBucket.SUCCEEDED, StatusBucket.PARTIALLY_SUCCEEDED,
            StatusBucket.FAILED);

    /* The share of a slot's width a bar takes, so neighbouring bars stay apart. */
    private static final double BAR_SHARE = 0.7;

    /**
     * One slot's bar.
     *
     * @param slot the slot's index in the window
     * @param x its left edge
     * @param width its width
     * @param y its top
     * @param height its height, the sum of its segments'
     * @param total runs ended in the slot
     * @param title the slot and its exact numbers, as the data table shows them
     * @param segments its parts, bottom first, only buckets with runs
     */
    public record Bar(int slot, String x, String width, String y, String height, long total, String title,
            List<Segment> segments) {
    }

    /**
     * A part of a bar.
     *
     * @param bucket the bucket's API name ({@code succeeded}, {@code partially_succeeded}, {@code failed})
     * @param runs runs of that bucket
     * @param y its top
     * @param height its height
     */
    public record Segment(String bucket, long runs, String y, String height) {

        /** @return the fill: the bucket's pattern, defined once on the page */
        public String fill() {
            return fillOf(bucket);
        }
    }

    /**
     * @param frame the geometry shared with the other chart
     * @param series one slot per slot of the frame
     * @return the chart
     * @throws IllegalArgumentException when the series does not have one slot per slot of the frame
     */
    static BarChart of(ChartFrame frame, List<StatisticsSlot> series) {
        if (series.size() != frame.slots()) {
            throw new IllegalArgumentException("the series has " + series.size() + " slots, the frame " + frame.slots());
        }
        long max = series.stream().mapToLong(StatisticsSlot::endedTotal).max().orElse(0);
        ValueScale scale = ValueScale.forCounts(max);
        double barWidth = frame.slotWidth() * BAR_SHARE;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            StatisticsSlot slot = series.get(i);
            long total = slot.endedTotal();
            if (total == 0) {
                continue;
            }
            List<Segment> segments = new ArrayList<>();
            long below = 0;
            for (StatusBucket bucket : STACK) {
                long runs = slot.ended().getOrDefault(bucket, 0L);
                if (runs > 0) {
                    double top = frame.y(scale.fraction(below + runs));
                    double bottom = frame.y(scale.fraction(below));
                    segments.add(new Segment(bucket.apiName(), runs, ChartFrame.number(top), ChartFrame.number(bottom - top)));
                    below += runs;
                }
            }
            double top = frame.y(scale.fraction(total));
            bars.add(new Bar(i, ChartFrame.number(frame.slotCenter(i) - barWidth / 2), ChartFrame.number(barWidth),
                    ChartFrame.number(top), ChartFrame.number(frame.plotBottom() - top), total,
                    title(frame.slotLabel(slot.start()), slot), segments));
        }
        return new BarChart(frame.axes(scale, v -> Long.toString(Math.round(v))), bars);
    }

    /**
     * @param bucket a bucket's API name
     * @return the fill of its segments and legend swatch: a pattern the page defines once, so a bucket is
     *     told apart by more than its colour
     */
    static String fillOf(String bucket) {
        return "url(#stats-fill-" + bucket + ")";
    }

    /** @return e.g. {@code 2026-12-01 10:00 UTC: 3 ended (2 succeeded, 0 partially succeeded, 1 failed)} */
    static String title(String slotLabel, StatisticsSlot slot) {
        return slotLabel + ": " + slot.endedTotal() + " ended (" + slot.ended().getOrDefault(StatusBucket.SUCCEEDED, 0L)
                + " succeeded, " + slot.ended().getOrDefault(StatusBucket.PARTIALLY_SUCCEEDED, 0L) + " partially succeeded, "
                + slot.ended().getOrDefault(StatusBucket.FAILED, 0L) + " failed)";
    }
}
