package dev.opsruns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.IdempotencyKey;
import dev.opsruns.core.Initiator;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.ClaimTerms;
import dev.opsruns.core.spi.HeartbeatCutoffs;
import dev.opsruns.core.spi.InsertOutcome;
import dev.opsruns.core.spi.RunEnd;
import dev.opsruns.core.spi.RunStore;
import dev.opsruns.core.spi.StaleCandidate;
import dev.opsruns.core.spi.StoredClaim;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The claim primitives of {@link RunStore}, tested directly (no engine): the claim's compare-and-set
 * (pending, or running with an expired lease, below the attempt limit, per run type), the claim as
 * stored, fenced worker writes (only the current token), writes without a claim (only on runs never
 * claimed), and races of many threads on one run.
 *
 * <pre>{@code
 * class MyStoreClaimTest extends RunClaimStoreContract {
 *     @Override
 *     protected RunStore createStore() { return MyStore.empty(); }
 * }
 * }</pre>
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class RunClaimStoreContract {

    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00.000001Z");
    private static final TenantId TENANT = TenantId.of("tenant-a");
    private static final RunType SHORT = RunType.of("drift.generate");
    private static final RunType LONG = RunType.of("backup_set.add_policies");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration LONG_LEASE = Duration.ofMinutes(5);
    private static final int CAP = 100;

    private final AtomicInteger keys = new AtomicInteger();
    private RunStore store;

    /**
     * @return a store over EMPTY state, on every call
     */
    protected abstract RunStore createStore();

    /** Opens an empty store. */
    @BeforeEach
    protected final void openEmptyStore() {
        store = createStore();
        assertNotNull(store, "createStore returned null");
    }

    private Run insert(RunType type) {
        int n = keys.incrementAndGet();
        Run run = Run.pending(RunId.generate(Clock.systemUTC()), TENANT, type,
                new IdempotencyKey(String.format("%064x", n)), new Initiator.System("tests"),
                RunContext.builder().put("n", n).build(), T0);
        assertEquals(InsertOutcome.INSERTED, store.insertUnlessActive(run, null));
        return run;
    }

    /** Terms at {@code now}: 30 s leases and 3 attempts, except {@link #LONG} (5 minutes, 1 attempt). */
    private static ClaimTerms terms(Instant now) {
        return new ClaimTerms(new HeartbeatCutoffs(now.minus(LEASE), Map.of(LONG, now.minus(LONG_LEASE))), 3,
                Map.of(LONG, 1));
    }

    private StoredClaim claimAt(Run run, Instant at) {
        return store.claim(run.id(), UUID.randomUUID(), at, terms(at)).orElseThrow(() -> new AssertionError(
                "expected run " + run.id() + " to be claimable at " + at));
    }

    private Run stored(Run run) {
        return store.findRun(run.id()).orElseThrow();
    }

    private static ItemFailure failureAt(Instant at) {
        return new ItemFailure("item-1", ReasonCode.of("graph.forbidden"), "forbidden", at);
    }

    // =====================================================================================================

    @Nested
    @DisplayName("claim: one compare-and-set takes a pending run, or a running one whose lease expired")
    class Claim {

        @Test
        void a_pending_run_becomes_running_as_attempt_1_with_the_token() {
            Run run = insert(SHORT);
            UUID token = UUID.randomUUID();
            StoredClaim c = store.claim(run.id(), token, T0.plusSeconds(1), terms(T0.plusSeconds(1))).orElseThrow();

            assertEquals(token, c.token());
            assertEquals(1, c.attempt());
            assertEquals(RunStatus.RUNNING, c.run().status());
            assertEquals(T0.plusSeconds(1), c.run().startedAt());
            assertEquals(T0.plusSeconds(1), c.run().heartbeatAt());
            StoredClaim found = store.findClaim(run.id()).orElseThrow();
            assertEquals(token, found.token());
            assertEquals(1, found.attempt());
            assertEquals(c.run(), found.run(), "the claim returns the run as stored");
        }

        @Test
        void a_run_never_claimed_has_no_token_and_attempt_0() {
            Run run = insert(SHORT);
            StoredClaim found = store.findClaim(run.id()).orElseThrow();
            assertNull(found.token());
            assertEquals(0, found.attempt());
            assertTrue(store.findClaim(ContractFixtures.unknownRunId()).isEmpty());
        }

        @Test
        void a_live_lease_is_not_taken_and_nothing_changes() {
            Run run = insert(SHORT);
            StoredClaim first = claimAt(run, T0);
            Instant stillLive = T0.plus(LEASE); // heartbeat == cutoff: not before it
            assertTrue(store.claim(run.id(), UUID.randomUUID(), stillLive, terms(stillLive)).isEmpty());
            assertEquals(first.token(), store.findClaim(run.id()).orElseThrow().token());
            assertEquals(first.run(), stored(run));
        }

        @Test
        void an_expired_lease_is_taken_over_as_the_next_attempt_keeping_the_first_start() {
            Run run = insert(SHORT);
            StoredClaim first = claimAt(run, T0);
            Instant later = T0.plus(LEASE).plusNanos(1_000);
            StoredClaim second = claimAt(run, later);

            assertEquals(2, second.attempt());
            assertFalse(first.token().equals(second.token()));
            assertEquals(T0, second.run().startedAt(), "the first start time stays");
            assertEquals(later, second.run().heartbeatAt());
        }

        @Test
        void a_heartbeat_with_the_token_keeps_the_lease() {
            Run run = insert(SHORT);
            StoredClaim c = claimAt(run, T0);
            assertTrue(store.heartbeat(run.id(), c.token(), T0.plusSeconds(20)));
            Instant t = T0.plus(LEASE).plusSeconds(1);
            assertTrue(store.claim(run.id(), UUID.randomUUID(), t, terms(t)).isEmpty(), "renewed at +20 s, live at +31 s");
        }

        @Test
        void the_attempt_limit_stops_takeovers() {
            Run run = insert(SHORT);
            Instant t = T0;
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertEquals(attempt, claimAt(run, t).attempt());
                t = t.plus(LEASE).plusSeconds(1);
            }
            assertTrue(store.claim(run.id(), UUID.randomUUID(), t, terms(t)).isEmpty(), "3 attempts is the limit");
            assertEquals(3, store.findClaim(run.id()).orElseThrow().attempt());
        }

        @Test
        void each_run_type_has_its_own_lease_and_limit() {
            Run longRun = insert(LONG);
            Run shortRun = insert(SHORT);
            claimAt(longRun, T0);
            claimAt(shortRun, T0);
            Instant t = T0.plus(LEASE).plusSeconds(1);
            assertTrue(store.claim(longRun.id(), UUID.randomUUID(), t, terms(t)).isEmpty(), "a 5-minute lease is alive");
            assertTrue(store.claim(shortRun.id(), UUID.randomUUID(), t, terms(t)).isPresent(), "a 30 s lease is not");
            Instant muchLater = T0.plus(LONG_LEASE).plusSeconds(1);
            assertTrue(store.claim(longRun.id(), UUID.randomUUID(), muchLater, terms(muchLater)).isEmpty(),
                    "its one attempt is used");
        }

        @Test
        void an_ended_or_missing_run_is_not_claimed() {
            Run run = insert(SHORT);
            store.end(RunEnd.abort(run.id(), new RunFailure(ReasonCode.of("user.cancelled"), "stop"), T0), r -> Optional.empty())
                    .orElseThrow();
            Instant t = T0.plusSeconds(1);
            assertTrue(store.claim(run.id(), UUID.randomUUID(), t, terms(t)).isEmpty());
            assertEquals(RunStatus.ABORTED, stored(run).status());
            assertTrue(store.claim(ContractFixtures.unknownRunId(), UUID.randomUUID(), t, terms(t)).isEmpty());
        }

        @Test
        void a_run_marked_running_without_a_claim_is_taken_over_once_its_heartbeat_is_older_than_the_lease() {
            Run run = insert(SHORT);
            store.markRunning(run.id(), T0).orElseThrow();
            Instant live = T0.plusSeconds(5);
            assertTrue(store.claim(run.id(), UUID.randomUUID(), live, terms(live)).isEmpty());
            Instant t = T0.plus(LEASE).plusSeconds(1);
            assertEquals(1, claimAt(run, t).attempt());
        }
    }

    @Nested
    @DisplayName("fencing: worker writes apply only with the run's current token")
    class Fencing {

        @Test
        void the_current_token_is_accepted_for_every_worker_write_and_the_end() {
            Run run = insert(SHORT);
            StoredClaim c = claimAt(run, T0);
            Instant t = T0.plusSeconds(2);
            assertTrue(store.heartbeat(run.id(), c.token(), t));
            assertTrue(store.setTotal(run.id(), c.token(), 10, t));
            assertTrue(store.addProgress(run.id(), c.token(), ProgressDelta.succeeded(3), t, t));
            assertTrue(store.recordItemFailure(run.id(), c.token(), failureAt(t), CAP));
            Run ended = store.end(RunEnd.finish(run.id(), t.plusSeconds(1)).withClaim(c.token()), r -> Optional.empty())
                    .orElseThrow();
            assertEquals(RunStatus.COMPLETED_WITH_ERRORS, ended.status());
            assertEquals(10, ended.counts().total());
            assertEquals(3, ended.counts().succeeded());
            assertEquals(1, ended.counts().failed());
        }

        @Test
        void a_taken_over_token_changes_nothing() {
            Run run = insert(SHORT);
            StoredClaim old = claimAt(run, T0);
            Instant t = T0.plus(LEASE).plusSeconds(1);
            claimAt(run, t);
            Run before = stored(run);
            long failuresBefore = store.detail(TENANT, run.id()).orElseThrow().itemFailures().size();

            Instant late = t.plusSeconds(1);
            assertFalse(store.heartbeat(run.id(), old.token(), late));
            assertFalse(store.setTotal(run.id(), old.token(), 99, late));
            assertFalse(store.addProgress(run.id(), old.token(), ProgressDelta.succeeded(5), late, late));
            assertFalse(store.recordItemFailure(run.id(), old.token(), failureAt(late), CAP));
            assertTrue(store.end(RunEnd.finish(run.id(), late).withClaim(old.token()), r -> Optional.empty()).isEmpty());
            assertTrue(store.end(RunEnd.fail(run.id(), new RunFailure(ReasonCode.of("job.failed"), "x"), late)
                    .withClaim(old.token()), r -> Optional.empty()).isEmpty());

            assertEquals(before, stored(run), "the late writes changed nothing");
            assertEquals(failuresBefore, store.detail(TENANT, run.id()).orElseThrow().itemFailures().size());
        }

        @Test
        void the_token_of_another_run_or_an_invented_one_changes_nothing() {
            Run run = insert(SHORT);
            Run other = insert(SHORT);
            claimAt(run, T0);
            StoredClaim otherClaim = claimAt(other, T0);
            Run before = stored(run);
            Instant t = T0.plusSeconds(1);
            for (UUID wrong : new UUID[] {otherClaim.token(), UUID.randomUUID()}) {
                assertFalse(store.heartbeat(run.id(), wrong, t));
                assertFalse(store.addProgress(run.id(), wrong, ProgressDelta.succeeded(1), t, t));
                assertTrue(store.end(RunEnd.finish(run.id(), t).withClaim(wrong), r -> Optional.empty()).isEmpty());
            }
            assertEquals(before, stored(run));
        }

        @Test
        void writes_without_a_token_change_nothing_on_a_claimed_run_but_an_abort_ends_it() {
            Run run = insert(SHORT);
            StoredClaim c = claimAt(run, T0);
            Run before = stored(run);
            Instant t = T0.plusSeconds(1);
            assertTrue(store.markRunning(run.id(), t).isEmpty());
            assertFalse(store.heartbeat(run.id(), t));
            assertFalse(store.setTotal(run.id(), 5, t));
            assertFalse(store.addProgress(run.id(), ProgressDelta.succeeded(1), t, t));
            assertFalse(store.recordItemFailure(run.id(), failureAt(t), CAP));
            assertTrue(store.end(RunEnd.finish(run.id(), t), r -> Optional.empty()).isEmpty());
            assertTrue(store.end(RunEnd.fail(run.id(), new RunFailure(ReasonCode.of("job.failed"), "x"), t),
                    r -> Optional.empty()).isEmpty());
            assertEquals(before, stored(run));

            Run aborted = store.end(RunEnd.abort(run.id(), new RunFailure(ReasonCode.of("user.cancelled"), "stop"), t),
                    r -> Optional.empty()).orElseThrow();
            assertEquals(RunStatus.ABORTED, aborted.status());
            assertFalse(store.heartbeat(run.id(), c.token(), t), "the claim's writes stop with the run");
        }

        @Test
        void a_token_is_not_accepted_on_a_run_never_claimed() {
            Run run = insert(SHORT);
            store.markRunning(run.id(), T0).orElseThrow();
            assertFalse(store.heartbeat(run.id(), UUID.randomUUID(), T0.plusSeconds(1)));
            assertTrue(store.heartbeat(run.id(), T0.plusSeconds(1)), "without a claim it takes calls without a token");
        }

        @Test
        void the_reapers_end_applies_to_a_claimed_run_by_its_heartbeat() {
            Run run = insert(SHORT);
            StoredClaim c = claimAt(run, T0);
            RunFailure stale = new RunFailure(ReasonCode.RUN_STALE, "stale");
            Run reaped = store.end(RunEnd.reapStale(new StaleCandidate(run.id(), SHORT,
                    c.run().heartbeatAt()), stale, T0.plusSeconds(600)), r -> Optional.empty()).orElseThrow();
            assertEquals(RunStatus.FAILED, reaped.status());
        }
    }

    @Nested
    @DisplayName("races: of many concurrent claims on one run, exactly one succeeds")
    class Races {

        private static final int THREADS = 8;

        @Test
        void many_threads_claiming_one_pending_run() {
            Run run = insert(SHORT);
            Instant t = T0.plusSeconds(1);
            ContractFixtures.RaceResult<Optional<StoredClaim>> result = ContractFixtures.race(THREADS,
                    i -> store.claim(run.id(), UUID.randomUUID(), t, terms(t)));
            result.assertNoErrors();
            assertEquals(1, result.values().stream().filter(Optional::isPresent).count());
            StoredClaim winner = result.values().stream().flatMap(Optional::stream).findFirst().orElseThrow();
            assertEquals(winner.token(), store.findClaim(run.id()).orElseThrow().token());
            assertEquals(1, store.findClaim(run.id()).orElseThrow().attempt());
        }

        @Test
        void many_threads_taking_over_one_expired_run() {
            Run run = insert(SHORT);
            claimAt(run, T0);
            Instant t = T0.plus(LEASE).plusSeconds(1);
            ContractFixtures.RaceResult<Optional<StoredClaim>> result = ContractFixtures.race(THREADS,
                    i -> store.claim(run.id(), UUID.randomUUID(), t, terms(t)));
            result.assertNoErrors();
            assertEquals(1, result.values().stream().filter(Optional::isPresent).count());
            assertEquals(2, store.findClaim(run.id()).orElseThrow().attempt());
        }

        @Test
        void a_late_worker_racing_the_new_claim_never_writes_after_it() {
            Run run = insert(SHORT);
            StoredClaim old = claimAt(run, T0);
            Instant t = T0.plus(LEASE).plusSeconds(1);
            ContractFixtures.RaceResult<Boolean> result = ContractFixtures.race(THREADS, i -> i == 0
                    ? store.claim(run.id(), UUID.randomUUID(), t, terms(t)).isPresent()
                    : store.addProgress(run.id(), old.token(), ProgressDelta.succeeded(1), t, T0)); // no heartbeat refresh
            result.assertNoErrors();
            assertTrue(result.values().get(0), "the takeover succeeds");
            long lateWrites = result.values().subList(1, THREADS).stream().filter(b -> b).count();
            assertEquals(lateWrites, stored(run).counts().succeeded(),
                    "every late write that was accepted is counted, and was applied before the takeover");
            assertFalse(store.addProgress(run.id(), old.token(), ProgressDelta.succeeded(1), t, t));
        }
    }
}
