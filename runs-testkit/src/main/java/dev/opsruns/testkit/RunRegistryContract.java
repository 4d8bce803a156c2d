package dev.opsruns.testkit;

import static dev.opsruns.testkit.ContractFixtures.BACKUP;
import static dev.opsruns.testkit.ContractFixtures.CANCELLED;
import static dev.opsruns.testkit.ContractFixtures.DRIFT;
import static dev.opsruns.testkit.ContractFixtures.FORBIDDEN;
import static dev.opsruns.testkit.ContractFixtures.JWT;
import static dev.opsruns.testkit.ContractFixtures.MANAGER_A;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_A;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_B;
import static dev.opsruns.testkit.ContractFixtures.OUTSIDER;
import static dev.opsruns.testkit.ContractFixtures.OWNER_A;
import static dev.opsruns.testkit.ContractFixtures.OWNER_B;
import static dev.opsruns.testkit.ContractFixtures.PASSWORD;
import static dev.opsruns.testkit.ContractFixtures.READONLY_A;
import static dev.opsruns.testkit.ContractFixtures.SECRET_MESSAGE;
import static dev.opsruns.testkit.ContractFixtures.SYSTEM;
import static dev.opsruns.testkit.ContractFixtures.TENANT_A;
import static dev.opsruns.testkit.ContractFixtures.TENANT_B;
import static dev.opsruns.testkit.ContractFixtures.context;
import static dev.opsruns.testkit.ContractFixtures.race;
import static dev.opsruns.testkit.ContractFixtures.started;
import static dev.opsruns.testkit.ContractFixtures.unknownRunId;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.FailureSanitizer;
import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.Initiator;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.Principal;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ProgressRecorder;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunAccessDeniedException;
import dev.opsruns.core.RunAccessPolicy;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.testkit.ContractFixtures.Action;
import dev.opsruns.testkit.ContractFixtures.RaceResult;
import dev.opsruns.testkit.ContractFixtures.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of the write side ({@link RunRegistry}) that every store passes: the lifecycle
 * including every refused transition, start-or-reuse alone and under races, progress recorders,
 * failure sanitizing and the item-failure cap, who may start runs, and bad input.
 *
 * <p>A store's test extends it with one method:
 *
 * <pre>{@code
 * class JdbiRunRegistryTest extends RunRegistryContract {
 *     @Override
 *     protected RunLedger createLedger(RunsConfig config) {
 *         return JdbiRunLedger.create(dataSource, config);
 *     }
 * }
 * }</pre>
 *
 * <p>Time comes from a {@link ManualClock} in the configuration; the suite never sleeps. Race tests
 * release 16 threads at once, so a pooled store needs 16 connections or must queue the callers.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class RunRegistryContract {

    private ContractFixtures fx;

    /**
     * Creates the ledger under test. Called before every test, and again by tests that need another
     * configuration (the earlier ledger is then abandoned).
     *
     * @param config the settings to use, exactly as given (its clock is a {@link ManualClock})
     * @return a ledger over EMPTY state: no runs, failures or notifications in any tenant, on every call
     */
    protected abstract RunLedger createLedger(RunsConfig config);

    /** Opens an empty ledger over the suite's standard configuration. */
    @BeforeEach
    protected final void openEmptyLedger() {
        fx = new ContractFixtures(this::createLedger);
    }

    private RunRegistry registry() {
        return fx.registry();
    }

    private static Run withHeartbeat(Run r, Instant heartbeatAt) {
        return new Run(r.id(), r.tenantId(), r.runType(), r.status(), r.idempotencyKey(), r.initiator(), r.context(),
                r.counts(), r.failure(), r.createdAt(), r.startedAt(), r.finishedAt(), heartbeatAt);
    }

    private static Run withCounts(Run r, RunCounts counts, Instant heartbeatAt) {
        return new Run(r.id(), r.tenantId(), r.runType(), r.status(), r.idempotencyKey(), r.initiator(), r.context(),
                counts, r.failure(), r.createdAt(), r.startedAt(), r.finishedAt(), heartbeatAt);
    }

    private String sanitized(String raw) {
        return fx.ledger().config().sanitizer().sanitize(raw);
    }

    // =====================================================================================================

    @Nested
    @DisplayName("lifecycle: every transition, and every refused one leaves the run exactly as it was")
    class Lifecycle {

        @Test
        void a_start_inserts_a_pending_run_holding_everything_the_request_said() {
            RunContext ctx = RunContext.of(Map.of("scope_key", "tenant-a/all", "baseline_run_id", "r-1",
                    "flags", List.of(true, false), "nested", Map.of("n", 7, "label", "x")));
            StartRequest request = StartRequest.byUser(OPERATOR_A, TENANT_A, DRIFT, ctx);
            Run run = started(registry().startOrReuse(request));
            assertAll(
                    () -> assertEquals(TENANT_A, run.tenantId()),
                    () -> assertEquals(DRIFT, run.runType()),
                    () -> assertEquals(RunStatus.PENDING, run.status()),
                    () -> assertEquals(request.idempotencyKey(), run.idempotencyKey()),
                    () -> assertEquals(OPERATOR_A.asInitiator(), run.initiator()),
                    () -> assertEquals(ctx, run.context()),
                    () -> assertEquals(ctx.toJson(), run.context().toJson()),
                    () -> assertEquals(RunCounts.ZERO, run.counts()),
                    () -> assertNull(run.failure()),
                    () -> assertEquals(fx.now(), run.createdAt()),
                    () -> assertNull(run.startedAt()),
                    () -> assertNull(run.finishedAt()),
                    () -> assertNull(run.heartbeatAt()));
            assertEquals(run, registry().get(run.id()), "get returns what the start returned");
        }

        @Test
        void timestamps_are_kept_to_the_microsecond() {
            fx.clock.set(Instant.parse("2026-02-01T10:00:00.123456789Z"));
            Run run = fx.start();
            Instant micros = Instant.parse("2026-02-01T10:00:00.123456Z");
            assertEquals(micros, run.createdAt());
            assertEquals(micros, registry().get(run.id()).createdAt());
            fx.clock.set(Instant.parse("2026-02-01T10:00:01.000001999Z"));
            Run running = registry().markRunning(run.id());
            assertEquals(Instant.parse("2026-02-01T10:00:01.000001Z"), running.startedAt());
            assertEquals(running, registry().get(run.id()));
        }

        @Test
        void mark_running_moves_a_pending_run_to_running_and_sets_its_heartbeat() {
            Run pending = fx.start();
            fx.clock.advance(Duration.ofMinutes(1));
            Run running = registry().markRunning(pending.id());
            assertAll(
                    () -> assertEquals(RunStatus.RUNNING, running.status()),
                    () -> assertEquals(fx.now(), running.startedAt()),
                    () -> assertEquals(fx.now(), running.heartbeatAt()),
                    () -> assertEquals(pending.createdAt(), running.createdAt()),
                    () -> assertNull(running.finishedAt()));
            assertEquals(running, registry().get(pending.id()));
        }

        @Test
        void mark_running_on_a_running_run_succeeds_and_only_refreshes_the_heartbeat() {
            Run first = fx.running();
            registry().recordProgress(first.id(), ProgressDelta.succeeded(2));
            Run before = registry().get(first.id());
            fx.clock.advance(Duration.ofMinutes(3));
            Run again = registry().markRunning(first.id());
            assertEquals(withHeartbeat(before, fx.now()), again, "a retried job resumes the same run");
            assertEquals(again, registry().get(first.id()));
        }

        @Test
        void heartbeat_refreshes_the_heartbeat_of_a_running_run_and_nothing_else() {
            Run before = fx.running();
            fx.clock.advance(Duration.ofMinutes(4));
            registry().heartbeat(before.id());
            assertEquals(withHeartbeat(before, fx.now()), registry().get(before.id()));
        }

        @Test
        void record_progress_adds_to_the_counts_and_refreshes_the_heartbeat() {
            Run before = fx.running();
            fx.clock.advance(Duration.ofSeconds(5));
            registry().recordProgress(before.id(), new ProgressDelta(3, 0, 2));
            fx.clock.advance(Duration.ofSeconds(5));
            registry().recordProgress(before.id(), new ProgressDelta(1, 1, 0));
            assertEquals(withCounts(before, new RunCounts(0, 4, 1, 2), fx.now()), registry().get(before.id()));
            assertEquals(7, registry().get(before.id()).counts().processed());
        }

        @Test
        void progress_within_a_second_of_the_last_heartbeat_leaves_the_heartbeat_as_it_was() {
            Run before = fx.running();
            fx.clock.advance(Duration.ofMillis(999));
            registry().recordProgress(before.id(), ProgressDelta.succeeded(1));
            assertEquals(before.heartbeatAt(), registry().get(before.id()).heartbeatAt());
            fx.clock.advance(Duration.ofMillis(2));
            registry().recordProgress(before.id(), ProgressDelta.succeeded(1));
            assertEquals(fx.now(), registry().get(before.id()).heartbeatAt(), "older than a second: refreshed");
        }

        @Test
        void set_total_announces_how_many_items_the_run_will_process() {
            Run run = fx.running();
            registry().setTotal(run.id(), 12);
            assertEquals(12, registry().get(run.id()).counts().total());
            registry().setTotal(run.id(), 10);
            assertEquals(10, registry().get(run.id()).counts().total(), "a worker may correct the total");
            registry().setTotal(run.id(), 0);
            assertEquals(0, registry().get(run.id()).counts().total(), "zero is accepted");
            assertEquals(RunStatus.RUNNING, registry().get(run.id()).status());
        }

        @Test
        void record_item_failure_counts_the_item_stores_why_and_refreshes_the_heartbeat() {
            Run before = fx.running();
            fx.clock.advance(Duration.ofSeconds(30));
            registry().recordItemFailure(before.id(), "policy-17", FORBIDDEN, "HTTP 403 on policy 17");
            assertEquals(withCounts(before, new RunCounts(0, 0, 1, 0), fx.now()), registry().get(before.id()));
            RunDetail detail = fx.queries().detail(OWNER_A, TENANT_A, before.id());
            assertEquals(List.of(new ItemFailure("policy-17", FORBIDDEN, sanitized("HTTP 403 on policy 17"), fx.now())),
                    detail.itemFailures());
            assertEquals(0, detail.itemFailuresOmitted());
        }

        @Test
        void finish_without_failed_items_completes_the_run() {
            Run run = fx.running();
            registry().setTotal(run.id(), 3);
            registry().recordProgress(run.id(), new ProgressDelta(2, 0, 1));
            fx.clock.advance(Duration.ofMinutes(2));
            Run done = registry().finish(run.id());
            assertAll(
                    () -> assertEquals(RunStatus.COMPLETED, done.status()),
                    () -> assertEquals(fx.now(), done.finishedAt()),
                    () -> assertEquals(new RunCounts(3, 2, 0, 1), done.counts()),
                    () -> assertEquals(run.startedAt(), done.startedAt()),
                    () -> assertNull(done.failure()));
            assertEquals(done, registry().get(run.id()));
        }

        @Test
        void finish_with_recorded_item_failures_completes_with_errors() {
            Run run = fx.running();
            registry().recordProgress(run.id(), ProgressDelta.succeeded(4));
            registry().recordItemFailure(run.id(), "policy-1", FORBIDDEN, "denied");
            Run done = registry().finish(run.id());
            assertEquals(RunStatus.COMPLETED_WITH_ERRORS, done.status());
            assertEquals(new RunCounts(0, 4, 1, 0), done.counts());
            assertNull(done.failure(), "item failures are not a run-level failure");
            assertEquals(done, registry().get(run.id()));
        }

        @Test
        void finish_with_failed_items_reported_as_progress_completes_with_errors() {
            Run run = fx.running();
            registry().recordProgress(run.id(), new ProgressDelta(0, 2, 0));
            Run done = registry().finish(run.id());
            assertEquals(RunStatus.COMPLETED_WITH_ERRORS, done.status());
            assertEquals(new RunCounts(0, 0, 2, 0), done.counts());
        }

        @ParameterizedTest(name = "fail from {0}")
        @EnumSource(names = {"PENDING", "RUNNING"})
        void fail_ends_an_active_run_as_failed_with_a_sanitized_run_level_failure(RunStatus from) {
            Run run = fx.reach(from, 0, 0);
            fx.clock.advance(Duration.ofMinutes(1));
            Run failed = registry().fail(run.id(), FORBIDDEN, "consent revoked for tenant-a");
            assertAll(
                    () -> assertEquals(RunStatus.FAILED, failed.status()),
                    () -> assertEquals(new RunFailure(FORBIDDEN, sanitized("consent revoked for tenant-a")), failed.failure()),
                    () -> assertEquals(fx.now(), failed.finishedAt()),
                    () -> assertEquals(run.startedAt(), failed.startedAt()),
                    () -> assertEquals(run.counts(), failed.counts()));
            assertEquals(failed, registry().get(run.id()));
        }

        @ParameterizedTest(name = "abort from {0}")
        @EnumSource(names = {"PENDING", "RUNNING"})
        void abort_ends_an_active_run_as_aborted_with_a_run_level_failure(RunStatus from) {
            Run run = fx.reach(from, 0, 0);
            fx.clock.advance(Duration.ofMinutes(1));
            Run aborted = registry().abort(run.id(), CANCELLED, "stopped by Ola");
            assertAll(
                    () -> assertEquals(RunStatus.ABORTED, aborted.status()),
                    () -> assertEquals(new RunFailure(CANCELLED, sanitized("stopped by Ola")), aborted.failure()),
                    () -> assertEquals(fx.now(), aborted.finishedAt()),
                    () -> assertEquals(run.startedAt(), aborted.startedAt()));
            assertEquals(aborted, registry().get(run.id()));
        }

        static Stream<Arguments> refusedCalls() {
            return Stream.of(RunStatus.values()).flatMap(status -> Stream.of(Action.values())
                    .filter(action -> !action.acceptedIn(status))
                    .map(action -> Arguments.of(status, action)));
        }

        static Stream<Arguments> acceptedCalls() {
            return Stream.of(RunStatus.values()).flatMap(status -> Stream.of(Action.values())
                    .filter(action -> action.acceptedIn(status))
                    .map(action -> Arguments.of(status, action)));
        }

        @ParameterizedTest(name = "{1} on a {0} run is refused")
        @MethodSource("refusedCalls")
        void every_refused_call_throws_and_changes_nothing(RunStatus status, Action action) {
            Run run = reachWithCounts(status);
            fx.clock.advance(Duration.ofMinutes(5)); // a write that slipped through would show a new time
            Snapshot before = fx.snapshot(run.id());
            IllegalRunTransitionException e = assertThrows(IllegalRunTransitionException.class,
                    () -> action.apply(registry(), run.id()));
            assertEquals(run.id(), e.runId());
            assertEquals(status, e.actualStatus());
            assertTrue(e.getMessage().contains(status.storageName()), "the message names the status: " + e.getMessage());
            fx.assertUnchanged(before, action + " on " + status);
        }

        @ParameterizedTest(name = "{1} on a {0} run is accepted")
        @MethodSource("acceptedCalls")
        void every_accepted_call_takes_effect(RunStatus status, Action action) {
            Run before = reachWithCounts(status);
            fx.clock.advance(Duration.ofMinutes(5)); // every write this call makes shows this new time
            Instant now = fx.clock.instant();
            action.apply(registry(), before.id());
            Run after = registry().get(before.id());
            RunCounts counts = before.counts();
            switch (action) {
                case MARK_RUNNING -> {
                    assertEquals(RunStatus.RUNNING, after.status());
                    assertEquals(now, after.heartbeatAt(), "a fresh heartbeat");
                    assertEquals(before.startedAt() == null ? now : before.startedAt(), after.startedAt(),
                            "the first start time, kept by a retried job");
                }
                case HEARTBEAT -> assertEquals(before.withHeartbeatAt(now), after);
                case SET_TOTAL -> assertEquals(before.withCounts(counts.withTotal(42)).withHeartbeatAt(now), after);
                case RECORD_PROGRESS -> assertEquals(
                        before.withCounts(counts.plus(new ProgressDelta(2, 1, 1))).withHeartbeatAt(now), after);
                case RECORD_ITEM_FAILURE -> {
                    assertEquals(before.withCounts(counts.plus(new ProgressDelta(0, 1, 0))).withHeartbeatAt(now), after);
                    assertTrue(fx.snapshot(after.id()).detail().itemFailures().stream().anyMatch(f -> f.itemKey().equals("late-item")),
                            "the failure is stored");
                }
                case FINISH -> assertEquals(before.withStatus(RunStatus.COMPLETED_WITH_ERRORS).withFinishedAt(now), after,
                        "the running run has a failed item");
                case FAIL -> assertEquals(before.withStatus(RunStatus.FAILED).withFinishedAt(now)
                        .withFailure(new RunFailure(FORBIDDEN, "late failure")), after);
                case ABORT -> assertEquals(before.withStatus(RunStatus.ABORTED).withFinishedAt(now)
                        .withFailure(new RunFailure(CANCELLED, "late abort")), after);
            }
        }

        /** Reaches a status with both successes and failures wherever the status allows them. */
        private Run reachWithCounts(RunStatus status) {
            return switch (status) {
                case PENDING -> fx.reach(status, 0, 0);
                case COMPLETED -> fx.reach(status, 2, 0);
                case RUNNING, COMPLETED_WITH_ERRORS, FAILED, ABORTED -> fx.reach(status, 2, 1);
            };
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("start-or-reuse: one active run per tenant and operation")
    class StartOrReuse {

        @Test
        void a_start_while_the_run_is_pending_reuses_it() {
            RunContext ctx = fx.uniqueContext();
            Run first = fx.start(OPERATOR_A, TENANT_A, DRIFT, ctx);
            StartOutcome again = registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, DRIFT, ctx));
            Run reused = assertInstanceOf(StartOutcome.Reused.class, again).run();
            assertTrue(again.reused());
            assertEquals(first, reused);
            assertEquals(1, fx.runCount(TENANT_A), "nothing was inserted");
        }

        @Test
        void a_start_while_the_run_is_running_reuses_it_as_it_is_now() {
            RunContext ctx = fx.uniqueContext();
            Run first = fx.start(OPERATOR_A, TENANT_A, DRIFT, ctx);
            registry().markRunning(first.id());
            registry().recordProgress(first.id(), ProgressDelta.succeeded(3));
            fx.clock.advance(Duration.ofMinutes(1));
            StartOutcome again = registry().startOrReuse(StartRequest.byUser(MANAGER_A, TENANT_A, DRIFT, ctx));
            assertInstanceOf(StartOutcome.Reused.class, again);
            assertEquals(registry().get(first.id()), again.run());
            assertEquals(RunStatus.RUNNING, again.run().status());
            assertEquals(1, fx.runCount(TENANT_A));
        }

        @ParameterizedTest(name = "after the run ended as {0}")
        @EnumSource(names = {"COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "ABORTED"})
        void a_start_after_the_run_ended_starts_a_new_run_with_a_new_id(RunStatus ended) {
            RunContext ctx = fx.uniqueContext();
            Run old = fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, ctx), ended, 1,
                    ended == RunStatus.COMPLETED ? 0 : 1);
            fx.clock.advance(Duration.ofMinutes(1));
            Run fresh = started(registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, DRIFT, ctx)));
            assertNotEquals(old.id(), fresh.id());
            assertEquals(RunStatus.PENDING, fresh.status());
            assertEquals(RunCounts.ZERO, fresh.counts());
            assertEquals(old.idempotencyKey(), fresh.idempotencyKey());
            assertEquals(old, registry().get(old.id()), "the ended run is left as it was");
            StartOutcome third = registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, DRIFT, ctx));
            assertEquals(fresh.id(), assertInstanceOf(StartOutcome.Reused.class, third).run().id(),
                    "the new active run is the one reused");
            assertEquals(2, fx.runCount(TENANT_A));
        }

        @Test
        void the_order_of_context_members_does_not_matter_at_any_depth() {
            Map<String, Object> innerAb = new LinkedHashMap<>();
            innerAb.put("a", 1);
            innerAb.put("b", List.of("x", "y"));
            Map<String, Object> innerBa = new LinkedHashMap<>();
            innerBa.put("b", List.of("x", "y"));
            innerBa.put("a", 1L);
            Map<String, Object> ab = new LinkedHashMap<>();
            ab.put("scope_key", "s");
            ab.put("inner", innerAb);
            Map<String, Object> ba = new LinkedHashMap<>();
            ba.put("inner", innerBa);
            ba.put("scope_key", "s");
            Run first = fx.start(OPERATOR_A, TENANT_A, DRIFT, RunContext.of(ab));
            StartOutcome second = registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, DRIFT, RunContext.of(ba)));
            assertEquals(first.id(), assertInstanceOf(StartOutcome.Reused.class, second).run().id());
        }

        @Test
        void a_null_context_member_is_the_same_as_an_absent_one() {
            Map<String, Object> withNull = new HashMap<>();
            withNull.put("scope_key", "s");
            withNull.put("filter", null);
            Run first = fx.start(OPERATOR_A, TENANT_A, DRIFT, context("scope_key", "s"));
            StartOutcome second = registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, DRIFT, RunContext.of(withNull)));
            assertEquals(first.id(), assertInstanceOf(StartOutcome.Reused.class, second).run().id());
        }

        @Test
        void another_context_or_another_run_type_is_another_operation() {
            Run base = fx.start(OPERATOR_A, TENANT_A, DRIFT, context("scope_key", "s1"));
            Run otherContext = fx.start(OPERATOR_A, TENANT_A, DRIFT, context("scope_key", "s2"));
            Run typed = fx.start(OPERATOR_A, TENANT_A, BACKUP, context("scope_key", "s1"));
            Run stringOne = fx.start(OPERATOR_A, TENANT_A, DRIFT, context("scope_key", "1"));
            Run numberOne = fx.start(OPERATOR_A, TENANT_A, DRIFT, context("scope_key", 1));
            assertEquals(5, Set.of(base.id(), otherContext.id(), typed.id(), stringOne.id(), numberOne.id()).size());
            assertEquals(5, fx.runCount(TENANT_A));
        }

        @Test
        void the_same_operation_in_two_tenants_gives_two_runs() {
            RunContext ctx = context("scope_key", "all");
            Run inA = fx.start(OPERATOR_A, TENANT_A, DRIFT, ctx);
            Run inB = fx.start(OPERATOR_B, TENANT_B, DRIFT, ctx);
            assertNotEquals(inA.id(), inB.id());
            assertNotEquals(inA.idempotencyKey(), inB.idempotencyKey());
            assertEquals(TENANT_A, inA.tenantId());
            assertEquals(TENANT_B, inB.tenantId());
            assertEquals(1, fx.runCount(TENANT_A));
            assertEquals(1, fx.runCount(TENANT_B));
        }

        @Test
        void user_and_system_starts_of_the_same_operation_share_one_run() {
            RunContext ctx = fx.uniqueContext();
            Run bySystem = fx.startBySystem(TENANT_A, DRIFT, ctx);
            StartOutcome byUser = registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, DRIFT, ctx));
            assertEquals(bySystem.id(), assertInstanceOf(StartOutcome.Reused.class, byUser).run().id());
            assertEquals(new Initiator.System(SYSTEM), byUser.run().initiator(), "the initiator stays who started it");
        }

        @Test
        void every_new_run_gets_a_new_time_ordered_id() {
            List<RunId> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                fx.clock.advance(Duration.ofMillis(1));
                ids.add(fx.start().id());
            }
            assertEquals(40, new HashSet<>(ids).size());
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, "ids follow creation time");
            }
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("under races: many threads released by one latch")
    class Races {

        @Test
        void sixteen_users_racing_on_twenty_operations_get_exactly_one_run_per_operation() {
            int threads = 16;
            int keys = 20;
            List<Principal> users = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                users.add(ContractFixtures.user("racer-" + i, TENANT_A, TenantRole.OPERATOR));
            }
            RaceResult<List<StartOutcome>> result = race(threads, t -> {
                List<StartOutcome> outcomes = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    outcomes.add(registry().startOrReuse(
                            StartRequest.byUser(users.get(t), TENANT_A, DRIFT, context("key", k))));
                }
                return outcomes;
            });
            result.assertNoErrors();
            for (int k = 0; k < keys; k++) {
                int key = k;
                List<StartOutcome> forKey = result.values().stream().map(list -> list.get(key)).toList();
                assertEquals(1, forKey.stream().filter(o -> o instanceof StartOutcome.Started).count(),
                        "exactly one start for key " + k);
                assertEquals(threads - 1, forKey.stream().filter(o -> o instanceof StartOutcome.Reused).count());
                assertEquals(1, forKey.stream().map(o -> o.run().id()).distinct().count(),
                        "every thread got the same run for key " + k);
            }
            assertEquals(keys, fx.runCount(TENANT_A));
            long queued = 0;
            long reused = 0;
            for (Principal u : users) {
                List<Notification> inbox = fx.inbox(u, TENANT_A);
                assertEquals(keys, inbox.size(), "one notification per start call of " + u.userId());
                queued += inbox.stream().filter(n -> n.kind() == NotificationKind.QUEUED).count();
                reused += inbox.stream().filter(n -> n.kind() == NotificationKind.REUSED).count();
            }
            assertEquals(keys, queued, "none lost, none doubled");
            assertEquals((long) keys * (threads - 1), reused);
        }

        @Test
        void starts_racing_with_runs_ending_only_ever_return_active_runs() {
            RunContext ctx = context("key", "contended");
            RaceResult<List<StartOutcome>> result = race(8, t -> {
                List<StartOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    StartOutcome o = registry().startOrReuse(StartRequest.bySystem(SYSTEM, TENANT_A, DRIFT, ctx));
                    outcomes.add(o);
                    try {
                        registry().markRunning(o.run().id());
                        registry().fail(o.run().id(), FORBIDDEN, "ended by thread " + t);
                    } catch (IllegalRunTransitionException expected) {
                        // another thread ended it first
                    }
                }
                return outcomes;
            });
            result.assertNoErrors();
            List<StartOutcome> all = result.values().stream().flatMap(List::stream).toList();
            assertTrue(all.stream().allMatch(o -> o.run().isActive()), "a start never hands out an ended run");
            Set<RunId> startedIds = all.stream().filter(o -> !o.reused()).map(o -> o.run().id()).collect(Collectors.toSet());
            assertTrue(all.stream().filter(StartOutcome::reused).allMatch(o -> startedIds.contains(o.run().id())),
                    "every reused run was started by some call");
            assertEquals(all.stream().filter(o -> !o.reused()).count(), startedIds.size(), "each start inserted its own run");
            List<Run> runs = fx.listAll(OWNER_A, TENANT_A, dev.opsruns.core.RunFilter.ALL);
            assertEquals(startedIds, runs.stream().map(Run::id).collect(Collectors.toSet()));
            assertTrue(runs.stream().filter(Run::isActive).count() <= 1, "at most one active run per operation");
        }

        @Test
        void concurrent_progress_reports_lose_no_update() {
            Run run = fx.running();
            RaceResult<Integer> result = race(16, t -> {
                for (int i = 0; i < 100; i++) {
                    registry().recordProgress(run.id(), new ProgressDelta(1, 0, 2));
                }
                return 100;
            });
            result.assertNoErrors();
            assertEquals(new RunCounts(0, 1600, 0, 3200), registry().get(run.id()).counts());
        }

        @Test
        void concurrent_finishes_end_the_run_exactly_once() {
            Run run = fx.running();
            RaceResult<Run> result = race(16, t -> registry().finish(run.id()));
            assertEquals(1, result.values().size(), "exactly one finish succeeds");
            assertEquals(15, result.errors().size());
            assertTrue(result.errors().stream().allMatch(e -> e instanceof IllegalRunTransitionException),
                    "the others are refused as transitions: " + result.errors());
            assertEquals(result.values().get(0), registry().get(run.id()));
            assertEquals(1, fx.inbox(OPERATOR_A, TENANT_A, run.id()).stream()
                    .filter(n -> n.kind() == NotificationKind.SUCCEEDED).count(), "one end notification");
        }

        @Test
        void concurrent_finish_fail_and_abort_end_the_run_exactly_once() {
            Run run = fx.running();
            RaceResult<Run> result = race(15, t -> switch (t % 3) {
                case 0 -> registry().finish(run.id());
                case 1 -> registry().fail(run.id(), FORBIDDEN, "failed by " + t);
                default -> registry().abort(run.id(), CANCELLED, "aborted by " + t);
            });
            assertEquals(1, result.values().size(), "exactly one ending succeeds");
            assertTrue(result.errors().stream().allMatch(e -> e instanceof IllegalRunTransitionException),
                    "the others are refused as transitions: " + result.errors());
            Run winner = result.values().get(0);
            assertEquals(winner, registry().get(run.id()));
            List<Notification> ends = fx.inbox(OPERATOR_A, TENANT_A, run.id()).stream()
                    .filter(n -> n.kind() != NotificationKind.QUEUED).toList();
            assertEquals(1, ends.size(), "one end notification: " + ends);
        }

        @Test
        void progress_racing_with_finish_counts_exactly_the_accepted_reports() {
            Run run = fx.running();
            RaceResult<Integer> result = race(9, t -> {
                if (t == 8) {
                    registry().finish(run.id());
                    return 0;
                }
                int accepted = 0;
                for (int i = 0; i < 50; i++) {
                    try {
                        registry().recordProgress(run.id(), ProgressDelta.succeeded(1));
                        accepted++;
                    } catch (IllegalRunTransitionException refusedAfterFinish) {
                        // the run ended; a late report changes nothing
                    }
                }
                return accepted;
            });
            result.assertNoErrors();
            int accepted = result.values().stream().mapToInt(Integer::intValue).sum();
            Run finished = registry().get(run.id());
            assertEquals(RunStatus.COMPLETED, finished.status());
            assertEquals(accepted, finished.counts().succeeded(), "every accepted report counted, no refused one");
        }

        @Test
        void sixteen_threads_reporting_through_one_progress_recorder_and_item_failures_store_exactly_what_was_recorded() {
            Run run = fx.running();
            ProgressRecorder recorder = ProgressRecorder.builder(registry(), run.id())
                    .flushInterval(Duration.ofMillis(5))
                    .build();
            RaceResult<long[]> result = race(16, t -> {
                long[] recorded = new long[3];
                for (int i = 0; i < 2_000; i++) {
                    if (i % 40 == 0) { // failures go through recordItemFailure, which counts them once
                        registry().recordItemFailure(run.id(), "item-" + t + "-" + i, FORBIDDEN, "no access");
                        recorded[1]++;
                        continue;
                    }
                    switch (i % 10) {
                        case 1 -> { recorder.skipped(2); recorded[2] += 2; }
                        default -> { recorder.succeeded(1); recorded[0]++; }
                    }
                }
                return recorded;
            });
            recorder.close();
            result.assertNoErrors();
            long succeeded = result.values().stream().mapToLong(r -> r[0]).sum();
            long failed = result.values().stream().mapToLong(r -> r[1]).sum();
            long skipped = result.values().stream().mapToLong(r -> r[2]).sum();
            RunCounts stored = registry().get(run.id()).counts();
            assertEquals(new RunCounts(0, succeeded, failed, skipped), stored, "nothing lost, nothing doubled");
            assertEquals(ProgressDelta.NONE, recorder.pending());
        }

        @Test
        void finishing_while_a_recorder_is_open_keeps_its_unflushed_counts() {
            Run run = fx.running();
            ProgressRecorder recorder = ProgressRecorder.builder(registry(), run.id())
                    .flushInterval(Duration.ofMinutes(10)) // nothing flushes on its own in this test
                    .build();
            recorder.succeeded(7);
            recorder.skipped(2);
            registry().recordItemFailure(run.id(), "item-1", FORBIDDEN, "no access");
            Run ended = registry().finish(run.id());
            assertEquals(new RunCounts(0, 7, 1, 2), ended.counts(), "the recorder's counts, and the failure once");
            assertEquals(RunStatus.COMPLETED_WITH_ERRORS, ended.status());
            assertEquals(ProgressDelta.NONE, recorder.pending());
            recorder.close(); // nothing left to write: closing after the end is quiet
            assertEquals(ended, registry().get(run.id()));
        }

        @Test
        void failing_or_aborting_while_a_recorder_is_open_keeps_its_counts_too() {
            for (boolean abort : new boolean[] {false, true}) {
                Run run = fx.running();
                try (ProgressRecorder recorder = ProgressRecorder.builder(registry(), run.id())
                        .flushInterval(Duration.ofMinutes(10)).build()) {
                    recorder.succeeded(3);
                    Run ended = abort ? registry().abort(run.id(), CANCELLED, "stop") : registry().fail(run.id(), FORBIDDEN, "gone");
                    assertEquals(3, ended.counts().succeeded(), abort ? "abort" : "fail");
                }
            }
        }

        @Test
        void counts_recorded_after_the_end_are_refused_when_flushed() {
            Run run = fx.running();
            ProgressRecorder recorder = ProgressRecorder.builder(registry(), run.id())
                    .flushInterval(Duration.ofMinutes(10)).build();
            Run ended = registry().finish(run.id());
            recorder.succeeded(1);
            assertThrows(IllegalRunTransitionException.class, recorder::close);
            assertEquals(ended, registry().get(run.id()), "nothing changed after the end");
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("failures: sanitized on the way in, item failures capped")
    class Failures {

        private static final FailureSanitizer RECOGNISABLE =
                raw -> "SANITIZED:" + (raw == null ? 0 : raw.length());

        @Test
        void the_configured_sanitizer_runs_on_every_message_before_it_is_stored() {
            fx.open(b -> b.sanitizer(RECOGNISABLE));
            String itemMessage = "item: " + SECRET_MESSAGE;
            String failMessage = "run: " + SECRET_MESSAGE + " and more";
            String abortMessage = "abort: " + SECRET_MESSAGE + "!";

            Run withItems = fx.running();
            registry().recordItemFailure(withItems.id(), "policy-1", FORBIDDEN, itemMessage);
            registry().finish(withItems.id());
            Run failed = registry().fail(fx.running().id(), FORBIDDEN, failMessage);
            Run aborted = registry().abort(fx.start().id(), CANCELLED, abortMessage);

            assertEquals("SANITIZED:" + itemMessage.length(),
                    fx.queries().detail(OWNER_A, TENANT_A, withItems.id()).itemFailures().get(0).message());
            assertEquals("SANITIZED:" + failMessage.length(), failed.failure().message());
            assertEquals("SANITIZED:" + failMessage.length(), registry().get(failed.id()).failure().message());
            assertEquals("SANITIZED:" + abortMessage.length(), aborted.failure().message());
            assertEquals(aborted.failure(), fx.queries().detail(OWNER_A, TENANT_A, aborted.id()).run().failure());
            for (Notification n : fx.inbox(OPERATOR_A, TENANT_A)) {
                assertTrue(n.body().startsWith("SANITIZED:"), "notification bodies pass the sanitizer too: " + n.body());
            }
        }

        @Test
        void no_secret_reaches_a_stored_message_or_a_notification() {
            Run withItems = fx.running();
            registry().recordItemFailure(withItems.id(), "policy-1", FORBIDDEN, SECRET_MESSAGE);
            registry().finish(withItems.id());
            Run failed = registry().fail(fx.running().id(), FORBIDDEN, SECRET_MESSAGE);
            Run aborted = registry().abort(fx.start().id(), CANCELLED, SECRET_MESSAGE);

            List<String> texts = new ArrayList<>();
            texts.add(fx.queries().detail(OWNER_A, TENANT_A, withItems.id()).itemFailures().get(0).message());
            texts.add(registry().get(failed.id()).failure().message());
            texts.add(registry().get(aborted.id()).failure().message());
            for (Notification n : fx.inbox(OPERATOR_A, TENANT_A)) {
                texts.add(n.title());
                texts.add(n.body());
            }
            for (String text : texts) {
                assertFalse(text.contains(JWT), "a JWT leaked: " + text);
                assertFalse(text.contains(PASSWORD), "a password leaked: " + text);
            }
        }

        @Test
        void item_failures_past_the_cap_are_only_counted() {
            fx.open(b -> b.itemFailureCap(5));
            Run run = fx.running();
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                fx.clock.advance(Duration.ofSeconds(1));
                times.add(fx.now());
                registry().recordItemFailure(run.id(), "item-" + i, FORBIDDEN, "denied " + i);
            }
            RunDetail detail = fx.queries().detail(OWNER_A, TENANT_A, run.id());
            assertEquals(List.of("item-0", "item-1", "item-2", "item-3", "item-4"),
                    detail.itemFailures().stream().map(ItemFailure::itemKey).toList(), "the first five, oldest first");
            assertEquals(times.subList(0, 5), detail.itemFailures().stream().map(ItemFailure::occurredAt).toList());
            assertEquals(7, detail.itemFailuresOmitted());
            assertEquals(12, detail.run().counts().failed());
            registry().finish(run.id());
            RunDetail ended = fx.queries().detail(OWNER_A, TENANT_A, run.id());
            assertEquals(detail.itemFailures(), ended.itemFailures(), "failures survive the end of the run");
            assertEquals(7, ended.itemFailuresOmitted());
        }

        @Test
        void the_cap_holds_when_sixteen_threads_record_failures_at_once() {
            fx.open(b -> b.itemFailureCap(5));
            Run run = fx.running();
            RaceResult<Integer> result = race(16, t -> {
                for (int i = 0; i < 10; i++) {
                    registry().recordItemFailure(run.id(), "t" + t + "-item-" + i, FORBIDDEN, "denied");
                }
                return 10;
            });
            result.assertNoErrors();
            RunDetail detail = fx.queries().detail(OWNER_A, TENANT_A, run.id());
            assertEquals(5, detail.itemFailures().size());
            assertEquals(5, detail.itemFailures().stream().map(ItemFailure::itemKey).distinct().count());
            assertEquals(155, detail.itemFailuresOmitted());
            assertEquals(160, detail.run().counts().failed());
        }

        @Test
        void a_cap_of_zero_stores_no_item_failure_but_counts_them_all() {
            fx.open(b -> b.itemFailureCap(0));
            Run run = fx.running();
            for (int i = 0; i < 3; i++) {
                registry().recordItemFailure(run.id(), "item-" + i, FORBIDDEN, "denied");
            }
            RunDetail detail = fx.queries().detail(OWNER_A, TENANT_A, run.id());
            assertEquals(List.of(), detail.itemFailures());
            assertEquals(3, detail.itemFailuresOmitted());
            assertEquals(3, detail.run().counts().failed());
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("access: who may start runs")
    class Access {

        @Test
        void a_readonly_start_is_denied_and_writes_nothing() {
            RunContext ctx = fx.uniqueContext();
            RunAccessDeniedException e = assertThrows(RunAccessDeniedException.class,
                    () -> registry().startOrReuse(StartRequest.byUser(READONLY_A, TENANT_A, DRIFT, ctx)));
            assertEquals(TENANT_A, e.tenantId());
            assertEquals(READONLY_A.userId(), e.userId());
            assertEquals(0, fx.runCount(TENANT_A), "no run");
            assertEquals(List.of(), fx.allNotifications(TENANT_A), "no notification");
            fx.start(OPERATOR_A, TENANT_A, DRIFT, ctx); // and no phantom active run blocks a real start
        }

        @Test
        void a_readonly_start_of_an_active_operation_is_denied_too_and_notifies_nobody() {
            RunContext ctx = fx.uniqueContext();
            Run run = fx.start(OPERATOR_A, TENANT_A, DRIFT, ctx);
            Snapshot before = fx.snapshot(run.id());
            assertThrows(RunAccessDeniedException.class,
                    () -> registry().startOrReuse(StartRequest.byUser(READONLY_A, TENANT_A, DRIFT, ctx)));
            fx.assertUnchanged(before, "a denied reuse");
        }

        @Test
        void a_user_without_a_role_in_the_tenant_may_not_start_there() {
            for (Principal p : List.of(OUTSIDER, OWNER_B)) {
                assertThrows(RunAccessDeniedException.class,
                        () -> registry().startOrReuse(StartRequest.byUser(p, TENANT_A, DRIFT, fx.uniqueContext())),
                        p.userId() + " has no role in tenant-a");
            }
            assertEquals(0, fx.runCount(TENANT_A));
            assertEquals(0, fx.runCount(TENANT_B));
            assertEquals(List.of(), fx.allNotifications(TENANT_A));
            assertEquals(List.of(), fx.allNotifications(TENANT_B));
        }

        @ParameterizedTest(name = "{0} may start")
        @EnumSource(names = {"OWNER", "MANAGER", "OPERATOR"})
        void owners_managers_and_operators_may_start_runs(TenantRole role) {
            Principal starter = ContractFixtures.user("starter", TENANT_A, role);
            Run run = fx.start(starter, TENANT_A, DRIFT, fx.uniqueContext());
            assertEquals(starter.asInitiator(), run.initiator());
        }

        @Test
        void a_system_start_needs_no_principal_and_notifies_nobody() {
            Run run = fx.startBySystem(TENANT_A, DRIFT, fx.uniqueContext());
            assertEquals(new Initiator.System(SYSTEM), run.initiator());
            assertEquals(RunStatus.PENDING, run.status());
            assertEquals(List.of(), fx.allNotifications(TENANT_A));
        }

        @Test
        void the_configured_access_policy_decides_who_may_start() {
            RunAccessPolicy noDriftStarts = new RunAccessPolicy() {
                @Override
                public boolean canView(Principal principal, TenantId tenantId) {
                    return principal.roleIn(tenantId).isPresent();
                }

                @Override
                public boolean canStart(Principal principal, TenantId tenantId, RunType runType) {
                    return !runType.equals(DRIFT) && principal.roleIn(tenantId).isPresent();
                }
            };
            fx.open(b -> b.accessPolicy(noDriftStarts));
            assertThrows(RunAccessDeniedException.class,
                    () -> registry().startOrReuse(StartRequest.byUser(OWNER_A, TENANT_A, DRIFT, fx.uniqueContext())));
            Run backup = fx.start(READONLY_A, TENANT_A, BACKUP, fx.uniqueContext());
            assertEquals(READONLY_A.asInitiator(), backup.initiator(), "this host lets readonly users start backups");
            assertEquals(1, fx.runCount(TENANT_A));
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("bad input: refused before any store work, nothing recorded")
    class BadInput {

        @Test
        void a_null_start_request_is_refused_and_writes_nothing() {
            assertThrows(InvalidRunInputException.class, () -> registry().startOrReuse(null));
            assertEquals(0, fx.runCount(TENANT_A));
            assertEquals(List.of(), fx.allNotifications(TENANT_A));
        }

        @ParameterizedTest(name = "{0} with a null run id")
        @EnumSource(Action.class)
        void a_null_run_id_is_refused(Action action) {
            assertThrows(InvalidRunInputException.class, () -> action.apply(registry(), null));
        }

        @Test
        void get_with_a_null_run_id_is_refused() {
            assertThrows(InvalidRunInputException.class, () -> registry().get(null));
        }

        @ParameterizedTest(name = "{0} on an unknown run")
        @EnumSource(Action.class)
        void an_unknown_run_id_is_not_found_and_nothing_is_recorded(Action action) {
            Run existing = fx.running();
            Snapshot before = fx.snapshot(existing.id());
            RunId unknown = unknownRunId();
            RunNotFoundException e = assertThrows(RunNotFoundException.class, () -> action.apply(registry(), unknown));
            assertEquals(unknown, e.runId());
            assertEquals(1, fx.runCount(TENANT_A));
            assertEquals(0, fx.runCount(TENANT_B));
            fx.assertUnchanged(before, action + " on an unknown id");
            assertThrows(RunNotFoundException.class, () -> registry().get(unknown));
        }

        @Test
        void a_negative_total_is_refused_and_changes_nothing() {
            Run run = fx.running();
            registry().setTotal(run.id(), 7);
            Snapshot before = fx.snapshot(run.id());
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                    () -> registry().setTotal(run.id(), -1));
            assertEquals("total", e.field());
            fx.assertUnchanged(before, "setTotal(-1)");
        }

        @Test
        void a_null_progress_delta_is_refused_and_changes_nothing() {
            Run run = fx.running();
            fx.clock.advance(Duration.ofMinutes(1));
            Snapshot before = fx.snapshot(run.id());
            assertThrows(InvalidRunInputException.class, () -> registry().recordProgress(run.id(), null));
            fx.assertUnchanged(before, "recordProgress(null)");
        }

        static Stream<String> invalidItemKeys() {
            return Stream.of(null, "", "   ", "x".repeat(ItemFailure.MAX_ITEM_KEY_LENGTH + 1), "line\nbreak", "nul\u0000");
        }

        @ParameterizedTest(name = "item key [{0}]")
        @MethodSource("invalidItemKeys")
        void an_invalid_item_key_is_refused_and_changes_nothing(String itemKey) {
            Run run = fx.running();
            fx.clock.advance(Duration.ofMinutes(1));
            Snapshot before = fx.snapshot(run.id());
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                    () -> registry().recordItemFailure(run.id(), itemKey, FORBIDDEN, "denied"));
            assertEquals("itemKey", e.field());
            fx.assertUnchanged(before, "recordItemFailure with item key " + itemKey);
        }

        @Test
        void an_item_key_of_the_longest_accepted_length_is_kept_whole() {
            Run run = fx.running();
            String longest = "k".repeat(ItemFailure.MAX_ITEM_KEY_LENGTH);
            registry().recordItemFailure(run.id(), longest, FORBIDDEN, "denied");
            assertEquals(longest, fx.queries().detail(OWNER_A, TENANT_A, run.id()).itemFailures().get(0).itemKey());
        }

        @Test
        void a_null_reason_code_is_refused_by_item_failure_fail_and_abort() {
            Run run = fx.running();
            fx.clock.advance(Duration.ofMinutes(1));
            Snapshot before = fx.snapshot(run.id());
            assertThrows(InvalidRunInputException.class, () -> registry().recordItemFailure(run.id(), "i", null, "m"));
            assertThrows(InvalidRunInputException.class, () -> registry().fail(run.id(), null, "m"));
            assertThrows(InvalidRunInputException.class, () -> registry().abort(run.id(), null, "m"));
            fx.assertUnchanged(before, "a null reason code");
        }

        @Test
        void a_null_message_is_refused_by_item_failure_fail_and_abort() {
            Run run = fx.running();
            fx.clock.advance(Duration.ofMinutes(1));
            Snapshot before = fx.snapshot(run.id());
            assertThrows(InvalidRunInputException.class, () -> registry().recordItemFailure(run.id(), "i", FORBIDDEN, null));
            assertThrows(InvalidRunInputException.class, () -> registry().fail(run.id(), FORBIDDEN, null));
            assertThrows(InvalidRunInputException.class, () -> registry().abort(run.id(), FORBIDDEN, null));
            fx.assertUnchanged(before, "a null message");
        }

        @Test
        void bad_input_is_refused_before_the_store_looks_at_the_run() {
            RunId unknown = unknownRunId();
            assertThrows(InvalidRunInputException.class, () -> registry().setTotal(unknown, -1));
            assertThrows(InvalidRunInputException.class, () -> registry().recordProgress(unknown, null));
            assertThrows(InvalidRunInputException.class, () -> registry().recordItemFailure(unknown, "", FORBIDDEN, "m"));
            assertThrows(InvalidRunInputException.class, () -> registry().fail(unknown, null, "m"));
            Run ended = fx.reach(RunStatus.COMPLETED, 1, 0);
            assertThrows(InvalidRunInputException.class, () -> registry().setTotal(ended.id(), -1));
            assertThrows(InvalidRunInputException.class, () -> registry().abort(ended.id(), null, "m"));
        }
    }
}
