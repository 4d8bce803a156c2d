package dev.opsruns.testkit;

import static dev.opsruns.testkit.ContractFixtures.BACKUP;
import static dev.opsruns.testkit.ContractFixtures.DRIFT;
import static dev.opsruns.testkit.ContractFixtures.FORBIDDEN;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_A;
import static dev.opsruns.testkit.ContractFixtures.SECRET_MESSAGE;
import static dev.opsruns.testkit.ContractFixtures.TENANT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.ClaimOutcome;
import dev.opsruns.core.ClaimPolicy;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ProgressRecorder;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunClaimRefusedException;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StaleRunPolicy;
import dev.opsruns.testkit.ContractFixtures.RaceResult;
import dev.opsruns.testkit.ContractFixtures.Snapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of claims through the ledger ({@link RunRegistry#claim} and the fenced calls): exclusive
 * claims, leases per run type, takeovers up to the attempt limit and the failure after it, fencing of a
 * taken-over worker, the single-process path beside it, the sweeper's list and how the reaper fits.
 * Run by {@link RunLedgerContract} in its {@code Claims} group.
 *
 * <p>Time passes only through the {@link ManualClock}: leases are 30 s (drift) and 2 minutes (backup
 * sets), three attempts (drift) and two (backup sets).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class RunClaimContract {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration BACKUP_LEASE = Duration.ofMinutes(2);
    private static final ClaimPolicy POLICY = ClaimPolicy.defaults().withLease(LEASE).withMaxAttempts(3)
            .withLease(BACKUP, BACKUP_LEASE).withMaxAttempts(BACKUP, 2);
    private static final Duration MICRO = Duration.ofNanos(1_000);

    private ContractFixtures fx;

    /**
     * Creates the ledger under test, as {@link RunLedgerContract#createLedger} does.
     *
     * @param config the settings to use, exactly as given
     * @return a ledger over EMPTY state, on every call
     */
    protected abstract RunLedger createLedger(RunsConfig config);

    /** Opens an empty ledger with the suite's claim policy. */
    @BeforeEach
    protected final void openEmptyLedger() {
        fx = new ContractFixtures(this::createLedger);
        fx.open(b -> b.claimPolicy(POLICY));
    }

    private RunRegistry registry() {
        return fx.registry();
    }

    private ClaimOutcome.Claimed claimed(RunId id) {
        return assertInstanceOf(ClaimOutcome.Claimed.class, registry().claim(id), "expected run " + id + " to be claimed");
    }

    private Run startBackup() {
        return fx.start(OPERATOR_A, TENANT_A, BACKUP, fx.uniqueContext());
    }

    // =====================================================================================================

    @Nested
    @DisplayName("claim: exclusive, leased, and explained when refused")
    class Claiming {

        @Test
        void a_pending_run_is_claimed_as_attempt_1_with_its_types_lease() {
            Run run = fx.start();
            ClaimOutcome.Claimed c = claimed(run.id());
            assertEquals(1, c.claim().attempt());
            assertEquals(run.id(), c.claim().runId());
            assertEquals(LEASE, c.lease());
            assertEquals(RunStatus.RUNNING, c.run().status());
            assertEquals(fx.now(), c.run().heartbeatAt());
            assertEquals(c.run(), registry().get(run.id()));
            assertEquals(BACKUP_LEASE, claimed(startBackup().id()).lease());
        }

        @Test
        void a_second_claim_is_told_the_run_is_held_until_the_lease_expires() {
            Run run = fx.start();
            ClaimOutcome.Claimed first = claimed(run.id());
            fx.clock.advance(Duration.ofSeconds(10));
            ClaimOutcome.Held held = assertInstanceOf(ClaimOutcome.Held.class, registry().claim(run.id()));
            assertEquals(1, held.attempt());
            assertEquals(first.run().heartbeatAt().plus(LEASE), held.leaseExpiresAt());
            fx.clock.advance(LEASE.minusSeconds(10)); // exactly at expiry: still held
            assertInstanceOf(ClaimOutcome.Held.class, registry().claim(run.id()));
        }

        @Test
        void heartbeats_of_the_claim_keep_the_lease() {
            Run run = fx.start();
            RunClaim claim = claimed(run.id()).claim();
            for (int i = 0; i < 5; i++) {
                fx.clock.advance(Duration.ofSeconds(20));
                registry().heartbeat(claim);
            }
            fx.clock.advance(Duration.ofSeconds(20));
            assertInstanceOf(ClaimOutcome.Held.class, registry().claim(run.id()), "100 s later, still held");
        }

        @Test
        void an_expired_lease_is_taken_over_as_attempt_2_keeping_counts_and_first_start() {
            Run run = fx.start();
            RunClaim first = claimed(run.id()).claim();
            registry().recordProgress(first, ProgressDelta.succeeded(4));
            Run before = registry().get(run.id());
            fx.clock.advance(LEASE.plus(MICRO));
            ClaimOutcome.Claimed second = claimed(run.id());
            assertEquals(2, second.claim().attempt());
            assertFalse(first.token().equals(second.claim().token()));
            assertEquals(before.startedAt(), second.run().startedAt());
            assertEquals(4, second.run().counts().succeeded(), "a takeover resumes the run's counts");
            assertEquals(fx.now(), second.run().heartbeatAt());
        }

        @Test
        void an_ended_run_is_not_claimed() {
            Run run = fx.reach(RunStatus.COMPLETED, 1, 0);
            ClaimOutcome.Ended ended = assertInstanceOf(ClaimOutcome.Ended.class, registry().claim(run.id()));
            assertEquals(run, ended.run());
            assertEquals(run, registry().get(run.id()), "nothing changed");
        }

        @Test
        void an_unknown_run_is_not_found() {
            RunId unknown = ContractFixtures.unknownRunId();
            assertEquals(new ClaimOutcome.NotFound(unknown), registry().claim(unknown));
        }

        @Test
        void a_null_run_id_is_refused_before_any_store_work() {
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class, () -> registry().claim(null));
            assertEquals("runId", e.field());
        }

        @Test
        void many_threads_claiming_one_run_get_one_claim_and_the_rest_hear_it_is_held() {
            Run run = fx.start();
            RaceResult<ClaimOutcome> result = ContractFixtures.race(8, i -> registry().claim(run.id()));
            result.assertNoErrors();
            assertEquals(1, result.values().stream().filter(o -> o instanceof ClaimOutcome.Claimed).count());
            assertEquals(7, result.values().stream().filter(o -> o instanceof ClaimOutcome.Held).count());
        }
    }

    @Nested
    @DisplayName("attempts: after the last lease expires the run fails as run.attempts_exhausted")
    class Attempts {

        @Test
        void the_claim_after_the_last_expired_attempt_fails_the_run_once_and_notifies() {
            Run run = startBackup(); // two attempts
            claimed(run.id());
            fx.clock.advance(BACKUP_LEASE.plus(MICRO));
            RunClaim last = claimed(run.id()).claim();
            assertEquals(2, last.attempt());
            fx.clock.advance(BACKUP_LEASE.plus(MICRO));

            ClaimOutcome.Exhausted exhausted = assertInstanceOf(ClaimOutcome.Exhausted.class, registry().claim(run.id()));
            Run failed = exhausted.run();
            assertEquals(RunStatus.FAILED, failed.status());
            assertEquals(ReasonCode.RUN_ATTEMPTS_EXHAUSTED, failed.failure().reasonCode());
            assertTrue(failed.failure().message().contains("Attempt 2 of 2"), failed.failure().message());
            assertEquals(failed, registry().get(run.id()));
            assertInstanceOf(ClaimOutcome.Ended.class, registry().claim(run.id()), "a later claim finds it ended");
            assertEquals(1, fx.inbox(OPERATOR_A, TENANT_A, run.id()).stream()
                    .filter(n -> n.kind() == NotificationKind.FAILED).count(), "one end, one notification");
            assertThrows(RunClaimRefusedException.class, () -> registry().finish(last));
        }

        @Test
        void each_type_counts_its_own_attempts() {
            Run run = fx.start(); // drift: three attempts
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertEquals(attempt, claimed(run.id()).claim().attempt());
                fx.clock.advance(LEASE.plus(MICRO));
            }
            assertInstanceOf(ClaimOutcome.Exhausted.class, registry().claim(run.id()));
        }
    }

    @Nested
    @DisplayName("fencing: a taken-over worker gets a clear refusal and changes nothing")
    class Fencing {

        private Run run;
        private RunClaim stale;
        private RunClaim current;

        @BeforeEach
        void takeOver() {
            run = fx.start();
            stale = claimed(run.id()).claim();
            registry().setTotal(stale, 10);
            registry().recordProgress(stale, ProgressDelta.succeeded(2));
            fx.clock.advance(LEASE.plus(MICRO));
            current = claimed(run.id()).claim();
        }

        private void assertRefused(String action, Consumer<RunClaim> call) {
            Snapshot before = fx.snapshot(run.id());
            RunClaimRefusedException e = assertThrows(RunClaimRefusedException.class, () -> call.accept(stale), action);
            assertEquals(RunClaimRefusedException.Reason.CLAIM_NOT_CURRENT, e.reason());
            assertEquals(1, e.callerAttempt());
            assertEquals(2, e.currentAttempt());
            assertEquals(run.id(), e.runId());
            assertEquals(action, e.action());
            assertTrue(e.getMessage().contains("attempt 2"), e.getMessage());
            fx.assertUnchanged(before, action + " with a taken-over claim");
        }

        @Test
        void every_fenced_call_of_the_old_claim_is_refused() {
            assertRefused("heartbeat", c -> registry().heartbeat(c));
            assertRefused("setTotal", c -> registry().setTotal(c, 99));
            assertRefused("recordProgress", c -> registry().recordProgress(c, ProgressDelta.succeeded(1)));
            assertRefused("recordItemFailure", c -> registry().recordItemFailure(c, "p1", FORBIDDEN, SECRET_MESSAGE));
            assertRefused("finish", c -> registry().finish(c));
            assertRefused("fail", c -> registry().fail(c, FORBIDDEN, "late"));
        }

        @Test
        void the_current_claim_works_on_and_ends_the_run() {
            registry().recordItemFailure(current, "p1", FORBIDDEN, SECRET_MESSAGE);
            registry().recordProgress(current, ProgressDelta.succeeded(7));
            Run ended = registry().finish(current);
            assertEquals(RunStatus.COMPLETED_WITH_ERRORS, ended.status());
            assertEquals(9, ended.counts().succeeded());
            assertEquals(1, ended.counts().failed());
            assertThrows(RunClaimRefusedException.class, () -> registry().heartbeat(current), "no job runs after the end");
        }

        @Test
        void a_claim_with_the_token_of_another_run_or_an_invented_token_is_refused() {
            Run other = fx.start();
            RunClaim otherClaim = claimed(other.id()).claim();
            RunClaim borrowed = new RunClaim(run.id(), otherClaim.token(), 2);
            RunClaim forged = new RunClaim(run.id(), UUID.randomUUID(), 2);
            for (RunClaim bad : List.of(borrowed, forged)) {
                Snapshot before = fx.snapshot(run.id());
                assertThrows(RunClaimRefusedException.class, () -> registry().recordProgress(bad, ProgressDelta.succeeded(1)));
                assertThrows(RunClaimRefusedException.class, () -> registry().finish(bad));
                fx.assertUnchanged(before, "a claim with a wrong token");
            }
        }

        @Test
        void a_claim_on_an_unknown_run_is_not_found() {
            RunClaim unknown = new RunClaim(ContractFixtures.unknownRunId(), UUID.randomUUID(), 1);
            assertThrows(RunNotFoundException.class, () -> registry().heartbeat(unknown));
        }

        @Test
        void a_recorder_built_on_the_old_claim_cannot_flush() {
            ProgressRecorder recorder = ProgressRecorder.builder(registry(), stale).flushInterval(Duration.ofMinutes(10)).build();
            recorder.succeeded(3);
            Snapshot before = fx.snapshot(run.id());
            assertThrows(RunClaimRefusedException.class, recorder::close);
            fx.assertUnchanged(before, "the old claim's recorder");
        }

        @Test
        void a_null_claim_is_refused_as_input() {
            assertEquals("claim", assertThrows(InvalidRunInputException.class, () -> registry().heartbeat((RunClaim) null)).field());
            assertEquals("claim", assertThrows(InvalidRunInputException.class, () -> registry().finish((RunClaim) null)).field());
        }
    }

    @Nested
    @DisplayName("the single-process path: calls without a claim work on unclaimed runs only")
    class WithoutClaims {

        @Test
        void calls_without_the_claim_are_refused_on_a_claimed_run() {
            Run run = fx.start();
            claimed(run.id());
            Snapshot before = fx.snapshot(run.id());
            List<Consumer<RunId>> calls = List.of(id -> registry().markRunning(id), id -> registry().heartbeat(id),
                    id -> registry().setTotal(id, 3), id -> registry().recordProgress(id, ProgressDelta.succeeded(1)),
                    id -> registry().recordItemFailure(id, "p1", FORBIDDEN, "x"), id -> registry().finish(id),
                    id -> registry().fail(id, FORBIDDEN, "x"));
            for (Consumer<RunId> call : calls) {
                RunClaimRefusedException e = assertThrows(RunClaimRefusedException.class, () -> call.accept(run.id()));
                assertEquals(RunClaimRefusedException.Reason.CLAIM_REQUIRED, e.reason());
                assertEquals(1, e.currentAttempt());
            }
            fx.assertUnchanged(before, "calls without the claim");
        }

        @Test
        void an_abort_stops_a_claimed_run_and_its_worker_then_hears_so() {
            Run run = fx.start();
            RunClaim claim = claimed(run.id()).claim();
            Run aborted = registry().abort(run.id(), ContractFixtures.CANCELLED, "stopped by an operator");
            assertEquals(RunStatus.ABORTED, aborted.status());
            RunClaimRefusedException e = assertThrows(RunClaimRefusedException.class,
                    () -> registry().recordProgress(claim, ProgressDelta.succeeded(1)));
            assertEquals(RunStatus.ABORTED, e.actualStatus());
        }

        @Test
        void mark_running_still_resumes_an_unclaimed_run() {
            Run run = fx.start();
            registry().markRunning(run.id());
            fx.clock.advance(Duration.ofSeconds(5));
            Run again = registry().markRunning(run.id());
            assertEquals(fx.now(), again.heartbeatAt());
            assertInstanceOf(ClaimOutcome.Held.class, registry().claim(run.id()), "its heartbeat is a live lease");
            fx.clock.advance(LEASE.plus(MICRO));
            assertEquals(1, claimed(run.id()).claim().attempt(), "a silent unclaimed worker is taken over");
        }
    }

    @Nested
    @DisplayName("the sweeper and the reaper: runs to hand out again, and the backstop")
    class SweeperAndReaper {

        @Test
        void runs_to_dispatch_lists_expired_leases_first_then_pending_runs_and_nothing_live_or_ended() {
            Run pending = fx.start();
            Run live = fx.start();
            Run expired = fx.start();
            Run ended = fx.reach(RunStatus.FAILED, 0, 0);
            claimed(expired.id());
            fx.clock.advance(Duration.ofSeconds(20));
            claimed(live.id());
            fx.clock.advance(Duration.ofSeconds(11)); // expired's lease: 31 s old; live's: 11 s
            Run newer = fx.start();

            assertEquals(List.of(expired.id(), pending.id(), newer.id()), fx.maintenance().runsToDispatch(100));
            assertEquals(List.of(expired.id()), fx.maintenance().runsToDispatch(1));
            assertFalse(fx.maintenance().runsToDispatch(100).contains(ended.id()));
        }

        @Test
        void runs_to_dispatch_refuses_a_limit_out_of_range() {
            assertEquals("limit", assertThrows(InvalidRunInputException.class, () -> fx.maintenance().runsToDispatch(0)).field());
            assertEquals("limit", assertThrows(InvalidRunInputException.class,
                    () -> fx.maintenance().runsToDispatch(10_001)).field());
        }

        @Test
        void the_reaper_ends_a_claimed_run_nobody_took_over_as_stale_and_leaves_a_live_one() {
            Run abandoned = fx.start();
            Run alive = fx.start();
            RunClaim dead = claimed(abandoned.id()).claim();
            RunClaim keeper = claimed(alive.id()).claim();
            StaleRunPolicy policy = new StaleRunPolicy(Duration.ofMinutes(10), Map.of(), Duration.ofMinutes(30), 500);
            for (int i = 0; i < 31; i++) {
                fx.clock.advance(Duration.ofSeconds(20));
                registry().heartbeat(keeper);
            }
            assertEquals(List.of(abandoned.id()), fx.maintenance().reapStaleRuns(policy).stale());
            assertEquals(ReasonCode.RUN_STALE, registry().get(abandoned.id()).failure().reasonCode());
            assertEquals(RunStatus.RUNNING, registry().get(alive.id()).status());
            assertThrows(RunClaimRefusedException.class, () -> registry().finish(dead), "the dead worker's late end");
        }
    }
}
