package dev.opsruns.testkit;

import static dev.opsruns.testkit.StoreFixtures.ALICE;
import static dev.opsruns.testkit.StoreFixtures.BACKUP;
import static dev.opsruns.testkit.StoreFixtures.BOB;
import static dev.opsruns.testkit.StoreFixtures.DRIFT;
import static dev.opsruns.testkit.StoreFixtures.FAR_FUTURE;
import static dev.opsruns.testkit.StoreFixtures.MICRO;
import static dev.opsruns.testkit.StoreFixtures.NEWEST_FIRST;
import static dev.opsruns.testkit.StoreFixtures.NEWEST_NOTIFICATION_FIRST;
import static dev.opsruns.testkit.StoreFixtures.NO_CAP;
import static dev.opsruns.testkit.StoreFixtures.SCHEDULER;
import static dev.opsruns.testkit.StoreFixtures.SYNC;
import static dev.opsruns.testkit.StoreFixtures.TENANT_A;
import static dev.opsruns.testkit.StoreFixtures.TENANT_B;
import static dev.opsruns.testkit.StoreFixtures.ids;
import static dev.opsruns.testkit.StoreFixtures.unknownRunId;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.spi.HeartbeatCutoffs;
import dev.opsruns.core.spi.PagePosition;
import dev.opsruns.core.spi.RunEnd;
import dev.opsruns.core.spi.RunStore;
import dev.opsruns.core.spi.StaleCandidate;
import dev.opsruns.core.spi.StoredDetail;
import dev.opsruns.testkit.ContractFixtures.RaceResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The monitoring, maintenance and notification primitives of {@link RunStore}, called directly.
 * {@link RunStoreContract} runs it; see there.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class RunStoreReadsContract {

    private StoreFixtures fx;
    private RunStore store;

    /** @return a new, EMPTY store on every call */
    protected abstract RunStore createStore();

    @BeforeEach
    final void openEmptyStore() {
        fx = new StoreFixtures(createStore());
        store = fx.store;
    }

    /** Runs of tenant A, one in each way a run can look: three share a creation time, one is of tenant B. */
    private List<Run> mixedRuns() {
        List<Run> runs = new ArrayList<>();
        fx.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) { // same createdAt: the id decides their order
            runs.add(fx.insert(fx.newRun(TENANT_A, i == 0 ? BACKUP : DRIFT, ALICE)));
        }
        fx.advance(Duration.ofMinutes(1));
        runs.add(fx.inStatus(RunStatus.RUNNING));
        fx.advance(Duration.ofMinutes(1));
        runs.add(fx.insert(fx.newRun(TENANT_A, SYNC, SCHEDULER)));
        fx.advance(Duration.ofMinutes(1));
        runs.add(fx.inStatus(RunStatus.FAILED));
        fx.advance(Duration.ofMinutes(1));
        fx.insert(fx.newRun(TENANT_B, DRIFT, ALICE));
        return runs.stream().map(r -> fx.find(r.id())).toList();
    }

    /** @return the runs that pass the filter, in the list's order (newest first): what a page must hold */
    private static List<Run> newestFirst(List<Run> runs, Predicate<Run> filter) {
        List<Run> sorted = new ArrayList<>(runs.stream().filter(filter).toList());
        sorted.sort(NEWEST_FIRST);
        return sorted;
    }

    // ------------------------------------------------------------------ page

    @Nested
    @DisplayName("page lists one tenant's runs newest first, by keyset position, limit and filter")
    class Page {

        @Test
        void the_first_page_holds_the_tenants_runs_newest_first_by_creation_time_then_id() {
            List<Run> runs = mixedRuns();

            assertEquals(newestFirst(runs, r -> true), store.page(TENANT_A, RunFilter.ALL, null, NO_CAP));
            assertEquals(1, store.page(TENANT_B, RunFilter.ALL, null, NO_CAP).size(), "tenant B sees only its own");
        }

        @Test
        void the_limit_bounds_a_page_to_the_newest_runs() {
            List<Run> runs = mixedRuns();

            assertEquals(newestFirst(runs, r -> true).subList(0, 2), store.page(TENANT_A, RunFilter.ALL, null, 2));
            assertEquals(newestFirst(runs, r -> true).subList(0, 1), store.page(TENANT_A, RunFilter.ALL, null, 1));
        }

        @Test
        void older_gives_the_runs_strictly_below_the_position_newest_first() {
            List<Run> expected = newestFirst(mixedRuns(), r -> true);
            for (int at = 0; at < expected.size(); at++) {
                Run pos = expected.get(at);
                PagePosition position = new PagePosition(PagePosition.Direction.OLDER, pos.createdAt(), pos.id());
                assertEquals(ids(expected.subList(at + 1, expected.size())),
                        ids(store.page(TENANT_A, RunFilter.ALL, position, NO_CAP)), "older than run " + at);
                assertEquals(ids(expected.subList(at + 1, Math.min(expected.size(), at + 3))),
                        ids(store.page(TENANT_A, RunFilter.ALL, position, 2)), "older than run " + at + ", limit 2");
            }
        }

        @Test
        void newer_gives_the_runs_strictly_above_the_position_nearest_first() {
            List<Run> expected = newestFirst(mixedRuns(), r -> true);
            for (int at = 0; at < expected.size(); at++) {
                Run pos = expected.get(at);
                PagePosition position = new PagePosition(PagePosition.Direction.NEWER, pos.createdAt(), pos.id());
                List<Run> above = new ArrayList<>(expected.subList(0, at));
                Collections.reverse(above);
                assertEquals(ids(above), ids(store.page(TENANT_A, RunFilter.ALL, position, NO_CAP)), "newer than run " + at);
                assertEquals(ids(above.subList(0, Math.min(2, above.size()))),
                        ids(store.page(TENANT_A, RunFilter.ALL, position, 2)), "newer than run " + at + ", limit 2");
            }
        }

        @Test
        void a_position_need_not_be_a_stored_run() {
            List<Run> runs = mixedRuns();
            // just above the lowest id of the three runs sharing a creation time: between stored runs
            RunId lowest = runs.subList(0, 3).stream().map(Run::id).min(RunId::compareTo).orElseThrow();
            RunId between = new RunId(new UUID(lowest.value().getMostSignificantBits(),
                    lowest.value().getLeastSignificantBits() + 1));
            Instant tied = runs.get(0).createdAt();
            PagePosition older = new PagePosition(PagePosition.Direction.OLDER, tied, between);
            PagePosition newer = new PagePosition(PagePosition.Direction.NEWER, tied, between);

            assertEquals(ids(newestFirst(runs, r -> older.compareRun(r.createdAt(), r.id()) < 0)),
                    ids(store.page(TENANT_A, RunFilter.ALL, older, NO_CAP)));
            List<Run> above = newestFirst(runs, r -> newer.compareRun(r.createdAt(), r.id()) > 0);
            Collections.reverse(above);
            assertEquals(ids(above), ids(store.page(TENANT_A, RunFilter.ALL, newer, NO_CAP)));
        }

        @Test
        void a_type_filter_keeps_the_runs_of_those_types() {
            List<Run> runs = mixedRuns();
            RunFilter filter = RunFilter.ALL.withRunTypes(Set.of(BACKUP, SYNC));

            List<Run> expected = newestFirst(runs, filter::matches);
            assertEquals(expected, store.page(TENANT_A, filter, null, NO_CAP));
            assertEquals(2, expected.size());
            Run newest = expected.get(0);
            assertEquals(expected.subList(1, 2), store.page(TENANT_A, filter,
                    new PagePosition(PagePosition.Direction.OLDER, newest.createdAt(), newest.id()), NO_CAP),
                    "a filter and a position together");
        }

        @Test
        void a_bucket_filter_keeps_the_runs_in_that_bucket() {
            List<Run> runs = oneRunPerBucketWay();

            assertAll(Stream.of(StatusBucket.values()).map(bucket -> (Executable) () -> {
                List<Run> expected = newestFirst(runs, r -> r.bucket() == bucket);
                assertFalse(expected.isEmpty(), "the fixture has a run in every bucket");
                assertEquals(expected, store.page(TENANT_A, RunFilter.ALL.withBuckets(Set.of(bucket)), null, NO_CAP),
                        bucket.apiName());
            }));
        }

        @Test
        void a_filter_of_several_buckets_keeps_the_runs_in_any_of_them() {
            List<Run> runs = oneRunPerBucketWay();
            RunFilter filter = RunFilter.ALL.withBuckets(Set.of(StatusBucket.QUEUED, StatusBucket.FAILED));

            assertEquals(newestFirst(runs, filter::matches), store.page(TENANT_A, filter, null, NO_CAP));
        }

        @Test
        void a_creation_range_includes_from_and_excludes_to_to_the_microsecond() {
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(fx.pending());
                fx.advance(MICRO);
            }
            Instant t1 = runs.get(1).createdAt();
            Instant t3 = runs.get(3).createdAt();
            RunFilter range = RunFilter.ALL.withCreatedBetween(t1, t3);

            assertEquals(ids(List.of(runs.get(2), runs.get(1))), ids(store.page(TENANT_A, range, null, NO_CAP)));
            assertEquals(ids(List.of(runs.get(3), runs.get(2), runs.get(1))),
                    ids(store.page(TENANT_A, RunFilter.ALL.withCreatedBetween(t1, null), null, NO_CAP)), "from only");
            assertEquals(ids(List.of(runs.get(2), runs.get(1), runs.get(0))),
                    ids(store.page(TENANT_A, RunFilter.ALL.withCreatedBetween(null, t3), null, NO_CAP)), "to only");
        }
    }

    /**
     * Runs of tenant A in every bucket and every way into one: queued, running, succeeded,
     * partially succeeded (finished with failures, and failed items reported as progress), failed
     * (failed, aborted, and finished without a success); plus a run of tenant B.
     */
    private List<Run> oneRunPerBucketWay() {
        List<Run> runs = new ArrayList<>();
        runs.add(fx.inStatus(RunStatus.PENDING));
        runs.add(fx.inStatus(RunStatus.RUNNING));
        runs.add(fx.inStatus(RunStatus.COMPLETED));
        Run partial = fx.running();
        fx.progress(partial, ProgressDelta.succeeded(2));
        assertTrue(store.recordItemFailure(partial.id(), fx.itemFailure("p"), NO_CAP));
        runs.add(fx.end(RunEnd.finish(partial.id(), fx.now())));
        Run partialByProgress = fx.running();
        fx.progress(partialByProgress, new ProgressDelta(1, 1, 0));
        runs.add(fx.end(RunEnd.finish(partialByProgress.id(), fx.now())));
        runs.add(fx.inStatus(RunStatus.FAILED));
        runs.add(fx.inStatus(RunStatus.ABORTED));
        runs.add(fx.inStatus(RunStatus.COMPLETED_WITH_ERRORS)); // no success: failed
        fx.insert(fx.newRun(TENANT_B, DRIFT, ALICE));
        return runs.stream().map(r -> fx.find(r.id())).toList();
    }

    // ------------------------------------------------------------------ countByBucket and detail

    @Nested
    @DisplayName("countByBucket and detail read one tenant's runs")
    class CountsAndDetail {

        @Test
        void countByBucket_counts_the_tenants_runs_in_every_bucket() {
            List<Run> runs = oneRunPerBucketWay();
            Map<StatusBucket, Long> expected = new EnumMap<>(StatusBucket.class);
            runs.forEach(r -> expected.merge(r.bucket(), 1L, Long::sum));

            Map<StatusBucket, Long> counts = store.countByBucket(TENANT_A, RunFilter.ALL);

            for (StatusBucket b : StatusBucket.values()) {
                assertEquals(expected.getOrDefault(b, 0L), counts.getOrDefault(b, 0L), b.apiName());
            }
            assertEquals(Map.of(StatusBucket.QUEUED, 1L), store.countByBucket(TENANT_B, RunFilter.ALL), "tenant B");
        }

        @Test
        void countByBucket_applies_the_type_and_creation_range_filters() {
            List<Run> runs = mixedRuns();
            RunFilter filter = new RunFilter(Set.of(DRIFT, SYNC), Set.of(), runs.get(0).createdAt(),
                    runs.get(runs.size() - 1).createdAt());
            Map<StatusBucket, Long> expected = new EnumMap<>(StatusBucket.class);
            runs.stream().filter(filter::matches).forEach(r -> expected.merge(r.bucket(), 1L, Long::sum));

            Map<StatusBucket, Long> counts = store.countByBucket(TENANT_A, filter);

            for (StatusBucket b : StatusBucket.values()) {
                assertEquals(expected.getOrDefault(b, 0L), counts.getOrDefault(b, 0L), b.apiName());
            }
            assertEquals(4L, expected.values().stream().mapToLong(Long::longValue).sum(), "the filter leaves four runs");
        }

        @Test
        void detail_holds_the_run_its_failures_oldest_first_and_how_many_were_omitted() {
            Run running = fx.running();
            List<ItemFailure> failures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fx.advance(Duration.ofSeconds(1));
                failures.add(fx.itemFailure("item-" + i));
                assertTrue(store.recordItemFailure(running.id(), failures.get(i), 3));
            }
            fx.progress(running, new ProgressDelta(0, 5, 0)); // failed items without a record are not "omitted"

            StoredDetail detail = fx.detail(running);

            assertEquals(new StoredDetail(fx.find(running.id()), failures.subList(0, 3), 1), detail);
        }

        @Test
        void detail_read_while_failures_are_recorded_lists_exactly_the_stored_ones() {
            Run running = fx.running();
            int cap = 10;
            int writers = 8;
            int perWriter = 4;

            RaceResult<Integer> race = ContractFixtures.race(16, i -> {
                if (i < writers) {
                    for (int n = 0; n < perWriter; n++) {
                        assertTrue(store.recordItemFailure(running.id(), fx.itemFailure("w" + i + "-" + n), cap));
                    }
                    return 0;
                }
                int reads = 0;
                for (; reads < 10; reads++) {
                    StoredDetail d = fx.detail(running);
                    long failed = d.run().counts().failed();
                    assertEquals(Math.min(cap, failed), d.itemFailures().size(), "stored failures beside " + failed + " counted");
                    assertEquals(failed - d.itemFailures().size(), d.itemFailuresOmitted(), "omitted beside " + failed + " counted");
                }
                return reads;
            });

            race.assertNoErrors();
            StoredDetail last = fx.detail(running);
            assertEquals(writers * perWriter, last.run().counts().failed());
            assertEquals(cap, last.itemFailures().size());
            assertEquals(writers * perWriter - cap, last.itemFailuresOmitted());
        }

        @Test
        void detail_of_a_run_of_another_tenant_or_of_no_run_is_empty() {
            Run a = fx.running();
            assertTrue(store.recordItemFailure(a.id(), fx.itemFailure("x"), NO_CAP));

            assertEquals(Optional.empty(), store.detail(TENANT_B, a.id()), "another tenant's run");
            assertEquals(Optional.empty(), store.detail(TENANT_A, unknownRunId()), "no such run");
        }
    }

    // ------------------------------------------------------------------ maintenance

    @Nested
    @DisplayName("staleRunning and neverStarted find the reaper's candidates in every tenant")
    class ReaperCandidates {

        @Test
        void stale_running_runs_are_those_with_a_heartbeat_before_their_types_cutoff() {
            Instant t0 = fx.now();
            Run driftOld = runningWithHeartbeat(DRIFT, t0);
            Run driftAtCutoff = runningWithHeartbeat(DRIFT, t0.plusSeconds(60));
            Run syncOld = runningWithHeartbeat(SYNC, t0.plusSeconds(30));
            Run syncFresh = runningWithHeartbeat(SYNC, t0.plusSeconds(200));
            Run backupInB = runningWithHeartbeat(TENANT_B, BACKUP, t0.plusSeconds(10));
            fx.insert(fx.newRun()); // pending: never a stale running run
            Run ended = runningWithHeartbeat(DRIFT, t0.plusSeconds(5));
            fx.end(RunEnd.finish(ended.id(), fx.now()));
            HeartbeatCutoffs cutoffs = new HeartbeatCutoffs(t0.plusSeconds(100), Map.of(DRIFT, t0.plusSeconds(60)));

            List<StaleCandidate> stale = store.staleRunning(cutoffs, NO_CAP);

            assertEquals(List.of(candidate(driftOld), candidate(backupInB), candidate(syncOld)), stale,
                    "oldest heartbeat first; a heartbeat at its cutoff (" + driftAtCutoff.id() + ") and a fresh one ("
                            + syncFresh.id() + ") are not stale");
        }

        @Test
        void stale_running_takes_at_most_the_limit_oldest_heartbeat_first() {
            Instant t0 = fx.now();
            Run third = runningWithHeartbeat(DRIFT, t0.plusSeconds(3));
            Run first = runningWithHeartbeat(SYNC, t0.plusSeconds(1));
            runningWithHeartbeat(DRIFT, t0.plusSeconds(4));
            Run second = runningWithHeartbeat(BACKUP, t0.plusSeconds(2));
            HeartbeatCutoffs all = new HeartbeatCutoffs(FAR_FUTURE, Map.of());

            assertEquals(List.of(candidate(first), candidate(second)), store.staleRunning(all, 2));
            assertEquals(List.of(candidate(first), candidate(second), candidate(third)), store.staleRunning(all, 3));
        }

        @Test
        void never_started_runs_are_pending_runs_created_before_the_cutoff_oldest_first() {
            Run first = fx.insert(fx.newRun(TENANT_B, DRIFT, ALICE));
            fx.advance(Duration.ofSeconds(1));
            Run second = fx.pending();
            fx.advance(Duration.ofSeconds(1));
            Run third = fx.insert(fx.newRun(TENANT_A, SYNC, SCHEDULER));
            fx.inStatus(RunStatus.RUNNING);
            fx.inStatus(RunStatus.FAILED);
            fx.advance(Duration.ofSeconds(1));
            Run atCutoff = fx.pending();
            Instant cutoff = atCutoff.createdAt();

            assertEquals(List.of(created(first), created(second), created(third)), store.neverStarted(cutoff, NO_CAP));
            assertEquals(List.of(created(first), created(second)), store.neverStarted(cutoff, 2), "limit 2");
            assertEquals(4, store.neverStarted(cutoff.plus(MICRO), NO_CAP).size(), "one microsecond later");
        }

        private Run runningWithHeartbeat(RunType type, Instant heartbeat) {
            return runningWithHeartbeat(TENANT_A, type, heartbeat);
        }

        private Run runningWithHeartbeat(dev.opsruns.core.TenantId tenant, RunType type, Instant heartbeat) {
            Run run = fx.insert(fx.newRun(tenant, type, ALICE));
            return store.markRunning(run.id(), heartbeat).orElseThrow();
        }

        private StaleCandidate candidate(Run running) {
            return new StaleCandidate(running.id(), running.runType(), running.heartbeatAt());
        }

        private StaleCandidate created(Run pending) {
            return new StaleCandidate(pending.id(), pending.runType(), pending.createdAt());
        }
    }

    @Nested
    @DisplayName("purgeEnded deletes ended runs past retention with everything stored beside them")
    class PurgeEnded {

        @Test
        void ended_runs_finished_before_the_cutoff_go_with_their_failures_and_notifications() {
            Run old = fx.running();
            assertTrue(store.recordItemFailure(old.id(), fx.itemFailure("x"), NO_CAP));
            store.insertNotification(fx.notification(old, ALICE.id(), NotificationKind.REUSED, fx.now()));
            assertTrue(store.end(RunEnd.fail(old.id(), fx.failure("gone"), fx.advance(Duration.ofSeconds(1))),
                    r -> Optional.of(fx.endedNotice(r))).isPresent());
            fx.advance(Duration.ofSeconds(1));
            Run atCutoff = fx.reach(fx.pending(), RunStatus.ABORTED);
            Instant cutoff = atCutoff.finishedAt();
            fx.advance(Duration.ofSeconds(1));
            Run later = fx.inStatus(RunStatus.COMPLETED);
            assertEquals(2, fx.notificationsOf(old.id()).size(), "set-up: two notifications about the old run");

            assertEquals(1, store.purgeEnded(cutoff, NO_CAP));

            assertEquals(Optional.empty(), store.findRun(old.id()));
            assertEquals(Optional.empty(), store.detail(TENANT_A, old.id()), "its detail and failures are gone");
            assertEquals(List.of(), fx.notificationsOf(old.id()), "its notifications are gone");
            assertEquals(Set.of(atCutoff.id(), later.id()), Set.copyOf(ids(fx.all(TENANT_A))),
                    "a run finished at the cutoff and a later one stay");
        }

        @Test
        void active_runs_are_never_deleted_however_old() {
            Run pending = fx.pending();
            Run running = fx.running();
            Run ended = fx.inStatus(RunStatus.COMPLETED);

            assertEquals(1, store.purgeEnded(FAR_FUTURE, NO_CAP));

            assertEquals(Set.of(pending.id(), running.id()), Set.copyOf(ids(fx.all(TENANT_A))));
            assertEquals(Optional.empty(), store.findRun(ended.id()));
        }

        @Test
        void a_purge_deletes_at_most_the_limit_in_every_tenant() {
            for (int i = 0; i < 3; i++) {
                fx.inStatus(RunStatus.FAILED);
                fx.reach(fx.insert(fx.newRun(TENANT_B, DRIFT, ALICE)), RunStatus.COMPLETED);
            }

            assertEquals(4, store.purgeEnded(FAR_FUTURE, 4));
            assertEquals(2, fx.all(TENANT_A).size() + fx.all(TENANT_B).size(), "two left");
            assertEquals(2, store.purgeEnded(FAR_FUTURE, 4));
            assertEquals(0, store.purgeEnded(FAR_FUTURE, 4));
        }

        @Test
        void four_concurrent_purges_delete_each_run_once_and_fail_on_nothing() {
            int runs = 24;
            Set<RunId> ended = new HashSet<>();
            for (int i = 0; i < runs; i++) {
                ended.add(fx.inStatus(i % 2 == 0 ? RunStatus.COMPLETED : RunStatus.ABORTED).id());
            }
            Run active = fx.running();

            RaceResult<Integer> race = ContractFixtures.race(4, i -> {
                int deleted = 0;
                for (int batch = store.purgeEnded(FAR_FUTURE, 3); batch > 0; batch = store.purgeEnded(FAR_FUTURE, 3)) {
                    deleted += batch;
                }
                return deleted;
            });

            race.assertNoErrors();
            int total = race.values().stream().mapToInt(Integer::intValue).sum() + store.purgeEnded(FAR_FUTURE, NO_CAP);
            assertEquals(runs, total, "each run counted once: " + race.values());
            assertEquals(List.of(active.id()), ids(fx.all(TENANT_A)));
        }
    }

    // ------------------------------------------------------------------ notifications

    @Nested
    @DisplayName("notifications and markRead serve one recipient's inbox in one tenant")
    class Notifications {

        /** Alice's notifications in tenant A, created in an order unlike their ids and times; plus others'. */
        private List<Notification> inboxes() {
            Run a = fx.pending();
            Run b = fx.insert(fx.newRun(TENANT_B, DRIFT, ALICE));
            Instant t0 = fx.now();
            List<Notification> alice = new ArrayList<>();
            alice.add(fx.notification(a, ALICE.id(), NotificationKind.QUEUED, t0.plusSeconds(2)));
            for (int i = 0; i < 3; i++) { // one time: the id decides
                alice.add(fx.notification(a, ALICE.id(), NotificationKind.REUSED, t0.plusSeconds(5)));
            }
            alice.add(fx.notification(a, ALICE.id(), NotificationKind.FAILED, t0.plusSeconds(1)));
            alice.add(fx.notification(a, ALICE.id(), NotificationKind.SUCCEEDED, t0.plusSeconds(5).plus(MICRO)));
            alice.forEach(store::insertNotification);
            store.insertNotification(fx.notification(a, BOB.id(), NotificationKind.REUSED, t0.plusSeconds(3)));
            store.insertNotification(fx.notification(b, ALICE.id(), NotificationKind.QUEUED, t0.plusSeconds(4)));
            alice.sort(NEWEST_NOTIFICATION_FIRST);
            return alice;
        }

        @Test
        void a_recipient_sees_only_their_own_in_the_tenant_newest_first_by_time_then_id() {
            List<Notification> alice = inboxes();

            assertEquals(alice, store.notifications(TENANT_A, ALICE.id(), false, NO_CAP));
            assertEquals(alice.subList(0, 2), store.notifications(TENANT_A, ALICE.id(), false, 2), "limit 2");
            assertEquals(1, store.notifications(TENANT_A, BOB.id(), false, NO_CAP).size(), "Bob's own");
            assertEquals(1, store.notifications(TENANT_B, ALICE.id(), false, NO_CAP).size(), "Alice's in tenant B");
        }

        @Test
        void unread_only_leaves_out_notifications_already_read() {
            List<Notification> alice = inboxes();
            Instant at = fx.advance(Duration.ofMinutes(1));

            assertEquals(2, store.markRead(TENANT_A, ALICE.id(), Set.of(alice.get(0).id(), alice.get(3).id()), at));

            List<Notification> unread = new ArrayList<>(alice);
            unread.remove(3);
            unread.remove(0);
            assertEquals(unread, store.notifications(TENANT_A, ALICE.id(), true, NO_CAP));
            List<Notification> all = store.notifications(TENANT_A, ALICE.id(), false, NO_CAP);
            assertEquals(alice.get(0).withReadAt(at), all.get(0), "read, at the time given");
            assertEquals(alice.size(), all.size());
        }

        @Test
        void markRead_changes_only_the_recipients_unread_ones_among_the_ids_and_counts_them() {
            List<Notification> alice = inboxes();
            Notification bobs = fx.inbox(TENANT_A, BOB.id()).get(0);
            Notification aliceInB = fx.inbox(TENANT_B, ALICE.id()).get(0);
            Instant first = fx.advance(Duration.ofMinutes(1));
            assertEquals(1, store.markRead(TENANT_A, ALICE.id(), Set.of(alice.get(1).id()), first));
            Instant second = fx.advance(Duration.ofMinutes(1));

            int changed = store.markRead(TENANT_A, ALICE.id(),
                    Set.of(alice.get(1).id(), alice.get(2).id(), bobs.id(), aliceInB.id(), UUID.randomUUID()), second);

            assertEquals(1, changed, "only the one still unread of hers");
            List<Notification> after = fx.inbox(TENANT_A, ALICE.id());
            assertEquals(alice.get(1).withReadAt(first), after.get(1), "an already read one keeps its first read time");
            assertEquals(alice.get(2).withReadAt(second), after.get(2));
            assertEquals(List.of(bobs), fx.inbox(TENANT_A, BOB.id()), "another recipient's is ignored");
            assertEquals(List.of(aliceInB), fx.inbox(TENANT_B, ALICE.id()), "another tenant's is ignored");
        }

        @Test
        void markRead_of_no_ids_marks_all_of_the_recipients_unread_ones_in_the_tenant() {
            List<Notification> alice = inboxes();
            Instant first = fx.advance(Duration.ofMinutes(1));
            store.markRead(TENANT_A, ALICE.id(), Set.of(alice.get(0).id()), first);
            Instant at = fx.advance(Duration.ofMinutes(1));

            assertEquals(alice.size() - 1, store.markRead(TENANT_A, ALICE.id(), Set.of(), at));

            List<Notification> expected = new ArrayList<>();
            for (Notification n : alice) {
                expected.add(n.withReadAt(n == alice.get(0) ? first : at));
            }
            assertEquals(expected, fx.inbox(TENANT_A, ALICE.id()));
            assertEquals(List.of(), store.notifications(TENANT_A, ALICE.id(), true, NO_CAP));
            assertEquals(1, store.notifications(TENANT_A, BOB.id(), true, NO_CAP).size(), "Bob's stays unread");
            assertEquals(1, store.notifications(TENANT_B, ALICE.id(), true, NO_CAP).size(), "tenant B's stays unread");
            assertEquals(0, store.markRead(TENANT_A, ALICE.id(), Set.of(), at), "nothing left to mark");
        }
    }
}
