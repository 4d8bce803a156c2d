package dev.opsruns.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How {@link ProgressRecorder} coalesces and when it flushes. The registry here only records the
 * calls it receives; the contract suite proves the counts against every real store.
 */
class ProgressRecorderTest {

    private static final RunId RUN = RunId.generate(Clock.systemUTC());

    /** Records the calls a recorder makes; fails them on demand. */
    private static final class CallLog implements RunRegistry {
        final List<ProgressDelta> deltas = new ArrayList<>();
        int heartbeats;
        RuntimeException failNext;

        @Override
        public synchronized void recordProgress(RunId runId, ProgressDelta delta) {
            if (failNext != null) {
                RuntimeException e = failNext;
                failNext = null;
                throw e;
            }
            deltas.add(delta);
        }

        @Override
        public synchronized void heartbeat(RunId runId) {
            heartbeats++;
            notifyAll();
        }

        synchronized ProgressDelta total() {
            return deltas.stream().reduce(ProgressDelta.NONE, ProgressDelta::plus);
        }

        @Override
        public StartOutcome startOrReuse(StartRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Run markRunning(RunId runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setTotal(RunId runId, long total) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordItemFailure(RunId runId, String itemKey, ReasonCode reasonCode, String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Run finish(RunId runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Run fail(RunId runId, ReasonCode reasonCode, String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Run abort(RunId runId, ReasonCode reasonCode, String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Run get(RunId runId) {
            throw new UnsupportedOperationException();
        }

        final List<RunClaim> claimsSeen = new ArrayList<>();

        @Override
        public ClaimOutcome claim(RunId runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized void heartbeat(RunClaim claim) {
            claimsSeen.add(claim);
            heartbeat(claim.runId());
        }

        @Override
        public void setTotal(RunClaim claim, long total) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized void recordProgress(RunClaim claim, ProgressDelta delta) {
            claimsSeen.add(claim);
            recordProgress(claim.runId(), delta);
        }

        @Override
        public void recordItemFailure(RunClaim claim, String itemKey, ReasonCode reasonCode, String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Run finish(RunClaim claim) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Run fail(RunClaim claim, ReasonCode reasonCode, String message) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void a_recorder_built_on_a_claim_flushes_with_that_claim() {
        CallLog log = new CallLog();
        RunClaim claim = new RunClaim(RUN, java.util.UUID.randomUUID(), 2);
        ProgressRecorder recorder = ProgressRecorder.builder(log, claim).flushInterval(Duration.ofMinutes(10)).build();
        recorder.succeeded(4);
        recorder.close();
        assertEquals(List.of(new ProgressDelta(4, 0, 0)), log.deltas);
        assertEquals(List.of(claim), log.claimsSeen, "the flush carried the claim, not only the run id");
    }

    @Test
    void a_long_interval_coalesces_every_item_into_the_one_flush_on_close() {
        CallLog log = new CallLog();
        ProgressRecorder recorder = ProgressRecorder.builder(log, RUN).flushInterval(Duration.ofMinutes(10)).build();
        for (int i = 0; i < 100_000; i++) {
            recorder.succeeded(1);
        }
        recorder.skipped(3);
        assertTrue(log.deltas.isEmpty(), "nothing written before the interval elapses");
        recorder.close();
        assertEquals(List.of(new ProgressDelta(100_000, 0, 3)), log.deltas, "one increment for 100,003 items");
    }

    @Test
    void flush_writes_what_accumulated_and_an_empty_flush_writes_nothing() {
        CallLog log = new CallLog();
        ProgressRecorder recorder = ProgressRecorder.builder(log, RUN).flushInterval(Duration.ofMinutes(10)).build();
        recorder.succeeded(5);
        recorder.flush();
        recorder.flush();
        assertEquals(List.of(ProgressDelta.succeeded(5)), log.deltas);
        assertEquals(ProgressDelta.NONE, recorder.pending());
    }

    @Test
    void deltas_survive_a_flush_that_found_the_store_unavailable() {
        CallLog log = new CallLog();
        ProgressRecorder recorder = ProgressRecorder.builder(log, RUN).flushInterval(Duration.ofMinutes(10)).build();
        recorder.succeeded(7);
        log.failNext = new RunStoreUnavailableException("database down", null);
        assertThrows(RunStoreUnavailableException.class, recorder::flush);
        assertEquals(ProgressDelta.succeeded(7), recorder.pending(), "kept for the next flush");
        recorder.succeeded(1);
        recorder.close();
        assertEquals(List.of(ProgressDelta.succeeded(8)), log.deltas);
    }

    @Test
    void a_refused_flush_drops_the_deltas_because_the_run_has_ended() {
        CallLog log = new CallLog();
        ProgressRecorder recorder = ProgressRecorder.builder(log, RUN).flushInterval(Duration.ofMinutes(10)).build();
        recorder.succeeded(4);
        log.failNext = new IllegalRunTransitionException(RUN, "recordProgress", RunStatus.FAILED,
                java.util.EnumSet.of(RunStatus.RUNNING));
        assertThrows(IllegalRunTransitionException.class, recorder::flush);
        assertEquals(ProgressDelta.NONE, recorder.pending());
    }

    @Test
    void a_scheduler_flushes_and_sends_heartbeats_while_no_item_finishes() throws Exception {
        CallLog log = new CallLog();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (ProgressRecorder recorder = ProgressRecorder.builder(log, RUN)
                .flushInterval(Duration.ofMillis(1)).scheduler(scheduler).build()) {
            synchronized (log) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (log.heartbeats < 3 && System.nanoTime() < deadline) {
                    log.wait(1_000); // waits for the scheduler's heartbeats, not for time to pass
                }
            }
            assertTrue(log.heartbeats >= 3, "idle intervals send heartbeats");
            recorder.succeeded(2);
        } finally {
            scheduler.shutdownNow();
        }
        assertEquals(ProgressDelta.succeeded(2), log.total());
    }

    @Test
    void recording_after_close_is_refused_and_negative_counts_are_bad_input() {
        CallLog log = new CallLog();
        ProgressRecorder recorder = ProgressRecorder.builder(log, RUN).build();
        assertThrows(InvalidRunInputException.class, () -> recorder.succeeded(-1));
        recorder.close();
        assertThrows(IllegalStateException.class, () -> recorder.succeeded(1));
        assertThrows(InvalidRunInputException.class,
                () -> ProgressRecorder.builder(log, RUN).flushInterval(Duration.ZERO).build());
        assertThrows(InvalidRunInputException.class, () -> ProgressRecorder.builder(null, RUN));
    }
}
