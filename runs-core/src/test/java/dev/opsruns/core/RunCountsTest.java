package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RunCounts and ProgressDelta")
class RunCountsTest {

    @Nested
    @DisplayName("RunCounts")
    class Counts {

        @Test
        @DisplayName("processed is succeeded + failed + skipped, and total does not count")
        void processedIsDerived() {
            RunCounts c = new RunCounts(100, 5, 3, 2);
            assertEquals(10, c.processed());
            assertEquals(0, RunCounts.ZERO.processed());
            assertEquals(0, new RunCounts(7, 0, 0, 0).processed());
        }

        @Test
        @DisplayName("zero everywhere is accepted")
        void zeroAccepted() {
            assertEquals(new RunCounts(0, 0, 0, 0), RunCounts.ZERO);
        }

        @Test
        @DisplayName("a negative count is refused naming which one")
        void negativeRefused() {
            assertRefused("total", () -> new RunCounts(-1, 0, 0, 0), "zero or more", "-1");
            assertRefused("succeeded", () -> new RunCounts(0, -1, 0, 0), "zero or more");
            assertRefused("failed", () -> new RunCounts(0, 0, -1, 0), "zero or more");
            assertRefused("skipped", () -> new RunCounts(0, 0, 0, Long.MIN_VALUE), "zero or more");
        }

        @Test
        @DisplayName("plus adds a delta and keeps the total")
        void plusAddsDelta() {
            RunCounts c = new RunCounts(10, 1, 2, 3).plus(new ProgressDelta(4, 5, 6));
            assertEquals(new RunCounts(10, 5, 7, 9), c);
            assertEquals(new RunCounts(10, 1, 2, 3), new RunCounts(10, 1, 2, 3).plus(ProgressDelta.NONE));
        }

        @Test
        @DisplayName("withTotal replaces only the total, and refuses a negative one")
        void withTotal() {
            assertEquals(new RunCounts(50, 1, 2, 3), new RunCounts(0, 1, 2, 3).withTotal(50));
            assertRefused("total", () -> RunCounts.ZERO.withTotal(-5));
        }
    }

    @Nested
    @DisplayName("ProgressDelta")
    class Delta {

        @Test
        @DisplayName("a negative part is refused naming it: counts only grow")
        void negativeRefused() {
            assertRefused("delta.succeeded", () -> new ProgressDelta(-1, 0, 0), "zero or more");
            assertRefused("delta.failed", () -> new ProgressDelta(0, -1, 0), "zero or more");
            assertRefused("delta.skipped", () -> new ProgressDelta(0, 0, -1), "zero or more");
            assertRefused("delta.succeeded", () -> ProgressDelta.succeeded(-3));
            assertRefused("delta.skipped", () -> ProgressDelta.skipped(-3));
        }

        @Test
        @DisplayName("the factories fill one part")
        void factories() {
            assertEquals(new ProgressDelta(3, 0, 0), ProgressDelta.succeeded(3));
            assertEquals(new ProgressDelta(0, 0, 4), ProgressDelta.skipped(4));
        }

        @Test
        @DisplayName("isEmpty is true only when every part is zero")
        void isEmpty() {
            assertTrue(ProgressDelta.NONE.isEmpty());
            assertTrue(new ProgressDelta(0, 0, 0).isEmpty());
            assertFalse(ProgressDelta.succeeded(1).isEmpty());
            assertFalse(new ProgressDelta(0, 1, 0).isEmpty());
            assertFalse(ProgressDelta.skipped(1).isEmpty());
        }

        @Test
        @DisplayName("plus adds part by part")
        void plus() {
            assertEquals(new ProgressDelta(5, 7, 9), new ProgressDelta(1, 2, 3).plus(new ProgressDelta(4, 5, 6)));
            assertEquals(ProgressDelta.NONE, ProgressDelta.NONE.plus(ProgressDelta.NONE));
        }
    }
}
