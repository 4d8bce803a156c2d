package dev.opsruns.jdbi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.DurationSummary;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The rollup's histogram: its percentiles against exact ones over the same values, its text form, its edges. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DurationHistogramTest {

    @Test
    void every_percentile_is_within_the_estimate_of_the_exact_one_over_values_of_every_magnitude() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(round < 20 ? 5 : 2_000);
            long[] values = new long[n];
            DurationHistogram h = new DurationHistogram();
            for (int i = 0; i < n; i++) {
                // 1 µs to about 30 days, log-uniform
                values[i] = (long) Math.pow(10, random.nextDouble() * 12.4);
                h.add(values[i]);
            }
            Arrays.sort(values);
            for (double p : new double[] {0, 0.01, 0.5, 0.9, 0.95, 0.99, 1}) {
                double exact = exact(values, p);
                long estimate = h.percentile(p).orElseThrow().toNanos() / 1_000;
                assertTrue(Math.abs(estimate - exact) <= exact * DurationSummary.PERCENTILE_ERROR + 1,
                        "p" + p + " of " + n + " values: exact " + exact + ", estimate " + estimate);
            }
            assertEquals(n, h.count());
            assertEquals(Duration.ofNanos(values[n - 1] * 1_000), h.summary().orElseThrow().max(), "the maximum is exact");
        }
    }

    @Test
    void histograms_merged_or_stored_and_read_back_give_what_one_histogram_of_all_values_gives() {
        Random random = new Random(7);
        DurationHistogram all = new DurationHistogram();
        DurationHistogram merged = new DurationHistogram();
        DurationHistogram decoded = new DurationHistogram();
        for (int part = 0; part < 50; part++) {
            DurationHistogram one = new DurationHistogram();
            for (int i = random.nextInt(30); i > 0; i--) {
                long v = (long) Math.pow(10, random.nextDouble() * 9);
                one.add(v);
                all.add(v);
            }
            merged.addAll(one);
            decoded.addEncoded(one.count() == 0 ? null : one.encode());
        }
        assertEquals(all.summary(), merged.summary());
        assertEquals(all.summary(), decoded.summary());
        assertEquals(all.encode(), decoded.encode());
    }

    @Test
    void values_under_a_microsecond_count_as_zero_and_an_empty_histogram_has_no_percentile() {
        DurationHistogram h = new DurationHistogram();
        assertEquals(Optional.empty(), h.percentile(0.5));
        assertEquals(Optional.empty(), h.summary());
        h.add(0);
        h.add(-5);
        h.add(1);
        assertEquals(Duration.ZERO, h.percentile(0.5).orElseThrow());
        assertEquals(Duration.ofNanos(1_000), h.percentile(1).orElseThrow(), "never above the maximum");
        assertEquals("1;-1:2,0:1", h.encode());
    }

    @Test
    void a_stored_form_that_is_not_one_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new DurationHistogram().addEncoded("12,3"));
        assertThrows(IllegalArgumentException.class, () -> new DurationHistogram().addEncoded("12;3"));
        assertThrows(NumberFormatException.class, () -> new DurationHistogram().addEncoded("12;a:b"));
    }

    private static double exact(long[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int below = (int) rank;
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
