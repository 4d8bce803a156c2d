package dev.opsruns.hub.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.opsruns.core.StatisticsSlot;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.StatusBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The statistics charts' geometry, without a server: what the SVG attributes will say. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChartsTest {

    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");

    /** A day in hourly slots, as the "last 24 hours" window has. */
    private static final StatisticsWindow DAY = new StatisticsWindow(FROM, FROM.plus(Duration.ofDays(1)), Duration.ofHours(1));

    private static ChartFrame frame(StatisticsWindow w) {
        return new ChartFrame(w.slotStarts(), w.step(), Duration.between(w.from(), w.to()));
    }

    /** @return the window's series, empty but for the given slots */
    private static List<StatisticsSlot> series(StatisticsWindow w, Map<Integer, StatisticsSlot> filled) {
        List<StatisticsSlot> series = new ArrayList<>();
        for (int i = 0; i < w.slots(); i++) {
            Instant start = w.slotStarts().get(i);
            StatisticsSlot slot = filled.get(i);
            series.add(slot == null ? new StatisticsSlot(start, Map.of(), Optional.empty())
                    : new StatisticsSlot(start, slot.ended(), slot.p95Duration()));
        }
        return series;
    }

    private static StatisticsSlot ended(long succeeded, long partial, long failed, Duration p95) {
        Map<StatusBucket, Long> ended = new java.util.EnumMap<>(StatusBucket.class);
        if (succeeded > 0) {
            ended.put(StatusBucket.SUCCEEDED, succeeded);
        }
        if (partial > 0) {
            ended.put(StatusBucket.PARTIALLY_SUCCEEDED, partial);
        }
        if (failed > 0) {
            ended.put(StatusBucket.FAILED, failed);
        }
        return new StatisticsSlot(FROM, ended, Optional.ofNullable(p95));
    }

    private static double d(String attribute) {
        return Double.parseDouble(attribute);
    }

    @Nested
    class The_bar_chart {

        private final BarChart chart = BarChart.of(frame(DAY), series(DAY, Map.of(
                2, ended(4, 0, 0, Duration.ofSeconds(1)),
                5, ended(3, 2, 3, Duration.ofSeconds(2)),
                6, ended(0, 0, 1, null))));

        @Test
        void draws_a_bar_only_for_slots_with_ended_runs_leaving_gaps_elsewhere() {
            assertThat(chart.bars()).extracting(BarChart.Bar::slot).containsExactly(2, 5, 6);
        }

        @Test
        void makes_bars_as_tall_as_their_totals_in_proportion() {
            BarChart.Bar four = chart.bars().get(0);
            BarChart.Bar eight = chart.bars().get(1);
            BarChart.Bar one = chart.bars().get(2);
            assertThat(d(eight.height()) / d(four.height())).isCloseTo(2.0, within(0.01));
            assertThat(d(four.height()) / d(one.height())).isCloseTo(4.0, within(0.01));
            assertThat(d(eight.y()) + d(eight.height())).as("bars stand on the time axis").isCloseTo(d(chart.axes().plotBottom()),
                    within(0.01));
        }

        @Test
        void stacks_succeeded_partial_and_failed_bottom_up_summing_to_the_slot_total() {
            BarChart.Bar eight = chart.bars().get(1);
            assertThat(eight.total()).isEqualTo(8);
            assertThat(eight.segments()).extracting(BarChart.Segment::bucket)
                    .containsExactly("succeeded", "partially_succeeded", "failed");
            assertThat(eight.segments()).extracting(BarChart.Segment::runs).containsExactly(3L, 2L, 3L);
            double sum = eight.segments().stream().mapToDouble(s -> d(s.height())).sum();
            assertThat(sum).isCloseTo(d(eight.height()), within(0.02));
            BarChart.Segment succeeded = eight.segments().get(0);
            BarChart.Segment partial = eight.segments().get(1);
            assertThat(d(partial.y()) + d(partial.height())).as("each segment sits on the one below")
                    .isCloseTo(d(succeeded.y()), within(0.01));
            assertThat(d(succeeded.height()) / d(partial.height())).isCloseTo(1.5, within(0.01));
            assertThat(chart.bars().get(2).segments()).as("buckets without runs have no segment")
                    .extracting(BarChart.Segment::bucket).containsExactly("failed");
        }

        @Test
        void titles_each_bar_with_its_slot_and_exact_numbers() {
            assertThat(chart.bars().get(1).title())
                    .isEqualTo("2026-12-01 05:00 UTC: 8 ended (3 succeeded, 2 partially succeeded, 3 failed)");
        }

        @Test
        void labels_the_runs_axis_in_round_whole_numbers_reaching_the_highest_bar() {
            assertThat(chart.axes().valueTicks()).extracting(ChartTick::label).containsExactly("0", "2", "4", "6", "8");
            assertThat(d(chart.axes().valueTicks().get(4).position())).as("the top tick is the tallest bar's top")
                    .isCloseTo(d(chart.bars().get(1).y()), within(0.01));
            assertThat(BarChart.of(frame(DAY), series(DAY, Map.of(0, ended(1, 0, 0, null)))).axes().valueTicks())
                    .extracting(ChartTick::label).containsExactly("0", "1");
            assertThat(ValueScale.forCounts(170).ticks()).containsExactly(0.0, 50.0, 100.0, 150.0, 200.0);
        }

        @Test
        void labels_the_time_axis_with_slot_starts_at_most_eight_times() {
            assertThat(chart.axes().timeTicks()).extracting(ChartTick::label)
                    .containsExactly("00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00");
            assertThat(d(chart.axes().timeTicks().get(1).position()) - d(chart.axes().timeTicks().get(0).position()))
                    .as("three slots apart").isCloseTo(3 * (ChartFrame.WIDTH - ChartFrame.LEFT - ChartFrame.RIGHT) / 24.0,
                            within(0.01));
        }

        @Test
        void refuses_a_series_that_does_not_fit_the_window() {
            assertThatThrownBy(() -> BarChart.of(frame(DAY), List.of(ended(1, 0, 0, null))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class The_p95_chart {

        private final PointChart chart = PointChart.of(frame(DAY), series(DAY, Map.of(
                1, ended(1, 0, 0, Duration.ofSeconds(10)),
                2, ended(1, 0, 0, Duration.ofSeconds(20)),
                3, ended(0, 0, 1, null),
                5, ended(1, 0, 0, Duration.ofMillis(40_500)),
                9, ended(2, 0, 0, Duration.ofSeconds(5)),
                10, ended(1, 0, 0, Duration.ofSeconds(7)),
                11, ended(1, 0, 0, Duration.ofSeconds(8)))));

        @Test
        void has_no_point_where_no_duration_is_known_not_a_point_at_zero() {
            assertThat(chart.points()).extracting(PointChart.Point::slot).containsExactly(1, 2, 5, 9, 10, 11);
        }

        @Test
        void joins_only_neighbouring_points_so_a_gap_breaks_the_line() {
            assertThat(chart.lines()).hasSize(2);
            assertThat(chart.lines().get(0).split(" ")).hasSize(2);
            assertThat(chart.lines().get(1).split(" ")).hasSize(3);
        }

        @Test
        void places_points_in_proportion_to_their_duration() {
            double bottom = d(chart.axes().plotBottom());
            double ten = bottom - d(chart.points().get(0).cy());
            double twenty = bottom - d(chart.points().get(1).cy());
            assertThat(twenty / ten).isCloseTo(2.0, within(0.01));
            assertThat(chart.points().get(0).cx()).as("at the slot's centre")
                    .isEqualTo(ChartFrame.number(ChartFrame.LEFT + 1.5 * (ChartFrame.WIDTH - ChartFrame.LEFT - ChartFrame.RIGHT) / 24.0));
        }

        @Test
        void titles_points_and_labels_the_axis_in_round_durations() {
            assertThat(chart.points().get(2).title()).isEqualTo("2026-12-01 05:00 UTC: p95 duration 40.5 s (1 ended)");
            assertThat(chart.axes().valueTicks()).extracting(ChartTick::label)
                    .containsExactly("0 ms", "15 s", "30 s", "45 s");
            assertThat(ValueScale.forMillis(Duration.ofMinutes(17).toMillis()).ticks()).extracting(Math::round)
                    .containsExactly(0L, 300_000L, 600_000L, 900_000L, 1_200_000L);
        }
    }

    @Nested
    class Time_labels {

        @Test
        void show_the_clock_within_a_day_the_date_and_clock_within_a_week_and_the_date_beyond() {
            StatisticsWindow hour = new StatisticsWindow(FROM, FROM.plus(Duration.ofHours(1)), Duration.ofMinutes(5));
            assertThat(frame(hour).timeTicks()).extracting(ChartTick::label).startsWith("00:00", "00:10").hasSize(6);
            StatisticsWindow week = new StatisticsWindow(FROM, FROM.plus(Duration.ofDays(7)), Duration.ofHours(6));
            assertThat(frame(week).timeTicks()).extracting(ChartTick::label).startsWith("12-01 00:00", "12-02 00:00").hasSize(7);
            StatisticsWindow month = new StatisticsWindow(FROM, FROM.plus(Duration.ofDays(30)), Duration.ofDays(1));
            assertThat(frame(month).timeTicks()).extracting(ChartTick::label).startsWith("12-01", "12-05").hasSize(8);
            assertThat(frame(month).slotLabel(FROM)).as("a whole day reads as its date").isEqualTo("2026-12-01");
            assertThat(frame(month).slotLabel(FROM.plusSeconds(60))).isEqualTo("2026-12-01 00:01 UTC");
        }
    }

    @Test
    void durations_are_shown_precisely_enough_to_compare() {
        assertThat(Texts.figure(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Texts.figure(Duration.ofMillis(12_340))).isEqualTo("12.3 s");
        assertThat(Texts.figure(Duration.ofSeconds(15))).isEqualTo("15 s");
        assertThat(Texts.figure(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(Texts.percent(2.0 / 3)).isEqualTo("66.7%");
    }
}
