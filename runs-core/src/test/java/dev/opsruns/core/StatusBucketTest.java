package dev.opsruns.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("StatusBucket (DESIGN §5)")
class StatusBucketTest {

    /**
     * The DESIGN §5 table written out row by row: every status × succeeded (0 / more) × failed (0 / more).
     * "more" is a small and a huge number in alternate rows, so no row depends on the exact value.
     */
    @ParameterizedTest(name = "{0} with succeeded={1}, failed={2} is {3}")
    @CsvSource(textBlock = """
            pending,               0,  0,  QUEUED
            pending,               3,  0,  QUEUED
            pending,               0,  7,  QUEUED
            pending,               1,  1,  QUEUED
            running,               0,  0,  RUNNING
            running,               9,  0,  RUNNING
            running,               0,  2,  RUNNING
            running,               5,  5,  RUNNING
            failed,                0,  0,  FAILED
            failed,                4,  0,  FAILED
            failed,                0,  4,  FAILED
            failed,                8,  1,  FAILED
            aborted,               0,  0,  FAILED
            aborted,               6,  0,  FAILED
            aborted,               0,  3,  FAILED
            aborted,               2,  9,  FAILED
            completed,             0,  0,  SUCCEEDED
            completed,             1,  0,  SUCCEEDED
            completed,             0,  1,  FAILED
            completed,             1,  1,  PARTIALLY_SUCCEEDED
            completed_with_errors, 0,  0,  FAILED
            completed_with_errors, 1,  0,  PARTIALLY_SUCCEEDED
            completed_with_errors, 0,  1,  FAILED
            completed_with_errors, 1,  1,  PARTIALLY_SUCCEEDED
            """)
    @DisplayName("every row of the table maps to its bucket")
    void everyRowOfTheTable(String status, long succeeded, long failed, StatusBucket expected) {
        RunStatus s = RunStatus.parse(status);
        assertEquals(expected, StatusBucket.of(s, new RunCounts(0, succeeded, failed, 0)));
        // Large counts, a total and skipped items never change the bucket.
        long bigS = succeeded == 0 ? 0 : Long.MAX_VALUE / 4;
        long bigF = failed == 0 ? 0 : Long.MAX_VALUE / 4;
        assertEquals(expected, StatusBucket.of(s, new RunCounts(1000, bigS, bigF, 0)));
        assertEquals(expected, StatusBucket.of(s, new RunCounts(5, succeeded, failed, 42)));
    }

    @Test
    @DisplayName("the written-out table covers all 24 combinations of status, succeeded and failed")
    void tableIsComplete() throws Exception {
        var method = StatusBucketTest.class.getDeclaredMethod("everyRowOfTheTable",
                String.class, long.class, long.class, StatusBucket.class);
        String table = method.getAnnotation(CsvSource.class).textBlock();
        Set<String> combinations = new HashSet<>();
        for (String line : table.strip().split("\n")) {
            String[] cells = line.split(",");
            combinations.add(cells[0].strip() + "/" + (Long.parseLong(cells[1].strip()) > 0) + "/"
                    + (Long.parseLong(cells[2].strip()) > 0));
        }
        assertEquals(RunStatus.values().length * 2 * 2, combinations.size(), combinations.toString());
    }

    @Test
    @DisplayName("Run.bucket() agrees with StatusBucket.of")
    void runBucketDelegates() {
        java.time.Instant now = java.time.Instant.parse("2024-01-01T00:00:00Z");
        Run run = new Run(RunId.generate(java.time.Clock.systemUTC()), TenantId.of("acme"),
                RunType.of("drift.generate"), RunStatus.COMPLETED_WITH_ERRORS,
                RunIdempotency.buildKey("acme", "drift.generate", java.util.Map.of()),
                new Initiator.System("scheduler"), RunContext.empty(), new RunCounts(3, 2, 1, 0), null,
                now, now, now, now);
        assertEquals(StatusBucket.PARTIALLY_SUCCEEDED, run.bucket());
    }

    @Nested
    @DisplayName("API names")
    class ApiNames {

        @ParameterizedTest
        @EnumSource(StatusBucket.class)
        @DisplayName("parse(apiName()) round-trips every bucket")
        void roundTrip(StatusBucket bucket) {
            assertSame(bucket, StatusBucket.parse(bucket.apiName()));
        }

        @Test
        @DisplayName("the API names are the lowercase names used in URLs and JSON")
        void apiNamesAreLowercase() {
            assertEquals("queued", StatusBucket.QUEUED.apiName());
            assertEquals("running", StatusBucket.RUNNING.apiName());
            assertEquals("succeeded", StatusBucket.SUCCEEDED.apiName());
            assertEquals("partially_succeeded", StatusBucket.PARTIALLY_SUCCEEDED.apiName());
            assertEquals("failed", StatusBucket.FAILED.apiName());
        }

        @Test
        @DisplayName("fromApiName ignores case")
        void caseInsensitive() {
            assertSame(StatusBucket.PARTIALLY_SUCCEEDED, StatusBucket.parse("PARTIALLY_SUCCEEDED"));
            assertSame(StatusBucket.QUEUED, StatusBucket.parse("Queued"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "unknown", "partially succeeded", "partially-succeeded", "pending", " queued",
                "completed"})
        @DisplayName("an unknown name is refused, naming the field and listing the accepted names")
        void unknownNameRefused(String name) {
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                    () -> StatusBucket.parse(name));
            assertEquals("bucket", e.field());
            assertTrue(e.getMessage().contains("queued, running, succeeded, partially_succeeded, failed"),
                    e.getMessage());
        }

        @Test
        @DisplayName("a null name is refused like an unknown one")
        void nullRefused() {
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                    () -> StatusBucket.parse(null));
            assertEquals("bucket", e.field());
        }
    }

    @Nested
    @DisplayName("RunStatus storage names")
    class StorageNames {

        @ParameterizedTest
        @EnumSource(RunStatus.class)
        @DisplayName("parse(storageName()) round-trips every status")
        void roundTrip(RunStatus status) {
            assertSame(status, RunStatus.parse(status.storageName()));
        }

        @Test
        @DisplayName("only pending and running are active; the rest are terminal")
        void activeAndTerminal() {
            for (RunStatus s : RunStatus.values()) {
                boolean active = s == RunStatus.PENDING || s == RunStatus.RUNNING;
                assertEquals(active, s.isActive(), s.name());
                assertEquals(!active, s.isTerminal(), s.name());
            }
            assertFalse(RunStatus.COMPLETED_WITH_ERRORS.isActive());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "PENDING", "done", "completed-with-errors", "queued"})
        @DisplayName("an unknown storage name is refused, listing the accepted names")
        void unknownRefused(String name) {
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                    () -> RunStatus.parse(name));
            assertEquals("status", e.field());
            assertTrue(e.getMessage().contains("pending, running, completed, completed_with_errors, failed, aborted"),
                    e.getMessage());
        }
    }
}
