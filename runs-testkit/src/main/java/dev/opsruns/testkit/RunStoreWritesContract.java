package dev.opsruns.testkit;

import static dev.opsruns.testkit.StoreFixtures.ALICE;
import static dev.opsruns.testkit.StoreFixtures.BOB;
import static dev.opsruns.testkit.StoreFixtures.DRIFT;
import static dev.opsruns.testkit.StoreFixtures.MICRO;
import static dev.opsruns.testkit.StoreFixtures.NO_CAP;
import static dev.opsruns.testkit.StoreFixtures.SCHEDULER;
import static dev.opsruns.testkit.StoreFixtures.SYNC;
import static dev.opsruns.testkit.StoreFixtures.TENANT_A;
import static dev.opsruns.testkit.StoreFixtures.TENANT_B;
import static dev.opsruns.testkit.StoreFixtures.acceptedStatus;
import static dev.opsruns.testkit.StoreFixtures.ids;
import static dev.opsruns.testkit.StoreFixtures.unknownRunId;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunIdempotency;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.spi.InsertOutcome;
import dev.opsruns.core.spi.RunEnd;
import dev.opsruns.core.spi.RunStore;
import dev.opsruns.core.spi.StaleCandidate;
import dev.opsruns.core.spi.StoredDetail;
import dev.opsruns.testkit.ContractFixtures.RaceResult;
import dev.opsruns.testkit.StoreFixtures.Snapshot;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The write primitives of {@link RunStore}, called directly: starting, the worker's writes, and every
 * end. {@link RunStoreContract} runs it; see there.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class RunStoreWritesContract {

    /** Threads released at once in every race. */
    private static final int THREADS = 16;

    private StoreFixtures fx;
    private RunStore store;

    /** @return a new, EMPTY store on every call */
    protected abstract RunStore createStore();

    @BeforeEach
    final void openEmptyStore() {
        fx = new StoreFixtures(createStore());
        store = fx.store;
    }

    // ------------------------------------------------------------------ starting

    @Nested
    @DisplayName("insertUnlessActive stores a pending run unless an active run of the tenant holds its key")
    class InsertUnlessActive {

        @Test
        void a_new_run_is_stored_exactly_as_given_to_the_microsecond() {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("name", "Zürich \"HQ\" \\ </script> \u2603");
            members.put("flag", true);
            members.put("big", new BigInteger("123456789012345678901234567890"));
            members.put("list", List.of(1, "1", false, List.of()));
            members.put("nested", Map.of("empty", Map.of(), "n", -7));
            RunContext context = RunContext.of(members);
            Run byUser = fx.newRun(TENANT_A, DRIFT, ALICE, context, RunIdempotency.buildKey(TENANT_A, DRIFT, context));
            fx.advance(Duration.ofNanos(1_234_000));
            Run bySystem = fx.newRun(TENANT_B, SYNC, SCHEDULER);

            assertInstanceOf(InsertOutcome.Inserted.class, store.insertUnlessActive(byUser, fx.queued(byUser)));
            assertInstanceOf(InsertOutcome.Inserted.class, store.insertUnlessActive(bySystem, null));

            assertEquals(Optional.of(byUser), store.findRun(byUser.id()), "a user's run, read back");
            assertEquals(Optional.of(bySystem), store.findRun(bySystem.id()), "a system run, read back");
        }

        @ParameterizedTest(name = "holder {0}")
        @EnumSource(value = RunStatus.class, names = {"PENDING", "RUNNING"})
        void a_run_with_the_key_of_an_active_run_gets_that_run_and_writes_nothing(RunStatus holderStatus) {
            Run holder = fx.inStatus(holderStatus);
            Snapshot before = fx.snapshot(holder.id());
            fx.advance(Duration.ofSeconds(1));
            Run second = fx.sameKeyAs(holder);

            InsertOutcome outcome = store.insertUnlessActive(second, fx.queued(second));

            assertEquals(new InsertOutcome.Active(holder), outcome, "Active with the holder as stored");
            assertEquals(Optional.empty(), store.findRun(second.id()), "the second run was not stored");
            fx.assertUnchanged(before, "an insert that found an active holder");
        }

        @Test
        void the_same_key_in_another_tenant_is_another_run() {
            Run holder = fx.pending();
            Run otherTenant = fx.newRun(TENANT_B, holder.runType(), holder.initiator(), holder.context(),
                    holder.idempotencyKey());

            assertInstanceOf(InsertOutcome.Inserted.class, store.insertUnlessActive(otherTenant, null));
            assertEquals(Optional.of(otherTenant), store.findRun(otherTenant.id()));
            assertEquals(Optional.of(holder), store.findRun(holder.id()));
        }

        @ParameterizedTest(name = "holder ended by {0}")
        @EnumSource(RunEnd.Kind.class)
        void once_the_holder_ended_the_key_is_free(RunEnd.Kind kind) {
            Run holder = fx.reach(fx.pending(), acceptedStatus(kind));
            fx.advance(Duration.ofSeconds(1));
            fx.end(fx.endOf(kind, holder));
            Run next = fx.sameKeyAs(holder);

            assertInstanceOf(InsertOutcome.Inserted.class, store.insertUnlessActive(next, null));
            assertEquals(Optional.of(next), store.findRun(next.id()));
            assertEquals(Set.of(holder.id(), next.id()), Set.copyOf(ids(fx.all(TENANT_A))));
        }

        @Test
        void the_queued_notification_is_stored_with_the_run_and_only_when_the_run_is() {
            Run first = fx.newRun();
            Notification queued = fx.queued(first);
            assertInstanceOf(InsertOutcome.Inserted.class, store.insertUnlessActive(first, queued));
            Run system = fx.insert(fx.newRun(TENANT_A, SYNC, SCHEDULER));
            Run refused = fx.sameKeyAs(first);
            assertInstanceOf(InsertOutcome.Active.class, store.insertUnlessActive(refused, fx.queued(refused)));

            assertEquals(List.of(queued), fx.allNotifications(), "only the inserted run's notification, as given");
            assertEquals(List.of(), fx.notificationsOf(system.id()), "a null notification stores none");
        }

        @Test
        void sixteen_threads_racing_on_one_key_insert_exactly_one_run() {
            Run template = fx.newRun();
            List<Run> candidates = new ArrayList<>();
            List<Notification> notices = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                candidates.add(fx.sameKeyAs(template));
                notices.add(fx.queued(candidates.get(i)));
            }

            RaceResult<InsertOutcome> race = ContractFixtures.race(THREADS,
                    i -> store.insertUnlessActive(candidates.get(i), notices.get(i)));

            race.assertNoErrors();
            List<Run> stored = fx.all(TENANT_A);
            assertEquals(1, stored.size(), "exactly one run stored: " + ids(stored));
            Run winner = stored.get(0);
            int inserted = 0;
            Notification winnersNotice = null;
            for (int i = 0; i < THREADS; i++) {
                InsertOutcome outcome = race.values().get(i);
                if (outcome instanceof InsertOutcome.Inserted) {
                    inserted++;
                    winnersNotice = notices.get(i);
                    assertEquals(candidates.get(i), winner, "the thread told Inserted is the one whose run was stored");
                } else if (outcome instanceof InsertOutcome.Active active) {
                    assertEquals(winner, active.run(), "Active names the stored run");
                } else {
                    assertInstanceOf(InsertOutcome.Contended.class, outcome);
                }
            }
            assertEquals(1, inserted, "exactly one Inserted: " + race.values());
            assertEquals(List.of(winnersNotice), fx.allNotifications(), "only the winner's notification was stored");
        }
    }

    @Nested
    @DisplayName("insertNotification and findRun store and read records as given")
    class InsertNotificationAndFindRun {

        @Test
        void a_notification_is_stored_unread_exactly_as_given() {
            Run run = fx.pending();
            fx.advance(Duration.ofSeconds(3));
            Notification reused = fx.notification(run, BOB.id(), NotificationKind.REUSED, fx.now());

            store.insertNotification(reused);

            assertEquals(List.of(reused), fx.inbox(TENANT_A, BOB.id()));
            assertFalse(fx.inbox(TENANT_A, BOB.id()).get(0).isRead());
        }

        @Test
        void findRun_finds_a_run_of_any_tenant_and_nothing_for_an_unknown_id() {
            Run a = fx.pending();
            Run b = fx.insert(fx.newRun(TENANT_B, DRIFT, ALICE));

            assertEquals(Optional.of(a), store.findRun(a.id()));
            assertEquals(Optional.of(b), store.findRun(b.id()));
            assertEquals(Optional.empty(), store.findRun(unknownRunId()));
        }
    }

    // ------------------------------------------------------------------ workers

    @Nested
    @DisplayName("markRunning moves a pending or running run to running, and refuses every other")
    class MarkRunning {

        @Test
        void a_pending_run_becomes_running_started_and_heartbeat_now() {
            Run pending = fx.pending();
            Instant at = fx.advance(Duration.ofSeconds(2));

            Optional<Run> marked = store.markRunning(pending.id(), at);

            Run expected = pending.withStatus(RunStatus.RUNNING).withStartedAt(at).withHeartbeatAt(at);
            assertEquals(Optional.of(expected), marked, "the run after the change");
            assertEquals(Optional.of(expected), store.findRun(pending.id()), "as stored");
        }

        @Test
        void a_running_run_keeps_its_first_start_and_gets_a_new_heartbeat() {
            Run running = fx.running();
            Instant at = fx.advance(Duration.ofMinutes(5));

            Optional<Run> marked = store.markRunning(running.id(), at);

            Run expected = running.withHeartbeatAt(at);
            assertEquals(Optional.of(expected), marked);
            assertEquals(Optional.of(expected), store.findRun(running.id()));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = RunStatus.class, names = {"PENDING", "RUNNING"}, mode = EnumSource.Mode.EXCLUDE)
        void an_ended_run_is_refused_and_left_as_it_was(RunStatus ended) {
            Run run = fx.inStatus(ended);
            Snapshot before = fx.snapshot(run.id());

            assertEquals(Optional.empty(), store.markRunning(run.id(), fx.advance(Duration.ofSeconds(1))));
            fx.assertUnchanged(before, "markRunning of a " + ended + " run");
        }

        @Test
        void a_missing_run_is_refused() {
            assertEquals(Optional.empty(), store.markRunning(unknownRunId(), fx.now()));
            assertEquals(List.of(), fx.all(TENANT_A));
        }
    }

    /** The writes a worker makes while its run is running, with the statuses that accept them. */
    enum WorkerWrite {
        HEARTBEAT, SET_TOTAL, ADD_PROGRESS, RECORD_ITEM_FAILURE;

        boolean apply(StoreFixtures fx, RunId id) {
            Instant at = fx.now();
            return switch (this) {
                case HEARTBEAT -> fx.store.heartbeat(id, at);
                case SET_TOTAL -> fx.store.setTotal(id, 42, at);
                case ADD_PROGRESS -> fx.store.addProgress(id, new ProgressDelta(2, 1, 1), at, StoreFixtures.FAR_FUTURE);
                case RECORD_ITEM_FAILURE -> fx.store.recordItemFailure(id, fx.itemFailure("late-item"), NO_CAP);
            };
        }
    }

    static Stream<Arguments> workerWritesOnRunsNotRunning() {
        return Stream.of(WorkerWrite.values()).flatMap(w -> Stream.of(RunStatus.values())
                .filter(s -> s != RunStatus.RUNNING)
                .map(s -> Arguments.of(w, s)));
    }

    @Nested
    @DisplayName("heartbeat, setTotal, addProgress and recordItemFailure change a running run only")
    class WorkerWrites {

        @Test
        void heartbeat_sets_the_heartbeat_and_nothing_else() {
            Run running = fx.running();
            Instant at = fx.advance(Duration.ofSeconds(30));

            assertTrue(store.heartbeat(running.id(), at));
            assertEquals(running.withHeartbeatAt(at), fx.find(running.id()));
        }

        @Test
        void setTotal_sets_the_total_and_the_heartbeat() {
            Run running = fx.running();
            fx.progress(running, ProgressDelta.succeeded(3));
            Run before = fx.find(running.id());
            Instant at = fx.advance(Duration.ofSeconds(30));

            assertTrue(store.setTotal(running.id(), 250, at));
            assertEquals(before.withCounts(before.counts().withTotal(250)).withHeartbeatAt(at), fx.find(running.id()));
        }

        @Test
        void addProgress_adds_the_delta_and_refreshes_a_heartbeat_older_than_the_bound() {
            Run running = fx.running();
            Instant at = fx.advance(Duration.ofSeconds(5));

            assertTrue(store.addProgress(running.id(), new ProgressDelta(3, 2, 1), at, running.heartbeatAt().plus(MICRO)));
            assertTrue(store.addProgress(running.id(), new ProgressDelta(1, 0, 0), at, running.heartbeatAt().plus(MICRO)));

            assertEquals(running.withCounts(new RunCounts(0, 4, 2, 1)).withHeartbeatAt(at), fx.find(running.id()));
        }

        @Test
        void addProgress_leaves_a_heartbeat_not_older_than_the_bound_alone() {
            Run running = fx.running();
            Instant heartbeat = running.heartbeatAt();
            Instant at = fx.advance(Duration.ofMillis(500));

            assertTrue(store.addProgress(running.id(), ProgressDelta.succeeded(1), at, heartbeat), "bound equal to the heartbeat");
            assertTrue(store.addProgress(running.id(), ProgressDelta.skipped(1), at, heartbeat.minus(MICRO)), "bound before it");

            assertEquals(running.withCounts(new RunCounts(0, 1, 0, 1)), fx.find(running.id()), "counts added, heartbeat kept");
        }

        @Test
        void recordItemFailure_counts_the_item_stores_it_and_sets_the_heartbeat_to_its_time() {
            Run running = fx.running();
            fx.advance(Duration.ofSeconds(7));
            ItemFailure failure = fx.itemFailure("policy-17");

            assertTrue(store.recordItemFailure(running.id(), failure, NO_CAP));

            Run expected = running.withCounts(new RunCounts(0, 0, 1, 0)).withHeartbeatAt(failure.occurredAt());
            assertEquals(new StoredDetail(expected, List.of(failure), 0), fx.detail(running));
        }

        @Test
        void beyond_the_cap_failures_are_counted_but_no_more_are_stored() {
            Run running = fx.running();
            List<ItemFailure> failures = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fx.advance(Duration.ofMillis(10));
                failures.add(fx.itemFailure("item-" + i));
                assertTrue(store.recordItemFailure(running.id(), failures.get(i), 3), "failure " + i);
            }

            StoredDetail detail = fx.detail(running);
            assertEquals(5, detail.run().counts().failed(), "every failure counted");
            assertEquals(failures.subList(0, 3), detail.itemFailures(), "the first three stored, oldest first");
            assertEquals(2, detail.itemFailuresOmitted());
            assertEquals(failures.get(4).occurredAt(), detail.run().heartbeatAt(), "an uncapped failure still beats the heart");
        }

        @ParameterizedTest(name = "{0} on a {1} run")
        @MethodSource("dev.opsruns.testkit.RunStoreWritesContract#workerWritesOnRunsNotRunning")
        void every_worker_write_on_a_run_not_running_returns_false_and_changes_nothing(WorkerWrite write, RunStatus status) {
            Run run = fx.inStatus(status);
            Snapshot before = fx.snapshot(run.id());
            fx.advance(Duration.ofSeconds(5));

            assertFalse(write.apply(fx, run.id()), write + " on a " + status + " run");
            fx.assertUnchanged(before, write + " on a " + status + " run");
        }

        @Test
        void every_worker_write_on_a_missing_run_returns_false() {
            Run other = fx.running();
            Snapshot before = fx.snapshot(other.id());
            RunId missing = unknownRunId();
            for (WorkerWrite write : WorkerWrite.values()) {
                assertFalse(write.apply(fx, missing), write + " on a missing run");
            }
            fx.assertUnchanged(before, "worker writes on a missing run");
        }

        @Test
        void sixteen_threads_adding_progress_lose_no_update() {
            Run running = fx.running();
            int perThread = 10;

            RaceResult<Boolean> race = ContractFixtures.race(THREADS, i -> {
                boolean all = true;
                for (int n = 0; n < perThread; n++) {
                    all &= store.addProgress(running.id(), new ProgressDelta(1, n % 2, 2), fx.now(), fx.now());
                }
                return all;
            });

            race.assertNoErrors();
            assertEquals(List.of(true), race.values().stream().distinct().toList(), "every call accepted");
            long calls = (long) THREADS * perThread;
            assertEquals(new RunCounts(0, calls, THREADS * 5L, 2 * calls), fx.find(running.id()).counts());
        }

        @ParameterizedTest(name = "cap {0}")
        @ValueSource(ints = {10, NO_CAP})
        void sixteen_threads_recording_failures_never_exceed_the_cap_nor_store_fewer_below_it(int cap) {
            Run running = fx.running();
            int perThread = 4;

            RaceResult<Boolean> race = ContractFixtures.race(THREADS, i -> {
                boolean all = true;
                for (int n = 0; n < perThread; n++) {
                    all &= store.recordItemFailure(running.id(), fx.itemFailure("t" + i + "-" + n), cap);
                }
                return all;
            });

            race.assertNoErrors();
            assertEquals(List.of(true), race.values().stream().distinct().toList(), "every call accepted");
            int recorded = THREADS * perThread;
            StoredDetail detail = fx.detail(running);
            int stored = Math.min(cap, recorded);
            assertEquals(recorded, detail.run().counts().failed(), "every failure counted");
            assertEquals(stored, detail.itemFailures().size(), "failures stored");
            assertEquals(stored, new HashSet<>(detail.itemFailures()).size(), "no failure stored twice");
            assertEquals(recorded - stored, detail.itemFailuresOmitted(), "omitted");
        }
    }

    // ------------------------------------------------------------------ ends

    static Stream<Arguments> acceptedEnds() {
        return Stream.of(RunEnd.Kind.values()).flatMap(k -> k.from().stream().sorted().map(s -> Arguments.of(k, s)));
    }

    static Stream<Arguments> refusedEnds() {
        return Stream.of(RunEnd.Kind.values()).flatMap(k -> Stream.of(RunStatus.values())
                .filter(s -> !k.from().contains(s))
                .map(s -> Arguments.of(k, s)));
    }

    @Nested
    @DisplayName("end applies one compare-and-set end with its notification, all or nothing")
    class End {

        @ParameterizedTest(name = "{0} from {1}")
        @MethodSource("dev.opsruns.testkit.RunStoreWritesContract#acceptedEnds")
        void an_end_from_a_status_it_accepts_sets_status_failure_and_finish_time_and_stores_its_notification(
                RunEnd.Kind kind, RunStatus from) {
            Run run = fx.reach(fx.pending(), from);
            fx.advance(Duration.ofSeconds(9));
            RunEnd end = fx.endOf(kind, run);
            AtomicReference<Run> given = new AtomicReference<>();
            AtomicReference<Notification> notice = new AtomicReference<>();

            Optional<Run> ended = store.end(end, r -> {
                assertTrue(given.compareAndSet(null, r), "the notification function is called once");
                notice.set(fx.endedNotice(r));
                return Optional.of(notice.get());
            });

            Run expected = run.withStatus(end.targetStatus(run.counts())).withFailure(end.failure()).withFinishedAt(end.at());
            assertAll(
                    () -> assertEquals(Optional.of(expected), ended, "the ended run"),
                    () -> assertEquals(expected, given.get(), "the function is given the run as ended"),
                    () -> assertEquals(Optional.of(expected), store.findRun(run.id()), "as stored"),
                    () -> assertEquals(List.of(notice.get()), fx.notificationsOf(run.id()),
                            "the function's notification stored with it"));
        }

        @Test
        void finish_completes_a_run_without_failed_items_and_completes_with_errors_otherwise() {
            Run clean = fx.running();
            fx.progress(clean, new ProgressDelta(5, 0, 2));
            Run failedAsProgress = fx.running();
            fx.progress(failedAsProgress, new ProgressDelta(5, 1, 0));
            Run failedAsItem = fx.running();
            assertTrue(store.recordItemFailure(failedAsItem.id(), fx.itemFailure("x"), NO_CAP));

            assertEquals(RunStatus.COMPLETED, fx.end(RunEnd.finish(clean.id(), fx.now())).status());
            assertEquals(RunStatus.COMPLETED_WITH_ERRORS, fx.end(RunEnd.finish(failedAsProgress.id(), fx.now())).status());
            assertEquals(RunStatus.COMPLETED_WITH_ERRORS, fx.end(RunEnd.finish(failedAsItem.id(), fx.now())).status());
        }

        @ParameterizedTest(name = "{0} from {1}")
        @MethodSource("dev.opsruns.testkit.RunStoreWritesContract#refusedEnds")
        void an_end_from_a_status_it_does_not_accept_is_refused_and_changes_nothing(RunEnd.Kind kind, RunStatus status) {
            Run run = fx.inStatus(status);
            Snapshot before = fx.snapshot(run.id());
            fx.advance(Duration.ofSeconds(9));

            Optional<Run> ended = store.end(fx.endOf(kind, run), StoreFixtures::refusedEndMustNotNotify);

            assertEquals(Optional.empty(), ended);
            fx.assertUnchanged(before, kind + " of a " + status + " run");
        }

        @Test
        void an_end_of_a_missing_run_is_refused() {
            for (RunEnd.Kind kind : RunEnd.Kind.values()) {
                Run notStored = fx.newRun();
                assertEquals(Optional.empty(), store.end(fx.endOf(kind, notStored), StoreFixtures::refusedEndMustNotNotify), kind.name());
            }
            assertEquals(List.of(), fx.all(TENANT_A));
        }

        @Test
        void reap_stale_is_refused_when_the_heartbeat_is_not_exactly_the_one_judged() {
            Run running = fx.running();
            Instant heartbeat = running.heartbeatAt();
            Snapshot before = fx.snapshot(running.id());
            fx.advance(Duration.ofMinutes(10));

            for (Instant judged : List.of(heartbeat.minus(MICRO), heartbeat.plus(MICRO))) {
                RunEnd reap = RunEnd.reapStale(new StaleCandidate(running.id(), running.runType(), judged),
                        fx.failure("no heartbeat"), fx.now());
                assertEquals(Optional.empty(), store.end(reap, StoreFixtures::refusedEndMustNotNotify), "judged " + judged);
            }
            fx.assertUnchanged(before, "a reap whose heartbeat moved on");
        }

        @Test
        void reap_never_started_is_refused_for_a_run_created_at_or_after_the_cutoff() {
            Run pending = fx.pending();
            Snapshot before = fx.snapshot(pending.id());
            fx.advance(Duration.ofHours(1));

            for (Instant cutoff : List.of(pending.createdAt(), pending.createdAt().minus(MICRO))) {
                RunEnd reap = RunEnd.reapNeverStarted(pending.id(), cutoff, fx.failure("never started"), fx.now());
                assertEquals(Optional.empty(), store.end(reap, StoreFixtures::refusedEndMustNotNotify), "cutoff " + cutoff);
            }
            fx.assertUnchanged(before, "a reap of a run not queued before the cutoff");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(RunEnd.Kind.class)
        void a_notification_function_that_throws_leaves_the_run_as_it_was_and_its_exception_reaches_the_caller(
                RunEnd.Kind kind) {
            Run run = fx.reach(fx.pending(), acceptedStatus(kind));
            Snapshot before = fx.snapshot(run.id());
            fx.advance(Duration.ofSeconds(9));
            IllegalStateException hostFailure = new IllegalStateException("the host's link template failed");

            RuntimeException thrown = assertThrows(RuntimeException.class,
                    () -> store.end(fx.endOf(kind, run), r -> {
                        throw hostFailure;
                    }));

            assertSame(hostFailure, thrown, "the function's exception, as it is");
            fx.assertUnchanged(before, kind + " whose notification failed");
            assertEquals(new InsertOutcome.Active(run), store.insertUnlessActive(fx.sameKeyAs(run), null),
                    "the run still holds its key");
        }

        @Test
        void sixteen_threads_racing_to_end_one_run_end_it_exactly_once_with_one_notification() {
            Run running = fx.running();
            fx.advance(Duration.ofSeconds(9));
            List<RunEnd.Kind> kinds = List.of(RunEnd.Kind.FINISH, RunEnd.Kind.FAIL, RunEnd.Kind.ABORT, RunEnd.Kind.REAP_STALE);
            List<RunEnd> ends = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                ends.add(fx.endOf(kinds.get(i % kinds.size()), running));
            }

            RaceResult<Optional<Run>> race = ContractFixtures.race(THREADS,
                    i -> store.end(ends.get(i), r -> Optional.of(fx.endedNotice(r))));

            race.assertNoErrors();
            List<Run> winners = race.values().stream().flatMap(Optional::stream).toList();
            assertEquals(1, winners.size(), "exactly one end applied: " + race.values());
            assertEquals(winners.get(0), fx.find(running.id()), "the winner's end is the one stored");
            assertEquals(1, fx.notificationsOf(running.id()).size(), "one notification stored");
        }
    }
}
