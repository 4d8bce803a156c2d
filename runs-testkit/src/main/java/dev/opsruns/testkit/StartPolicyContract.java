package dev.opsruns.testkit;

import static dev.opsruns.testkit.ContractFixtures.BACKUP;
import static dev.opsruns.testkit.ContractFixtures.DRIFT;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_A;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_B;
import static dev.opsruns.testkit.ContractFixtures.SYSTEM;
import static dev.opsruns.testkit.ContractFixtures.TENANT_A;
import static dev.opsruns.testkit.ContractFixtures.TENANT_B;
import static dev.opsruns.testkit.ContractFixtures.context;
import static dev.opsruns.testkit.ContractFixtures.race;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.ConflictPolicy;
import dev.opsruns.core.IdempotencyKeyMismatchException;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.ReusePolicy;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunListener;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStartRefusedException;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartPolicy;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.testkit.ContractFixtures.RaceResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of start policies (issue 19): reuse policies for ended runs, the REPLACE conflict
 * policy, caller-supplied keys with mismatch detection, and batch starts, each also under 16 racing
 * threads. Run by {@link RunLedgerContract} in its {@code StartPolicies} group, so every store runs it.
 *
 * <p>Time passes only through the {@link ManualClock}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class StartPolicyContract {

    private static final int THREADS = 16;
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Duration MICRO = Duration.ofNanos(1_000);

    private ContractFixtures fx;
    private final List<Run> endedEvents = Collections.synchronizedList(new ArrayList<>());

    /**
     * Creates the ledger under test, as {@link RunLedgerContract#createLedger} does.
     *
     * @param config the settings to use, exactly as given
     * @return a ledger over EMPTY state, on every call
     */
    protected abstract RunLedger createLedger(RunsConfig config);

    /** Prepares the fixture; each test opens its ledger with the policy it is about. */
    @BeforeEach
    protected final void prepare() {
        fx = new ContractFixtures(this::createLedger);
        open(StartPolicy.defaults());
    }

    private void open(StartPolicy policy) {
        endedEvents.clear();
        fx.open(b -> b.startPolicy(policy).listener(new RunListener() {
            @Override
            public void ended(Run run, StatusBucket bucket, Duration duration) {
                endedEvents.add(run);
            }
        }));
    }

    private void open(ReusePolicy driftReuse) {
        open(StartPolicy.defaults().withReuse(DRIFT, driftReuse));
    }

    private RunRegistry registry() {
        return fx.registry();
    }

    private static StartRequest request(RunContext ctx) {
        return StartRequest.byUser(OPERATOR_A, TENANT_A, DRIFT, ctx);
    }

    private StartOutcome start(RunContext ctx) {
        return registry().startOrReuse(request(ctx));
    }

    private Run started(RunContext ctx) {
        return ContractFixtures.started(start(ctx));
    }

    private Run reused(StartOutcome outcome, Run expected) {
        Run run = assertInstanceOf(StartOutcome.Reused.class, outcome, "expected run " + expected.id() + " reused").run();
        assertEquals(expected.id(), run.id());
        return run;
    }

    /** Starts a drift run and ends it in {@code status}; the clock then moves on a second. */
    private Run ended(RunContext ctx, RunStatus status, long succeeded, long failed) {
        Run run = fx.reach(started(ctx), status, succeeded, failed);
        fx.clock.advance(Duration.ofSeconds(1));
        return run;
    }

    private List<Run> allRuns() {
        return fx.listAll(ContractFixtures.OWNER_A, TENANT_A, RunFilter.ALL);
    }

    private long activeRuns() {
        return allRuns().stream().filter(Run::isActive).count();
    }

    /** Races THREADS starts of {@code ctx} against thread 0 ending {@code run} as {@code end}. */
    private RaceResult<Object> raceStartsWithEnd(RunContext ctx, Run run, RunStatus end) {
        return race(THREADS + 1, t -> {
            if (t == 0) {
                return switch (end) {
                    case COMPLETED -> registry().finish(run.id());
                    case FAILED -> registry().fail(run.id(), ContractFixtures.FORBIDDEN, "racing failure");
                    default -> throw new IllegalArgumentException(end.toString());
                };
            }
            try {
                return start(ctx);
            } catch (RunStartRefusedException e) {
                return e;
            }
        });
    }

    private static List<StartOutcome> outcomes(RaceResult<Object> result) {
        return result.values().stream().filter(StartOutcome.class::isInstance).map(StartOutcome.class::cast).toList();
    }

    // =====================================================================================================

    @Nested
    @DisplayName("ACTIVE_ONLY, the default: an ended run never answers a start")
    class ActiveOnly {

        @Test
        void a_succeeded_run_is_not_reused() {
            RunContext ctx = fx.uniqueContext();
            Run first = ended(ctx, RunStatus.COMPLETED, 3, 0);
            assertNotEquals(first.id(), started(ctx).id());
        }
    }

    @Nested
    @DisplayName("REUSE_SUCCEEDED_WITHIN: a run that succeeded within the window is the answer")
    class ReuseSucceededWithin {

        @BeforeEach
        void policy() {
            open(ReusePolicy.reuseSucceededWithin(WINDOW));
        }

        @Test
        void a_run_that_succeeded_within_the_window_is_reused_with_a_reused_notice() {
            RunContext ctx = fx.uniqueContext();
            Run first = ended(ctx, RunStatus.COMPLETED, 3, 0);
            Run again = reused(start(ctx), first);
            assertEquals(RunStatus.COMPLETED, again.status());
            assertEquals(1, fx.runCount(TENANT_A));
            assertTrue(fx.inbox(OPERATOR_A, TENANT_A, first.id()).stream()
                    .anyMatch(n -> n.kind() == NotificationKind.REUSED), "the requester is told it follows that run");
        }

        @Test
        void the_window_is_measured_from_the_end_and_includes_its_last_instant() {
            RunContext ctx = fx.uniqueContext();
            Run first = fx.reach(started(ctx), RunStatus.COMPLETED, 1, 0);
            fx.clock.set(first.finishedAt().plus(WINDOW));
            reused(start(ctx), first);
            fx.clock.advance(MICRO);
            assertNotEquals(first.id(), started(ctx).id());
        }

        @Test
        void failed_and_partially_succeeded_runs_are_started_again() {
            RunContext failedCtx = fx.uniqueContext();
            Run failed = ended(failedCtx, RunStatus.FAILED, 0, 0);
            assertNotEquals(failed.id(), started(failedCtx).id());
            RunContext partialCtx = fx.uniqueContext();
            Run partial = ended(partialCtx, RunStatus.COMPLETED_WITH_ERRORS, 2, 1);
            assertNotEquals(partial.id(), started(partialCtx).id());
        }

        @Test
        void after_the_window_a_new_run_starts_and_its_success_is_the_next_answer() {
            RunContext ctx = fx.uniqueContext();
            Run old = ended(ctx, RunStatus.COMPLETED, 1, 0);
            fx.clock.advance(WINDOW);
            Run next = ended(ctx, RunStatus.COMPLETED, 2, 0);
            assertNotEquals(old.id(), next.id());
            reused(start(ctx), next);
        }

        @Test
        void sixteen_racing_starts_after_a_success_all_reuse_it() {
            RunContext ctx = fx.uniqueContext();
            Run first = ended(ctx, RunStatus.COMPLETED, 1, 0);
            RaceResult<StartOutcome> result = race(THREADS, t -> start(ctx));
            result.assertNoErrors();
            result.values().forEach(o -> reused(o, first));
            assertEquals(1, fx.runCount(TENANT_A));
        }

        @Test
        void starts_racing_with_the_success_itself_never_slip_a_second_run_in() {
            RunContext ctx = fx.uniqueContext();
            Run run = registry().markRunning(started(ctx).id());
            RaceResult<Object> result = raceStartsWithEnd(ctx, run, RunStatus.COMPLETED);
            result.assertNoErrors();
            outcomes(result).forEach(o -> reused(o, run));
            assertEquals(THREADS, outcomes(result).size());
            assertEquals(1, fx.runCount(TENANT_A), "every start saw the run active or succeeded");
        }
    }

    @Nested
    @DisplayName("REFUSE_WITHIN: no new start while a run of the key ended within the window")
    class RefuseWithin {

        @BeforeEach
        void policy() {
            open(ReusePolicy.refuseWithin(WINDOW));
        }

        @Test
        void a_start_after_any_end_is_refused_naming_the_run_and_the_end_of_the_window() {
            for (RunStatus status : List.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.ABORTED)) {
                RunContext ctx = fx.uniqueContext();
                Run first = fx.reach(started(ctx), status, 0, 0);
                long runs = fx.runCount(TENANT_A);
                RunStartRefusedException e = assertThrows(RunStartRefusedException.class, () -> start(ctx));
                assertEquals(first.id(), e.priorRunId());
                assertEquals(first.finishedAt().plus(WINDOW), e.windowEndsAt());
                assertTrue(e.getMessage().contains(first.id().toString()), e.getMessage());
                assertEquals(runs, fx.runCount(TENANT_A), "a refused start writes nothing");
            }
        }

        @Test
        void an_active_run_is_still_reused_and_a_start_after_the_window_is_accepted() {
            RunContext ctx = fx.uniqueContext();
            Run first = started(ctx);
            reused(start(ctx), first);
            Run done = fx.reach(first, RunStatus.COMPLETED, 1, 0);
            fx.clock.set(done.finishedAt().plus(WINDOW));
            assertThrows(RunStartRefusedException.class, () -> start(ctx), "the window's last instant still refuses");
            fx.clock.advance(MICRO);
            assertNotEquals(first.id(), started(ctx).id());
        }

        @Test
        void other_keys_and_tenants_are_not_refused() {
            RunContext ctx = fx.uniqueContext();
            ended(ctx, RunStatus.COMPLETED, 1, 0);
            started(fx.uniqueContext());
            ContractFixtures.started(registry().startOrReuse(StartRequest.byUser(OPERATOR_B, TENANT_B, DRIFT, ctx)));
            ContractFixtures.started(registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, BACKUP, ctx)));
        }

        @Test
        void sixteen_starts_racing_with_the_end_are_reused_or_refused_never_started() {
            RunContext ctx = fx.uniqueContext();
            Run run = registry().markRunning(started(ctx).id());
            RaceResult<Object> result = raceStartsWithEnd(ctx, run, RunStatus.FAILED);
            result.assertNoErrors();
            outcomes(result).forEach(o -> reused(o, run));
            result.values().stream().filter(RunStartRefusedException.class::isInstance)
                    .forEach(e -> assertEquals(run.id(), ((RunStartRefusedException) e).priorRunId()));
            assertEquals(1, fx.runCount(TENANT_A));
            RaceResult<Object> after = race(THREADS, t -> {
                try {
                    return start(ctx);
                } catch (RunStartRefusedException e) {
                    return e;
                }
            });
            after.assertNoErrors();
            assertTrue(after.values().stream().allMatch(RunStartRefusedException.class::isInstance));
            assertEquals(1, fx.runCount(TENANT_A));
        }
    }

    @Nested
    @DisplayName("RESTART_FAILED: succeeded runs are reused however old, failed ones started again")
    class RestartFailed {

        @BeforeEach
        void policy() {
            open(ReusePolicy.restartFailed());
        }

        @Test
        void a_success_of_long_ago_is_reused() {
            RunContext ctx = fx.uniqueContext();
            Run first = ended(ctx, RunStatus.COMPLETED, 1, 0);
            fx.clock.advance(Duration.ofDays(400));
            reused(start(ctx), first);
        }

        @Test
        void a_failed_or_partial_run_is_started_again_and_its_success_then_reused() {
            RunContext ctx = fx.uniqueContext();
            Run failed = ended(ctx, RunStatus.FAILED, 0, 0);
            Run partial = fx.reach(started(ctx), RunStatus.COMPLETED_WITH_ERRORS, 1, 1);
            assertNotEquals(failed.id(), partial.id());
            Run retry = started(ctx);
            Run ok = fx.reach(retry, RunStatus.COMPLETED, 2, 0);
            reused(start(ctx), ok);
            assertEquals(3, fx.runCount(TENANT_A));
        }

        @Test
        void sixteen_starts_racing_with_a_failure_start_at_most_one_new_run() {
            RunContext ctx = fx.uniqueContext();
            Run run = registry().markRunning(started(ctx).id());
            RaceResult<Object> result = raceStartsWithEnd(ctx, run, RunStatus.FAILED);
            result.assertNoErrors();
            List<StartOutcome> outcomes = outcomes(result);
            assertEquals(THREADS, outcomes.size());
            long newRuns = outcomes.stream().filter(o -> !o.reused()).count();
            assertTrue(newRuns <= 1, newRuns + " new runs");
            Set<RunId> others = outcomes.stream().map(o -> o.run().id()).filter(id -> !id.equals(run.id()))
                    .collect(Collectors.toSet());
            assertTrue(others.size() <= 1, "every start that did not get the failed run got the same new one");
            assertTrue(activeRuns() <= 1);
            assertEquals(1 + newRuns, fx.runCount(TENANT_A));
        }

        @Test
        void sixteen_starts_racing_with_a_success_all_get_that_run() {
            RunContext ctx = fx.uniqueContext();
            Run run = registry().markRunning(started(ctx).id());
            RaceResult<Object> result = raceStartsWithEnd(ctx, run, RunStatus.COMPLETED);
            result.assertNoErrors();
            outcomes(result).forEach(o -> reused(o, run));
            assertEquals(1, fx.runCount(TENANT_A));
        }
    }

    @Nested
    @DisplayName("REPLACE: the active run is superseded by the new one, atomically")
    class Replace {

        @BeforeEach
        void policy() {
            open(StartPolicy.defaults().withConflict(DRIFT, ConflictPolicy.REPLACE));
        }

        @Test
        void the_active_run_is_aborted_as_superseded_naming_the_new_run_with_its_notice_and_event() {
            RunContext ctx = fx.uniqueContext();
            Run first = registry().markRunning(started(ctx).id());
            StartOutcome.Started next = assertInstanceOf(StartOutcome.Started.class, start(ctx));
            Run superseded = next.supersededRun().orElseThrow();
            assertEquals(first.id(), superseded.id());
            assertEquals(RunStatus.ABORTED, superseded.status());
            assertEquals(ReasonCode.RUN_SUPERSEDED, superseded.failure().reasonCode());
            assertTrue(superseded.failure().message().contains(next.run().id().toString()), superseded.failure().message());
            assertEquals(superseded, registry().get(first.id()));
            assertEquals(RunStatus.PENDING, next.run().status());
            assertEquals(1, fx.inbox(OPERATOR_A, TENANT_A, first.id()).stream()
                    .filter(n -> n.kind() == NotificationKind.FAILED).count(), "the end is notified once");
            assertEquals(List.of(first.id()), endedEvents.stream().map(Run::id).toList());
            assertEquals(1, activeRuns());
        }

        @Test
        void with_no_active_run_it_is_a_plain_start_and_other_types_keep_using_the_existing_run() {
            RunContext ctx = fx.uniqueContext();
            StartOutcome.Started s = assertInstanceOf(StartOutcome.Started.class, start(ctx));
            assertTrue(s.supersededRun().isEmpty());
            Run backup = fx.start(OPERATOR_A, TENANT_A, BACKUP, ctx);
            reused(registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, BACKUP, ctx)), backup);
        }

        @Test
        void sixteen_racing_replacements_leave_one_active_run_and_end_every_other_exactly_once() {
            RunContext ctx = fx.uniqueContext();
            Run first = started(ctx);
            endedEvents.clear();
            RaceResult<StartOutcome> result = race(THREADS, t -> start(ctx));
            result.assertNoErrors();
            List<StartOutcome.Started> starts = result.values().stream()
                    .map(o -> assertInstanceOf(StartOutcome.Started.class, o)).toList();
            List<RunId> supersededIds = starts.stream().map(s -> s.supersededRun().orElseThrow().id()).toList();
            assertEquals(THREADS, new HashSet<>(supersededIds).size(), "no run superseded twice");
            List<Run> runs = allRuns();
            assertEquals(THREADS + 1, runs.size());
            List<Run> active = runs.stream().filter(Run::isActive).toList();
            assertEquals(1, active.size(), "exactly one active run");
            Set<RunId> expectedSuperseded = runs.stream().map(Run::id).filter(id -> !id.equals(active.get(0).id()))
                    .collect(Collectors.toSet());
            assertEquals(expectedSuperseded, new HashSet<>(supersededIds));
            assertTrue(expectedSuperseded.contains(first.id()));
            runs.stream().filter(r -> !r.isActive()).forEach(r -> {
                assertEquals(ReasonCode.RUN_SUPERSEDED, r.failure().reasonCode());
                assertEquals(1, fx.inbox(OPERATOR_A, TENANT_A, r.id()).stream()
                        .filter(n -> n.kind() == NotificationKind.FAILED).count(), "one end notice for " + r.id());
            });
            List<RunId> heard = endedEvents.stream().map(Run::id).toList();
            assertEquals(THREADS, heard.size(), "one ended event per superseded run");
            assertEquals(expectedSuperseded, new HashSet<>(heard));
        }
    }

    @Nested
    @DisplayName("caller keys: one key names one operation, and a changed request is refused")
    class CallerKeys {

        private StartRequest keyed(String key, RunContext ctx) {
            return request(ctx).withCallerKey(key);
        }

        @Test
        void the_same_key_and_request_returns_the_same_run_active_or_ended() {
            RunContext ctx = fx.uniqueContext();
            Run first = ContractFixtures.started(registry().startOrReuse(keyed("order-42", ctx)));
            reused(registry().startOrReuse(keyed("order-42", ctx)), first);
            Run failed = fx.reach(first, RunStatus.FAILED, 0, 0);
            fx.clock.advance(Duration.ofDays(30));
            assertEquals(failed, reused(registry().startOrReuse(keyed("order-42", ctx)), first),
                    "the operation's answer, even a failure, until it is purged");
            assertNotEquals(first.id(), started(ctx).id(), "the derived key is another key");
        }

        @Test
        void the_stored_key_is_64_hex_and_not_the_derived_one() {
            RunContext ctx = fx.uniqueContext();
            Run run = ContractFixtures.started(registry().startOrReuse(keyed("k", ctx)));
            assertTrue(run.idempotencyKey().value().matches("[0-9a-f]{64}"));
            assertNotEquals(request(ctx).idempotencyKey(), run.idempotencyKey());
            assertEquals(keyed("k", ctx).idempotencyKey(), run.idempotencyKey());
        }

        @Test
        void the_same_key_with_another_context_or_type_is_refused_and_writes_nothing() {
            RunContext ctx = fx.uniqueContext();
            Run first = ContractFixtures.started(registry().startOrReuse(keyed("k-1", ctx)));
            IdempotencyKeyMismatchException e = assertThrows(IdempotencyKeyMismatchException.class,
                    () -> registry().startOrReuse(keyed("k-1", fx.uniqueContext())));
            assertEquals(first.id(), e.existingRunId());
            assertThrows(IdempotencyKeyMismatchException.class, () -> registry().startOrReuse(
                    StartRequest.byUser(OPERATOR_A, TENANT_A, BACKUP, ctx).withCallerKey("k-1")));
            fx.reach(first, RunStatus.COMPLETED, 1, 0);
            assertThrows(IdempotencyKeyMismatchException.class,
                    () -> registry().startOrReuse(keyed("k-1", fx.uniqueContext())), "an ended run too");
            assertEquals(1, fx.runCount(TENANT_A));
        }

        @Test
        void keys_are_per_tenant() {
            RunContext ctx = fx.uniqueContext();
            Run a = ContractFixtures.started(registry().startOrReuse(keyed("shared", ctx)));
            Run b = ContractFixtures.started(registry().startOrReuse(
                    StartRequest.byUser(OPERATOR_B, TENANT_B, BACKUP, fx.uniqueContext()).withCallerKey("shared")));
            assertNotEquals(a.id(), b.id());
        }

        @Test
        void a_caller_key_overrides_replace_and_refuse_policies() {
            open(StartPolicy.defaults().withConflict(DRIFT, ConflictPolicy.REPLACE)
                    .withReuse(DRIFT, ReusePolicy.refuseWithin(WINDOW)));
            RunContext ctx = fx.uniqueContext();
            Run first = ContractFixtures.started(registry().startOrReuse(keyed("k", ctx)));
            reused(registry().startOrReuse(keyed("k", ctx)), first);
            fx.reach(first, RunStatus.COMPLETED, 1, 0);
            reused(registry().startOrReuse(keyed("k", ctx)), first);
        }

        @Test
        void malformed_keys_are_refused_before_any_write() {
            String tooLong = "k".repeat(StartRequest.MAX_CALLER_KEY_LENGTH + 1);
            for (String bad : List.of("", "   ", tooLong, "tab\there", "clé")) {
                assertThrows(InvalidRunInputException.class, () -> keyed(bad, fx.uniqueContext()), Checks.shown(bad));
            }
            keyed("k".repeat(StartRequest.MAX_CALLER_KEY_LENGTH), fx.uniqueContext());
            assertEquals(0, fx.runCount(TENANT_A));
        }

        @Test
        void sixteen_racing_requests_on_one_key_share_one_run_and_a_changed_one_is_refused() {
            RunContext ctx = fx.uniqueContext();
            RunContext other = fx.uniqueContext();
            RaceResult<Object> result = race(THREADS, t -> {
                try {
                    return registry().startOrReuse(keyed("race", t % 4 == 3 ? other : ctx));
                } catch (IdempotencyKeyMismatchException e) {
                    return e;
                }
            });
            result.assertNoErrors();
            List<StartOutcome> outcomes = result.values().stream().filter(StartOutcome.class::isInstance)
                    .map(StartOutcome.class::cast).toList();
            assertEquals(1, outcomes.stream().filter(o -> !o.reused()).count(), "one run for the key");
            assertEquals(1, outcomes.stream().map(o -> o.run().id()).distinct().count());
            assertEquals(THREADS - outcomes.size(), result.values().stream()
                    .filter(IdempotencyKeyMismatchException.class::isInstance).count());
            assertTrue(outcomes.size() == 4 || outcomes.size() == 12, "the winner's context decides: " + outcomes.size());
            assertEquals(1, fx.runCount(TENANT_A));
        }
    }

    @Nested
    @DisplayName("batch starts: one outcome per request, the whole batch checked before any write")
    class Batches {

        @Test
        void each_request_gets_its_own_outcome_in_order() {
            Run active = started(fx.uniqueContext());
            List<StartRequest> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(request(fx.uniqueContext()));
            }
            batch.add(2, request(active.context()));
            List<StartOutcome> outcomes = registry().startOrReuseAll(batch);
            assertEquals(6, outcomes.size());
            for (int i = 0; i < 6; i++) {
                assertEquals(i == 2, outcomes.get(i).reused(), "element " + i);
                assertEquals(batch.get(i).context(), outcomes.get(i).run().context());
            }
            assertEquals(active.id(), outcomes.get(2).run().id());
            assertEquals(6, fx.runCount(TENANT_A));
            assertEquals(6, fx.inbox(OPERATOR_A, TENANT_A).stream()
                    .filter(n -> n.kind() == NotificationKind.QUEUED).count());
        }

        @Test
        void policies_apply_per_element() {
            open(StartPolicy.defaults().withConflict(BACKUP, ConflictPolicy.REPLACE)
                    .withReuse(DRIFT, ReusePolicy.reuseSucceededWithin(WINDOW)));
            RunContext ctx = fx.uniqueContext();
            Run done = ended(ctx, RunStatus.COMPLETED, 1, 0);
            Run backup = fx.start(OPERATOR_A, TENANT_A, BACKUP, ctx);
            List<StartOutcome> outcomes = registry().startOrReuseAll(List.of(request(ctx),
                    StartRequest.byUser(OPERATOR_A, TENANT_A, BACKUP, ctx),
                    StartRequest.bySystem(SYSTEM, TENANT_A, DRIFT, fx.uniqueContext()).withCallerKey("b-1")));
            reused(outcomes.get(0), done);
            assertEquals(backup.id(), ((StartOutcome.Started) outcomes.get(1)).supersededRun().orElseThrow().id());
            assertFalse(outcomes.get(2).reused());
        }

        @Test
        void bad_batches_are_refused_before_any_write() {
            StartRequest valid = request(fx.uniqueContext());
            List<StartRequest> withNull = new ArrayList<>();
            withNull.add(valid);
            withNull.add(null);
            List<StartRequest> tooMany = new ArrayList<>();
            for (int i = 0; i <= RunRegistry.MAX_START_BATCH; i++) {
                tooMany.add(request(context("n", i)));
            }
            RunContext ctx = fx.uniqueContext();
            List<List<StartRequest>> bad = List.of(List.of(), tooMany, withNull,
                    List.of(valid, request(ctx), StartRequest.bySystem(SYSTEM, TENANT_A, DRIFT, ctx)),
                    List.of(valid, request(ctx).withCallerKey("x"), request(fx.uniqueContext()).withCallerKey("x")));
            for (List<StartRequest> batch : bad) {
                assertThrows(InvalidRunInputException.class, () -> registry().startOrReuseAll(batch),
                        "a batch of " + batch.size());
            }
            assertThrows(InvalidRunInputException.class, () -> registry().startOrReuseAll(null));
            assertThrows(dev.opsruns.core.RunAccessDeniedException.class, () -> registry().startOrReuseAll(
                    List.of(valid, StartRequest.byUser(ContractFixtures.READONLY_A, TENANT_A, DRIFT, ctx))));
            assertEquals(0, fx.runCount(TENANT_A));
            assertEquals(RunRegistry.MAX_START_BATCH, registry().startOrReuseAll(tooMany.subList(1, tooMany.size())).size());
        }

        @Test
        void sixteen_racing_batches_of_the_same_fifty_operations_start_each_once() {
            List<StartRequest> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(StartRequest.bySystem(SYSTEM, TENANT_A, DRIFT, context("op", i)));
            }
            RaceResult<List<StartOutcome>> result = race(THREADS, t -> {
                List<StartRequest> mine = new ArrayList<>(batch);
                Collections.rotate(mine, t * 3);
                return registry().startOrReuseAll(mine);
            });
            result.assertNoErrors();
            long started = result.values().stream().flatMap(List::stream).filter(o -> !o.reused()).count();
            assertEquals(50, started);
            assertEquals(50, fx.runCount(TENANT_A));
            Set<RunId> ids = result.values().stream().flatMap(List::stream).map(o -> o.run().id()).collect(Collectors.toSet());
            assertEquals(50, ids.size());
        }
    }

    /** Shows a test value in an assertion message. */
    private static final class Checks {
        static String shown(String s) {
            return "caller key of " + s.length() + " chars";
        }
    }
}
