package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RunFilter")
class RunFilterTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final RunType DRIFT = RunType.of("drift.generate");
    private static final RunType BACKUP = RunType.of("backup_set.add_policies");

    private static Run run(RunType type, RunStatus status, RunCounts counts, Instant createdAt) {
        return new Run(RunId.generate(Clock.systemUTC()), TenantId.of("acme"), type, status,
                RunIdempotency.buildKey("acme", type.value(), Map.of()), new Initiator.System("test"),
                RunContext.empty(), counts, null, createdAt, null, null, null);
    }

    @Nested
    @DisplayName("construction")
    class Construction {

        @Test
        @DisplayName("ALL has empty sets and an open time range")
        void all() {
            assertEquals(Set.of(), RunFilter.ALL.runTypes());
            assertEquals(Set.of(), RunFilter.ALL.buckets());
            assertNull(RunFilter.ALL.from());
            assertNull(RunFilter.ALL.to());
        }

        @Test
        @DisplayName("accepts sets of any kind: Set.of, HashSet, TreeSet, EnumSet")
        void anySetAccepted() {
            RunFilter f = new RunFilter(new TreeSet<>(Set.of(DRIFT)), EnumSet.of(StatusBucket.FAILED), null, null);
            assertEquals(Set.of(DRIFT), f.runTypes());
            assertEquals(Set.of(StatusBucket.FAILED), f.buckets());
            assertEquals(f, new RunFilter(new HashSet<>(Set.of(DRIFT)), Set.of(StatusBucket.FAILED), null, null));
        }

        @Test
        @DisplayName("copies the sets, so later changes do not reach it, and its sets are unmodifiable")
        void setsCopied() {
            Set<RunType> types = new HashSet<>(Set.of(DRIFT));
            RunFilter f = RunFilter.ALL.withRunTypes(types);
            types.add(BACKUP);
            assertEquals(Set.of(DRIFT), f.runTypes());
            assertThrows(UnsupportedOperationException.class, () -> f.runTypes().add(BACKUP));
            assertThrows(UnsupportedOperationException.class, () -> f.buckets().add(StatusBucket.FAILED));
        }

        @Test
        @DisplayName("refuses null sets and sets holding null, naming the field")
        void nullsRefused() {
            assertRefused("runTypes", () -> new RunFilter(null, Set.of(), null, null), "required");
            assertRefused("buckets", () -> new RunFilter(Set.of(), null, null, null), "required");
            assertRefused("runTypes", () -> RunFilter.ALL.withRunTypes(new HashSet<>(Arrays.asList(DRIFT, null))),
                    "must not contain null");
            assertRefused("buckets", () -> RunFilter.ALL.withBuckets(new HashSet<>(Arrays.asList((StatusBucket) null))),
                    "must not contain null");
        }

        @Test
        @DisplayName("refuses a time range whose from is not before to, naming to")
        void emptyRangeRefused() {
            assertRefused("to", () -> RunFilter.ALL.withCreatedBetween(T0, T0), "must be after from",
                    "from is inclusive, to exclusive");
            assertRefused("to", () -> RunFilter.ALL.withCreatedBetween(T0.plusNanos(1), T0));
        }

        @Test
        @DisplayName("accepts open ends and a range of one nanosecond")
        void openEndsAccepted() {
            assertEquals(T0, RunFilter.ALL.withCreatedBetween(T0, null).from());
            assertEquals(T0, RunFilter.ALL.withCreatedBetween(null, T0).to());
            assertEquals(T0.plusNanos(1), RunFilter.ALL.withCreatedBetween(T0, T0.plusNanos(1)).to());
        }

        @Test
        @DisplayName("with* copies change one part and keep the others")
        void withCopies() {
            RunFilter f = RunFilter.ALL.withRunTypes(Set.of(DRIFT)).withBuckets(Set.of(StatusBucket.QUEUED))
                    .withCreatedBetween(T0, T0.plusSeconds(60));
            assertEquals(new RunFilter(Set.of(DRIFT), Set.of(StatusBucket.QUEUED), T0, T0.plusSeconds(60)), f);
            assertEquals(Set.of(DRIFT), f.withBuckets(Set.of()).runTypes());
            assertEquals(T0, f.withRunTypes(Set.of()).from());
        }
    }

    @Nested
    @DisplayName("matches")
    class Matches {

        @Test
        @DisplayName("ALL matches every run")
        void allMatches() {
            for (RunStatus s : RunStatus.values()) {
                assertTrue(RunFilter.ALL.matches(run(DRIFT, s, RunCounts.ZERO, T0)));
            }
        }

        @Test
        @DisplayName("matches on run type when types are given")
        void byType() {
            RunFilter f = RunFilter.ALL.withRunTypes(Set.of(DRIFT));
            assertTrue(f.matches(run(DRIFT, RunStatus.PENDING, RunCounts.ZERO, T0)));
            assertFalse(f.matches(run(BACKUP, RunStatus.PENDING, RunCounts.ZERO, T0)));
        }

        @Test
        @DisplayName("matches on the bucket StatusBucket.of gives, not on the raw status")
        void byBucket() {
            RunFilter partial = RunFilter.ALL.withBuckets(Set.of(StatusBucket.PARTIALLY_SUCCEEDED));
            assertTrue(partial.matches(run(DRIFT, RunStatus.COMPLETED_WITH_ERRORS, new RunCounts(2, 1, 1, 0), T0)));
            assertFalse(partial.matches(run(DRIFT, RunStatus.COMPLETED_WITH_ERRORS, new RunCounts(1, 0, 1, 0), T0)));
            RunFilter failed = RunFilter.ALL.withBuckets(Set.of(StatusBucket.FAILED));
            assertTrue(failed.matches(run(DRIFT, RunStatus.COMPLETED_WITH_ERRORS, new RunCounts(1, 0, 1, 0), T0)));
            assertTrue(failed.matches(run(DRIFT, RunStatus.ABORTED, RunCounts.ZERO, T0)));
        }

        @Test
        @DisplayName("from is inclusive and to is exclusive")
        void timeRange() {
            RunFilter f = RunFilter.ALL.withCreatedBetween(T0, T0.plusSeconds(10));
            assertFalse(f.matches(run(DRIFT, RunStatus.PENDING, RunCounts.ZERO, T0.minusNanos(1000))));
            assertTrue(f.matches(run(DRIFT, RunStatus.PENDING, RunCounts.ZERO, T0)));
            assertTrue(f.matches(run(DRIFT, RunStatus.PENDING, RunCounts.ZERO, T0.plusSeconds(10).minusNanos(1000))));
            assertFalse(f.matches(run(DRIFT, RunStatus.PENDING, RunCounts.ZERO, T0.plusSeconds(10))));
        }

        @Test
        @DisplayName("endedFrom keeps runs ended at or after it and never an active run")
        void endedFrom() {
            RunFilter f = RunFilter.ALL.withEndedFrom(T0);
            assertFalse(f.matches(ended(T0.minusNanos(1000))));
            assertTrue(f.matches(ended(T0)));
            assertTrue(f.matches(ended(T0.plusSeconds(1))));
            assertFalse(f.matches(run(DRIFT, RunStatus.RUNNING, RunCounts.ZERO, T0.plusSeconds(1))), "running");
            assertFalse(f.matches(run(DRIFT, RunStatus.PENDING, RunCounts.ZERO, T0.plusSeconds(1))), "queued");
            assertTrue(RunFilter.ALL.matches(run(DRIFT, RunStatus.RUNNING, RunCounts.ZERO, T0)), "no bound: any");
        }

        private Run ended(Instant finishedAt) {
            return run(DRIFT, RunStatus.FAILED, RunCounts.ZERO, T0.minusSeconds(60)).withFinishedAt(finishedAt);
        }
    }

    @Nested
    @DisplayName("endedFrom")
    class EndedFrom {

        @Test
        @DisplayName("the older constructors and ALL leave it unset; withEndedFrom sets it and keeps the rest")
        void construction() {
            assertNull(RunFilter.ALL.endedFrom());
            assertNull(new RunFilter(Set.of(DRIFT), Set.of(), T0, null).endedFrom());
            assertNull(new RunFilter(Set.of(), Set.of(), null, null, "0190", "alice", null).endedFrom());
            RunFilter f = RunFilter.ALL.withRunTypes(Set.of(DRIFT)).withInitiator("alice").withEndedFrom(T0);
            assertEquals(T0, f.endedFrom());
            assertEquals(Set.of(DRIFT), f.runTypes());
            assertEquals("alice", f.initiator());
            assertEquals(T0, f.withBuckets(Set.of(StatusBucket.FAILED)).withCreatedBetween(T0, null)
                    .withRunIdPrefix("01").withInitiator(null).withReasonCode(null).withRunTypes(Set.of()).endedFrom(),
                    "every with* copy keeps the bound");
            assertNull(f.withEndedFrom(null).endedFrom());
        }

        @Test
        @DisplayName("is not a search field")
        void notASearch() {
            assertFalse(RunFilter.ALL.withEndedFrom(T0).searches());
        }
    }
}
