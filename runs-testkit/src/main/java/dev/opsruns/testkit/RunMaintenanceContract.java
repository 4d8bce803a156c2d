package dev.opsruns.testkit;

import static dev.opsruns.testkit.ContractFixtures.BACKUP;
import static dev.opsruns.testkit.ContractFixtures.DRIFT;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_A;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_B;
import static dev.opsruns.testkit.ContractFixtures.OWNER_A;
import static dev.opsruns.testkit.ContractFixtures.TENANT_A;
import static dev.opsruns.testkit.ContractFixtures.TENANT_B;
import static dev.opsruns.testkit.ContractFixtures.UNLINKED;
import static dev.opsruns.testkit.ContractFixtures.distinct;
import static dev.opsruns.testkit.ContractFixtures.race;
import static dev.opsruns.testkit.ContractFixtures.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.PurgeReport;
import dev.opsruns.core.ReapReport;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RetentionPolicy;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StaleRunPolicy;
import dev.opsruns.core.StartRequest;
import dev.opsruns.testkit.ContractFixtures.Action;
import dev.opsruns.testkit.ContractFixtures.RaceResult;
import dev.opsruns.testkit.ContractFixtures.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract of {@link RunMaintenance} that every store passes: the stale-run reaper
 * (heartbeat and queue timeouts, per-run-type overrides, the per-pass bound, safe from many instances at
 * once, late worker calls refused) and the retention purge (ended runs only, with their failures and
 * notifications, in counted batches).
 *
 * <p>A store's test extends it with one method:
 *
 * <pre>{@code
 * class JdbiRunMaintenanceTest extends RunMaintenanceContract {
 *     @Override
 *     protected RunLedger createLedger(RunsConfig config) {
 *         return JdbiRunLedger.create(dataSource, config);
 *     }
 * }
 * }</pre>
 *
 * <p>Time passes only through the {@link ManualClock} of the configuration; the suite never sleeps.
 * Thresholds are strict: a running run is stale once {@code heartbeatAt + timeout} is before now, a
 * pending run once {@code createdAt + queueTimeout} is before now, and an ended run is purged once
 * {@code finishedAt + retention} is before now. A {@code run.stale} failure message names the last
 * sign of life as {@link Instant#toString()} of the run's {@code heartbeatAt}, which the reaper leaves
 * as it was.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class RunMaintenanceContract {

    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration QUEUE_TIMEOUT = Duration.ofMinutes(30);
    private static final StaleRunPolicy POLICY = new StaleRunPolicy(HEARTBEAT_TIMEOUT, Map.of(), QUEUE_TIMEOUT, 500);
    private static final Duration RETENTION = Duration.ofDays(90);
    private static final RetentionPolicy KEEP_90_DAYS = new RetentionPolicy(RETENTION, 1_000);
    private static final Duration MICRO = Duration.ofNanos(1_000);

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

    private RunMaintenance maintenance() {
        return fx.maintenance();
    }

    private ReapReport reap() {
        return maintenance().reapStaleRuns(POLICY);
    }

    private List<Notification> failedNotices(Run run) {
        return fx.inbox(OPERATOR_A, run.tenantId(), run.id()).stream()
                .filter(n -> n.kind() == NotificationKind.FAILED).toList();
    }

    // =====================================================================================================

    @Nested
    @DisplayName("stale runs: the reaper fails runs whose worker or queue went quiet, and nothing else")
    class StaleRuns {

        @Test
        void a_running_run_silent_for_longer_than_the_timeout_fails_as_stale() {
            Run run = fx.running();
            fx.clock.advance(Duration.ofMinutes(1));
            fx.registry().recordProgress(run.id(), ProgressDelta.succeeded(2));
            Instant lastSign = fx.now();
            fx.clock.advance(HEARTBEAT_TIMEOUT.plusSeconds(1));

            ReapReport report = reap();

            assertEquals(List.of(run.id()), report.stale());
            assertEquals(List.of(), report.neverStarted());
            Run reaped = fx.registry().get(run.id());
            assertEquals(RunStatus.FAILED, reaped.status());
            assertEquals(ReasonCode.RUN_STALE, reaped.failure().reasonCode());
            assertTrue(reaped.failure().message().contains(lastSign.toString()),
                    "the message says when the last sign of life was (" + lastSign + "): " + reaped.failure().message());
            assertEquals(fx.now(), reaped.finishedAt());
            assertEquals(lastSign, reaped.heartbeatAt(), "the last sign of life is kept");
            assertEquals(run.startedAt(), reaped.startedAt());
            assertEquals(2, reaped.counts().succeeded());
            List<Notification> notices = failedNotices(run);
            assertEquals(1, notices.size());
            assertTrue(notices.get(0).body().contains(ReasonCode.RUN_STALE.value()), notices.get(0).body());
        }

        @Test
        void a_heartbeat_exactly_as_old_as_the_timeout_is_not_yet_stale() {
            Run run = fx.running();
            fx.clock.advance(HEARTBEAT_TIMEOUT);
            assertEquals(0, reap().total());
            assertEquals(RunStatus.RUNNING, fx.registry().get(run.id()).status());
            fx.clock.advance(MICRO);
            assertEquals(List.of(run.id()), reap().stale());
        }

        @Test
        void heartbeats_progress_item_failures_and_a_resumed_job_keep_a_run_alive() {
            Run beating = fx.running();
            Run progressing = fx.running();
            Run failing = fx.running();
            Run resumed = fx.running();
            fx.clock.advance(Duration.ofMinutes(8));
            fx.registry().heartbeat(beating.id());
            fx.registry().recordProgress(progressing.id(), ProgressDelta.skipped(1));
            fx.registry().recordItemFailure(failing.id(), "item-1", ContractFixtures.FORBIDDEN, "denied");
            fx.registry().markRunning(resumed.id());
            fx.clock.advance(Duration.ofMinutes(8));
            List<Snapshot> before = List.of(fx.snapshot(beating.id()), fx.snapshot(progressing.id()),
                    fx.snapshot(failing.id()), fx.snapshot(resumed.id()));
            assertEquals(0, reap().total(), "16 minutes since start, but only 8 since the last sign of life");
            before.forEach(s -> fx.assertUnchanged(s, "a live run"));
        }

        @Test
        void a_per_run_type_timeout_overrides_the_default() {
            StaleRunPolicy policy = POLICY.withHeartbeatTimeout(DRIFT, Duration.ofMinutes(2))
                    .withHeartbeatTimeout(BACKUP, Duration.ofHours(1));
            Run drift = fx.registry().markRunning(fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext()).id());
            Run backup = fx.registry().markRunning(fx.start(OPERATOR_A, TENANT_A, BACKUP, fx.uniqueContext()).id());
            Run other = fx.registry().markRunning(fx.start(OPERATOR_A, TENANT_A, UNLINKED, fx.uniqueContext()).id());
            fx.clock.advance(Duration.ofMinutes(5));
            assertEquals(List.of(drift.id()), maintenance().reapStaleRuns(policy).stale());
            fx.clock.advance(Duration.ofMinutes(10));
            assertEquals(List.of(other.id()), maintenance().reapStaleRuns(policy).stale(), "the default still applies");
            fx.clock.advance(Duration.ofMinutes(30));
            assertEquals(0, maintenance().reapStaleRuns(policy).total(), "backup runs may be quiet for an hour");
            fx.clock.advance(Duration.ofMinutes(16));
            assertEquals(List.of(backup.id()), maintenance().reapStaleRuns(policy).stale());
        }

        @Test
        void a_pending_run_not_started_within_the_queue_timeout_fails_as_never_started() {
            Run run = fx.start();
            fx.clock.advance(QUEUE_TIMEOUT);
            assertEquals(0, reap().total(), "exactly the queue timeout is not yet too long");
            fx.clock.advance(MICRO);

            ReapReport report = reap();

            assertEquals(List.of(run.id()), report.neverStarted());
            assertEquals(List.of(), report.stale());
            Run reaped = fx.registry().get(run.id());
            assertEquals(RunStatus.FAILED, reaped.status());
            assertEquals(ReasonCode.RUN_NEVER_STARTED, reaped.failure().reasonCode());
            assertNull(reaped.startedAt());
            assertEquals(fx.now(), reaped.finishedAt());
            List<Notification> notices = failedNotices(run);
            assertEquals(1, notices.size());
            assertTrue(notices.get(0).body().contains(ReasonCode.RUN_NEVER_STARTED.value()), notices.get(0).body());
        }

        @Test
        void a_pending_run_is_judged_by_the_queue_timeout_not_the_heartbeat_timeout() {
            Run run = fx.start();
            fx.clock.advance(Duration.ofMinutes(15));
            Snapshot before = fx.snapshot(run.id());
            assertEquals(0, reap().total());
            fx.assertUnchanged(before, "a pending run younger than the queue timeout");
        }

        @Test
        void fresh_runs_and_ended_runs_are_left_alone() {
            List<Run> ended = List.of(fx.reach(RunStatus.COMPLETED, 1, 0), fx.reach(RunStatus.COMPLETED_WITH_ERRORS, 1, 1),
                    fx.reach(RunStatus.FAILED, 0, 0), fx.reach(RunStatus.ABORTED, 0, 0));
            fx.clock.advance(Duration.ofDays(3));
            Run pending = fx.start();
            Run running = fx.running();
            fx.clock.advance(Duration.ofMinutes(1));
            List<Snapshot> before = new ArrayList<>();
            ended.forEach(r -> before.add(fx.snapshot(r.id())));
            before.add(fx.snapshot(pending.id()));
            before.add(fx.snapshot(running.id()));
            assertEquals(0, reap().total());
            before.forEach(s -> fx.assertUnchanged(s, "a fresh or ended run"));
        }

        @ParameterizedTest(name = "a late {0}")
        @EnumSource(Action.class)
        void a_late_call_from_the_worker_of_a_reaped_run_is_refused_and_changes_nothing(Action action) {
            Run run = fx.running();
            fx.clock.advance(HEARTBEAT_TIMEOUT.plusMinutes(1));
            assertEquals(List.of(run.id()), reap().stale());
            fx.clock.advance(Duration.ofMinutes(1));
            Snapshot before = fx.snapshot(run.id());
            IllegalRunTransitionException e = assertThrows(IllegalRunTransitionException.class,
                    () -> action.apply(fx.registry(), run.id()));
            assertEquals(RunStatus.FAILED, e.actualStatus());
            fx.assertUnchanged(before, "a late " + action);
        }

        @Test
        void eight_concurrent_reapers_end_each_run_once_and_notify_once() {
            List<RunId> pending = new ArrayList<>();
            List<RunId> running = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                pending.add(fx.start().id());
            }
            for (int i = 0; i < 30; i++) {
                running.add(fx.running().id());
            }
            fx.clock.advance(QUEUE_TIMEOUT.plusMinutes(1));

            RaceResult<ReapReport> result = race(8, t -> reap());

            result.assertNoErrors();
            List<RunId> stale = result.values().stream().flatMap(r -> r.stale().stream()).toList();
            List<RunId> neverStarted = result.values().stream().flatMap(r -> r.neverStarted().stream()).toList();
            assertTrue(distinct(stale), "no run reaped twice: " + stale);
            assertTrue(distinct(neverStarted), "no run reaped twice: " + neverStarted);
            assertEquals(new HashSet<>(running), new HashSet<>(stale));
            assertEquals(new HashSet<>(pending), new HashSet<>(neverStarted));
            for (RunId id : running) {
                assertEquals(1, failedNotices(fx.registry().get(id)).size(), "one failure notice for " + id);
            }
            for (RunId id : pending) {
                assertEquals(1, failedNotices(fx.registry().get(id)).size(), "one failure notice for " + id);
            }
            assertEquals(0, reap().total(), "nothing left to reap");
        }

        @Test
        void one_pass_ends_at_most_max_runs_per_pass() {
            Set<RunId> all = new HashSet<>();
            for (int i = 0; i < 7; i++) {
                all.add(fx.running().id());
            }
            fx.clock.advance(HEARTBEAT_TIMEOUT.plusMinutes(1));
            StaleRunPolicy threeAtATime = new StaleRunPolicy(HEARTBEAT_TIMEOUT, Map.of(), QUEUE_TIMEOUT, 3);
            List<RunId> reaped = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (int pass = 0; pass < 4; pass++) {
                ReapReport report = maintenance().reapStaleRuns(threeAtATime);
                sizes.add(report.total());
                reaped.addAll(report.stale());
            }
            assertEquals(List.of(3, 3, 1, 0), sizes);
            assertTrue(distinct(reaped));
            assertEquals(all, new HashSet<>(reaped));
        }

        @Test
        void after_reaping_a_start_of_the_same_operation_starts_a_new_run() {
            RunContext ctx = fx.uniqueContext();
            Run old = fx.registry().markRunning(fx.start(OPERATOR_A, TENANT_A, DRIFT, ctx).id());
            fx.clock.advance(HEARTBEAT_TIMEOUT.plusMinutes(1));
            reap();
            Run fresh = started(fx.registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, DRIFT, ctx)));
            assertNotEquals(old.id(), fresh.id());
            assertEquals(RunStatus.PENDING, fresh.status());
        }

        @Test
        void the_reaper_covers_every_tenant_and_system_runs_notify_nobody() {
            Run inA = fx.running();
            Run inB = fx.registry().markRunning(fx.start(OPERATOR_B, TENANT_B, DRIFT, fx.uniqueContext()).id());
            Run bySystem = fx.registry().markRunning(fx.startBySystem(TENANT_A, BACKUP, fx.uniqueContext()).id());
            fx.clock.advance(HEARTBEAT_TIMEOUT.plusMinutes(1));
            assertEquals(Set.of(inA.id(), inB.id(), bySystem.id()), new HashSet<>(reap().stale()));
            assertEquals(1, fx.inbox(OPERATOR_B, TENANT_B, inB.id()).stream()
                    .filter(n -> n.kind() == NotificationKind.FAILED).count());
            assertTrue(fx.allNotifications(TENANT_A).stream().noneMatch(n -> n.runId().equals(bySystem.id())));
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("retention: ended runs past retention go, with their failures and notifications; active runs never")
    class Retention {

        @Test
        void ended_runs_older_than_the_retention_are_deleted_with_their_failures_and_notifications() {
            List<Run> old = List.of(fx.reach(RunStatus.COMPLETED_WITH_ERRORS, 2, 3), fx.reach(RunStatus.FAILED, 0, 1),
                    fx.reach(RunStatus.ABORTED, 0, 0), fx.reach(RunStatus.COMPLETED, 1, 0));
            fx.clock.advance(RETENTION.plusSeconds(1));
            Run young = fx.reach(RunStatus.COMPLETED, 1, 0);

            PurgeReport report = maintenance().purgeEndedRuns(KEEP_90_DAYS);

            assertEquals(4, report.runsDeleted());
            for (Run r : old) {
                assertThrows(RunNotFoundException.class, () -> fx.registry().get(r.id()));
                assertThrows(RunNotFoundException.class, () -> fx.queries().detail(OWNER_A, TENANT_A, r.id()));
            }
            Set<RunId> oldIds = old.stream().map(Run::id).collect(Collectors.toSet());
            assertTrue(fx.allNotifications(TENANT_A).stream().noneMatch(n -> oldIds.contains(n.runId())),
                    "their notifications went with them");
            assertEquals(2, fx.inbox(OPERATOR_A, TENANT_A, young.id()).size(), "other runs' notifications stay");
            assertEquals(List.of(young.id()), ContractFixtures.ids(fx.listAll(OWNER_A, TENANT_A, RunFilter.ALL)));
            assertEquals(1, fx.runCount(TENANT_A));
        }

        @Test
        void active_runs_are_never_deleted_however_old() {
            Run pending = fx.start();
            Run running = fx.running();
            fx.clock.advance(Duration.ofDays(1_000));
            Snapshot p = fx.snapshot(pending.id());
            Snapshot r = fx.snapshot(running.id());
            assertEquals(0, maintenance().purgeEndedRuns(KEEP_90_DAYS).runsDeleted());
            fx.assertUnchanged(p, "an old pending run");
            fx.assertUnchanged(r, "an old running run");
        }

        @Test
        void an_ended_run_is_kept_until_its_retention_has_fully_passed() {
            Run run = fx.reach(RunStatus.COMPLETED, 1, 0);
            fx.clock.advance(RETENTION.minusDays(1));
            assertEquals(0, maintenance().purgeEndedRuns(KEEP_90_DAYS).runsDeleted());
            fx.clock.advance(Duration.ofDays(1));
            assertEquals(0, maintenance().purgeEndedRuns(KEEP_90_DAYS).runsDeleted(), "exactly the retention: kept");
            assertEquals(run, fx.registry().get(run.id()));
            fx.clock.advance(MICRO);
            assertEquals(1, maintenance().purgeEndedRuns(KEEP_90_DAYS).runsDeleted());
        }

        @Test
        void age_counts_from_the_end_of_the_run_not_its_start() {
            Run run = fx.running();
            for (int day = 0; day < 100; day++) {
                fx.clock.advance(Duration.ofDays(1));
                fx.registry().heartbeat(run.id());
            }
            Run finished = fx.registry().finish(run.id());
            fx.clock.advance(Duration.ofDays(1));
            assertEquals(0, maintenance().purgeEndedRuns(KEEP_90_DAYS).runsDeleted());
            assertEquals(finished, fx.registry().get(run.id()));
        }

        @Test
        void a_purge_works_in_counted_batches() {
            for (int i = 0; i < 10; i++) {
                fx.reach(RunStatus.COMPLETED, 1, 0);
            }
            fx.clock.advance(RETENTION.plusDays(1));
            assertEquals(new PurgeReport(10, 4), maintenance().purgeEndedRuns(new RetentionPolicy(RETENTION, 3)));
            assertEquals(0, fx.runCount(TENANT_A));
        }

        @Test
        void a_purge_covers_every_tenant() {
            fx.reach(RunStatus.COMPLETED, 1, 0);
            fx.reach(fx.start(OPERATOR_B, TENANT_B, DRIFT, fx.uniqueContext()), RunStatus.FAILED, 0, 0);
            fx.clock.advance(RETENTION.plusDays(1));
            assertEquals(2, maintenance().purgeEndedRuns(KEEP_90_DAYS).runsDeleted());
            assertEquals(0, fx.runCount(TENANT_A));
            assertEquals(0, fx.runCount(TENANT_B));
            assertEquals(List.of(), fx.allNotifications(TENANT_B));
        }

        @Test
        void a_reaped_run_is_purged_once_its_retention_has_passed() {
            Run run = fx.running();
            fx.clock.advance(HEARTBEAT_TIMEOUT.plusMinutes(1));
            reap();
            fx.clock.advance(RETENTION.plusSeconds(1));
            assertEquals(1, maintenance().purgeEndedRuns(KEEP_90_DAYS).runsDeleted());
            assertThrows(RunNotFoundException.class, () -> fx.registry().get(run.id()));
        }

        @Test
        void concurrent_purges_delete_each_run_once() {
            for (int i = 0; i < 10; i++) {
                fx.reach(RunStatus.COMPLETED, 1, 0);
            }
            fx.clock.advance(RETENTION.plusDays(1));
            RaceResult<PurgeReport> result = race(4, t -> maintenance().purgeEndedRuns(new RetentionPolicy(RETENTION, 3)));
            result.assertNoErrors();
            assertEquals(10, result.values().stream().mapToLong(PurgeReport::runsDeleted).sum());
            assertEquals(0, fx.runCount(TENANT_A));
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("bad input to maintenance")
    class BadInput {

        @Test
        void a_null_policy_is_refused_and_changes_nothing() {
            Run running = fx.running();
            Run ended = fx.reach(RunStatus.COMPLETED, 1, 0);
            fx.clock.advance(Duration.ofDays(365));
            Snapshot r = fx.snapshot(running.id());
            Snapshot e = fx.snapshot(ended.id());
            assertThrows(InvalidRunInputException.class, () -> maintenance().reapStaleRuns(null));
            assertThrows(InvalidRunInputException.class, () -> maintenance().purgeEndedRuns(null));
            fx.assertUnchanged(r, "reapStaleRuns(null)");
            fx.assertUnchanged(e, "purgeEndedRuns(null)");
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("finding stale runs: what a reaper pass would end now, with nothing changed")
    class FindStaleRuns {

        @Test
        void it_names_the_runs_a_pass_would_end_and_changes_none_of_them() {
            Run stale = fx.running();
            Run queued = fx.startBySystem(TENANT_B, BACKUP, fx.uniqueContext());
            fx.clock.advance(QUEUE_TIMEOUT.plusSeconds(1));
            Run fresh = fx.running();
            Snapshot s = fx.snapshot(stale.id());
            Snapshot q = fx.snapshot(queued.id());

            ReapReport found = maintenance().findStaleRuns(POLICY);

            assertEquals(List.of(stale.id()), found.stale());
            assertEquals(List.of(queued.id()), found.neverStarted());
            fx.assertUnchanged(s, "findStaleRuns");
            fx.assertUnchanged(q, "findStaleRuns");
            assertEquals(RunStatus.RUNNING, fx.registry().get(fresh.id()).status());
            assertEquals(found, reap(), "the pass ends what was found");
        }

        @Test
        void it_keeps_to_the_per_pass_bound_and_refuses_a_null_policy() {
            fx.running();
            fx.running();
            fx.start();
            fx.clock.advance(QUEUE_TIMEOUT.plusSeconds(1));

            ReapReport found = maintenance().findStaleRuns(new StaleRunPolicy(HEARTBEAT_TIMEOUT, Map.of(), QUEUE_TIMEOUT, 2));

            assertEquals(2, found.total());
            assertThrows(InvalidRunInputException.class, () -> maintenance().findStaleRuns(null));
        }
    }
}
