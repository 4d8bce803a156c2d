package dev.opsruns.hub.internal;

import dev.opsruns.core.DurationSummary;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatisticsSlot;
import dev.opsruns.core.StatusBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * What one run type did in the window, as the statistics page shows it: the figures table, the top
 * failure reasons linked to the runs, the two charts, and the per-interval data table behind them.
 *
 * @param id the section's element id
 * @param typeValue the run type
 * @param label the run type's label
 * @param started runs created in the window
 * @param ended runs ended in the window
 * @param buckets runs ended per bucket, with their share
 * @param times duration and queue latency percentiles
 * @param reasons the most frequent failure reasons, each linked to the failed runs with it
 * @param endedChart runs ended per interval, or null when none ended
 * @param p95Chart the p95 duration per interval, or null when no ended run had started
 * @param slots every interval's numbers, as the charts draw them
 */
public record RunTypeSection(String id, String typeValue, String label, long started, long ended, List<BucketFigure> buckets,
        List<TimeFigure> times, List<ReasonLink> reasons, BarChart endedChart, PointChart p95Chart, List<SlotRow> slots) {

    /** What a missing figure shows. */
    static final String NONE = "—";

    /**
     * Runs ended in one bucket.
     *
     * @param bucket the bucket's API name
     * @param label the bucket's label
     * @param runs runs ended in it
     * @param share its share of the ended runs, or {@link #NONE}
     * @param fill the legend swatch's fill
     */
    public record BucketFigure(String bucket, String label, long runs, String share, String fill) {
    }

    /**
     * Percentiles of one kind of duration.
     *
     * @param label what is measured
     * @param p50 the median, or {@link #NONE}
     * @param p95 the 95th percentile, or {@link #NONE}
     * @param max the longest, or {@link #NONE}
     * @param count how many runs it covers
     */
    public record TimeFigure(String label, String p50, String p95, String max, long count) {
    }

    /**
     * A failure reason.
     *
     * @param code the reason code
     * @param runs failed runs with it
     * @param url the run list filtered to failed runs with it
     */
    public record ReasonLink(String code, long runs, String url) {
    }

    /**
     * One interval's numbers.
     *
     * @param label the interval's start
     * @param succeeded runs that succeeded
     * @param partial runs that partially succeeded
     * @param failed runs that failed
     * @param total runs ended
     * @param p95 the 95th percentile duration, or {@link #NONE}
     */
    public record SlotRow(String label, long succeeded, long partial, long failed, long total, String p95) {
    }

    /**
     * @param s the run type's statistics
     * @param label the run type's label
     * @param frame the charts' geometry for the window
     * @param reasonUrl the list of failed runs of this run type with a reason
     * @return the section
     */
    static RunTypeSection of(RunTypeStatistics s, String label, ChartFrame frame, Function<ReasonCode, String> reasonUrl) {
        List<BucketFigure> buckets = new ArrayList<>();
        for (StatusBucket b : BarChart.STACK) {
            OptionalDouble share = switch (b) {
                case SUCCEEDED -> s.successRate();
                case PARTIALLY_SUCCEEDED -> s.partialRate();
                case FAILED -> s.failureRate();
                case QUEUED, RUNNING -> throw new IllegalStateException("no run ends " + b);
            };
            buckets.add(new BucketFigure(b.apiName(), Texts.bucket(b), s.ended().getOrDefault(b, 0L),
                    share.isPresent() ? Texts.percent(share.getAsDouble()) : NONE, BarChart.fillOf(b.apiName())));
        }
        List<TimeFigure> times = List.of(time("Duration (start to end)", s.duration()),
                time("Queue latency (created to start)", s.queueLatency()));
        List<ReasonLink> reasons = s.topFailureReasons().stream()
                .map(r -> new ReasonLink(r.reasonCode().value(), r.runs(), reasonUrl.apply(r.reasonCode()))).toList();
        List<SlotRow> slots = new ArrayList<>();
        for (StatisticsSlot slot : s.series()) {
            slots.add(new SlotRow(frame.slotLabel(slot.start()), slot.ended().getOrDefault(StatusBucket.SUCCEEDED, 0L),
                    slot.ended().getOrDefault(StatusBucket.PARTIALLY_SUCCEEDED, 0L),
                    slot.ended().getOrDefault(StatusBucket.FAILED, 0L), slot.endedTotal(),
                    slot.p95Duration().map(Texts::figure).orElse(NONE)));
        }
        boolean anyEnded = s.series().stream().anyMatch(slot -> slot.endedTotal() > 0);
        boolean anyDuration = s.series().stream().anyMatch(slot -> slot.p95Duration().isPresent());
        return new RunTypeSection("stats-" + s.runType().value(), s.runType().value(), label, s.started(), s.endedTotal(),
                buckets, times, reasons, anyEnded ? BarChart.of(frame, s.series()) : null,
                anyDuration ? PointChart.of(frame, s.series()) : null, slots);
    }

    private static TimeFigure time(String label, Optional<DurationSummary> summary) {
        return summary.map(d -> new TimeFigure(label, Texts.figure(d.p50()), Texts.figure(d.p95()), Texts.figure(d.max()),
                d.count())).orElse(new TimeFigure(label, NONE, NONE, NONE, 0));
    }
}
