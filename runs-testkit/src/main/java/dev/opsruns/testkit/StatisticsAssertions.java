package dev.opsruns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.DurationSummary;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatisticsSlot;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Compares statistics as the store contract does: counts, reasons and maxima must be equal, percentiles
 * within {@link DurationSummary#PERCENTILE_ERROR} of the expected value plus one microsecond (a store may
 * estimate them, and both sides round). For a store's own tests of a faster way to the same figures,
 * such as a summary table checked against the exact read over the same runs.
 */
public final class StatisticsAssertions {

    private StatisticsAssertions() {
    }

    /**
     * Asserts that {@code actual} gives the figures of {@code expected}, run type by run type.
     *
     * @param expected the reference figures, by run type
     * @param actual the figures under test, by run type
     * @param where what is compared, for failure messages
     */
    public static void assertAgree(List<RunTypeStatistics> expected, List<RunTypeStatistics> actual, String where) {
        assertEquals(expected.stream().map(RunTypeStatistics::runType).toList(),
                actual.stream().map(RunTypeStatistics::runType).toList(), where + ": run types");
        for (int i = 0; i < expected.size(); i++) {
            RunTypeStatistics e = expected.get(i);
            RunTypeStatistics a = actual.get(i);
            String at = where + ", " + e.runType();
            assertEquals(e.started(), a.started(), at + ": started");
            assertEquals(e.ended(), a.ended(), at + ": ended");
            assertSummary(e.duration(), a.duration(), at + ": duration");
            assertSummary(e.queueLatency(), a.queueLatency(), at + ": queue latency");
            assertEquals(e.topFailureReasons(), a.topFailureReasons(), at + ": top failure reasons");
            assertEquals(e.series().size(), a.series().size(), at + ": slots");
            for (int s = 0; s < e.series().size(); s++) {
                StatisticsSlot es = e.series().get(s);
                StatisticsSlot as = a.series().get(s);
                assertEquals(es.start(), as.start(), at + ": slot " + s);
                assertEquals(es.ended(), as.ended(), at + ": slot " + s + " ended");
                assertPercentile(es.p95Duration(), as.p95Duration(), at + ": slot " + s + " p95");
            }
        }
    }

    private static void assertSummary(Optional<DurationSummary> expected, Optional<DurationSummary> actual, String what) {
        assertEquals(expected.isPresent(), actual.isPresent(), what + " present: " + actual);
        if (expected.isPresent()) {
            assertEquals(expected.get().count(), actual.get().count(), what + " count");
            assertEquals(expected.get().max(), actual.get().max(), what + " max");
            assertPercentile(Optional.of(expected.get().p50()), Optional.of(actual.get().p50()), what + " p50");
            assertPercentile(Optional.of(expected.get().p95()), Optional.of(actual.get().p95()), what + " p95");
        }
    }

    private static void assertPercentile(Optional<Duration> expected, Optional<Duration> actual, String what) {
        assertEquals(expected.isPresent(), actual.isPresent(), what + " present: " + actual);
        if (expected.isPresent()) {
            long expectedMicros = expected.get().toNanos() / 1_000;
            long diff = Math.abs(expected.get().minus(actual.get()).toNanos()) / 1_000;
            long allowed = (long) Math.ceil(Math.abs(expectedMicros) * DurationSummary.PERCENTILE_ERROR) + 1;
            assertTrue(diff <= allowed, what + ": expected " + expected.get() + " (within " + allowed + " µs) but was "
                    + actual.get());
        }
    }
}
