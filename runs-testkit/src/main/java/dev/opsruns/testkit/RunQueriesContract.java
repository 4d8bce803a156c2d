package dev.opsruns.testkit;

import static dev.opsruns.testkit.ContractFixtures.BACKUP;
import static dev.opsruns.testkit.ContractFixtures.BOTH;
import static dev.opsruns.testkit.ContractFixtures.CANCELLED;
import static dev.opsruns.testkit.ContractFixtures.DRIFT;
import static dev.opsruns.testkit.ContractFixtures.FORBIDDEN;
import static dev.opsruns.testkit.ContractFixtures.MANAGER_A;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_A;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_B;
import static dev.opsruns.testkit.ContractFixtures.OUTSIDER;
import static dev.opsruns.testkit.ContractFixtures.OWNER_A;
import static dev.opsruns.testkit.ContractFixtures.OWNER_B;
import static dev.opsruns.testkit.ContractFixtures.READONLY_A;
import static dev.opsruns.testkit.ContractFixtures.TENANT_A;
import static dev.opsruns.testkit.ContractFixtures.newestFirst;
import static dev.opsruns.testkit.ContractFixtures.TENANT_B;
import static dev.opsruns.testkit.ContractFixtures.UNLINKED;
import static dev.opsruns.testkit.ContractFixtures.context;
import static dev.opsruns.testkit.ContractFixtures.distinct;
import static dev.opsruns.testkit.ContractFixtures.ids;
import static dev.opsruns.testkit.ContractFixtures.unknownRunId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.BucketCounts;
import dev.opsruns.core.InvalidPageCursorException;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.RelatedLink;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunAccessDeniedException;
import dev.opsruns.core.RunAccessPolicy;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of the read side ({@link RunQueries} and {@link NotificationInbox}) that every store
 * passes: status buckets as {@link dev.opsruns.core.StatusBucket#of} defines them in lists and counts,
 * filters, keyset pagination and detail, tenant isolation and roles, and bad input.
 *
 * <p>A store's test extends it with one method:
 *
 * <pre>{@code
 * class JdbiRunQueriesTest extends RunQueriesContract {
 *     @Override
 *     protected RunLedger createLedger(RunsConfig config) {
 *         return JdbiRunLedger.create(dataSource, config);
 *     }
 * }
 * }</pre>
 *
 * <p>Time comes from a {@link ManualClock} in the configuration; the suite never sleeps.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class RunQueriesContract {

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

    private RunQueries queries() {
        return fx.queries();
    }

    private NotificationInbox inbox() {
        return fx.inbox();
    }

    private RunPage page(Principal viewer, TenantId tenant, RunFilter filter, PageRequest request) {
        return queries().list(viewer, tenant, filter, request);
    }

    private List<RunId> listIds(RunFilter filter) {
        return ids(fx.listAll(OWNER_A, TENANT_A, filter));
    }

    private static RunFilter buckets(StatusBucket... buckets) {
        return RunFilter.ALL.withBuckets(Set.of(buckets));
    }

    /** A status and counts the API can reach, with the bucket {@code StatusBucket.of} gives them. */
    record Row(RunStatus status, long succeeded, long failed, StatusBucket bucket) {
        @Override
        public String toString() {
            return status.storageName() + " succeeded=" + succeeded + " failed=" + failed + " -> " + bucket;
        }
    }

    /**
     * Every status and count combination reachable through the API. {@code finish} picks {@code completed} exactly
     * when no item failed, so "completed with failed &gt; 0" and "completed_with_errors with failed = 0"
     * cannot be reached and are left to StatusBucket's own tests.
     */
    static Stream<Row> reachableRows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(RunStatus.PENDING, 0, 0, StatusBucket.QUEUED));
        for (long s : new long[] {0, 3}) {
            for (long f : new long[] {0, 2}) {
                rows.add(new Row(RunStatus.RUNNING, s, f, StatusBucket.RUNNING));
                rows.add(new Row(RunStatus.FAILED, s, f, StatusBucket.FAILED));
                rows.add(new Row(RunStatus.ABORTED, s, f, StatusBucket.FAILED));
            }
        }
        rows.add(new Row(RunStatus.COMPLETED, 0, 0, StatusBucket.SUCCEEDED));
        rows.add(new Row(RunStatus.COMPLETED, 3, 0, StatusBucket.SUCCEEDED));
        rows.add(new Row(RunStatus.COMPLETED_WITH_ERRORS, 3, 2, StatusBucket.PARTIALLY_SUCCEEDED));
        rows.add(new Row(RunStatus.COMPLETED_WITH_ERRORS, 0, 2, StatusBucket.FAILED));
        return rows.stream();
    }

    // =====================================================================================================

    @Nested
    @DisplayName("status buckets: the run, list filters and counts all agree with StatusBucket.of")
    class StatusBuckets {

        static Stream<Row> rows() {
            return reachableRows();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rows")
        void each_reachable_row_lands_in_its_bucket_everywhere(Row row) {
            Run run = fx.reach(row.status(), row.succeeded(), row.failed());
            assertEquals(row.succeeded(), run.counts().succeeded());
            assertEquals(row.failed(), run.counts().failed());
            assertEquals(row.bucket(), StatusBucket.of(run.status(), run.counts()), "StatusBucket.of follows the table");
            assertEquals(row.bucket(), run.bucket());
            assertEquals(row.bucket(), queries().detail(OWNER_A, TENANT_A, run.id()).run().bucket());
            BucketCounts counts = queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL);
            for (StatusBucket b : StatusBucket.values()) {
                long expected = b == row.bucket() ? 1 : 0;
                assertEquals(expected, counts.get(b), "count of " + b);
                assertEquals(b == row.bucket() ? List.of(run.id()) : List.of(), listIds(buckets(b)), "list of " + b);
            }
        }

        @ParameterizedTest(name = "{0} before it ran")
        @EnumSource(names = {"FAILED", "ABORTED"})
        void a_run_ended_before_it_ran_is_failed(RunStatus status) {
            Run pending = fx.start();
            Run ended = status == RunStatus.FAILED
                    ? fx.registry().fail(pending.id(), FORBIDDEN, "no consent")
                    : fx.registry().abort(pending.id(), CANCELLED, "not needed");
            assertEquals(StatusBucket.FAILED, ended.bucket());
            assertEquals(List.of(ended.id()), listIds(buckets(StatusBucket.FAILED)));
            assertEquals(1, queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL).get(StatusBucket.FAILED));
        }

        @Test
        void all_rows_together_list_and_count_exactly_as_StatusBucket_of_says() {
            List<Run> runs = new ArrayList<>();
            reachableRows().forEach(row -> {
                fx.clock.advance(Duration.ofSeconds(1));
                runs.add(fx.reach(row.status(), row.succeeded(), row.failed()));
            });
            fx.reach(fx.start(OPERATOR_B, TENANT_B, DRIFT, fx.uniqueContext()), RunStatus.COMPLETED, 1, 0);
            fx.reach(fx.start(OPERATOR_B, TENANT_B, DRIFT, fx.uniqueContext()), RunStatus.RUNNING, 0, 1);
            List<Run> current = runs.stream().map(r -> fx.registry().get(r.id())).toList();
            BucketCounts counts = queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL);
            for (StatusBucket b : StatusBucket.values()) {
                Set<RunId> expected = current.stream().filter(r -> StatusBucket.of(r.status(), r.counts()) == b)
                        .map(Run::id).collect(Collectors.toSet());
                List<RunId> listed = listIds(buckets(b));
                assertEquals(expected, new HashSet<>(listed), "list of " + b);
                assertEquals(expected.size(), listed.size(), "no run listed twice under " + b);
                assertEquals(expected.size(), counts.get(b), "count of " + b);
            }
            Set<RunId> partlyOrFailed = current.stream()
                    .filter(r -> r.bucket() == StatusBucket.PARTIALLY_SUCCEEDED || r.bucket() == StatusBucket.FAILED)
                    .map(Run::id).collect(Collectors.toSet());
            assertEquals(partlyOrFailed, new HashSet<>(listIds(buckets(StatusBucket.PARTIALLY_SUCCEEDED, StatusBucket.FAILED))));
            assertEquals(current.size(), listIds(buckets(StatusBucket.values())).size(), "all five buckets = all runs");
            assertEquals(current.size(), counts.total());
        }

        @Test
        void a_run_moves_between_buckets_as_it_goes() {
            Run run = fx.start();
            assertEquals(List.of(run.id()), listIds(buckets(StatusBucket.QUEUED)));
            fx.registry().markRunning(run.id());
            assertEquals(List.of(), listIds(buckets(StatusBucket.QUEUED)));
            assertEquals(List.of(run.id()), listIds(buckets(StatusBucket.RUNNING)));
            fx.registry().recordProgress(run.id(), new ProgressDelta(1, 1, 0));
            fx.registry().finish(run.id());
            assertEquals(List.of(run.id()), listIds(buckets(StatusBucket.PARTIALLY_SUCCEEDED)));
            assertEquals(1, queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL).get(StatusBucket.PARTIALLY_SUCCEEDED));
            assertEquals(0, queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL).get(StatusBucket.RUNNING));
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("list and counts: newest first, filtered by run type, bucket and creation time")
    class ListingAndCounts {

        @Test
        void the_list_is_newest_first() {
            List<Run> runs = fx.startMinuteApart(5);
            assertEquals(newestFirst(runs), listIds(RunFilter.ALL));
            assertEquals(runs.get(4), page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.FIRST).runs().get(0),
                    "listed runs are the stored runs");
        }

        @Test
        void every_listed_run_is_the_stored_run_whatever_it_shares_with_its_neighbours() {
            RunContext shared = fx.uniqueContext();
            List<Run> started = new ArrayList<>();
            started.add(fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, shared), RunStatus.COMPLETED, 2, 0));
            // the same type, key and context again once the first has ended, then neighbours differing in one value each
            started.add(fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, shared), RunStatus.COMPLETED_WITH_ERRORS, 1, 1));
            started.add(fx.start(OPERATOR_A, TENANT_A, BACKUP, shared));
            started.add(fx.startBySystem(TENANT_A, UNLINKED, shared));
            started.add(fx.start(OWNER_A, TENANT_A, BACKUP, fx.uniqueContext()));
            started.add(fx.start(OWNER_A, TENANT_A, UNLINKED, RunContext.empty()));
            started.add(fx.reach(fx.start(OWNER_A, TENANT_A, UNLINKED, fx.uniqueContext()), RunStatus.RUNNING, 0, 1));
            List<Run> stored = started.stream().map(r -> fx.registry().get(r.id()))
                    .sorted(Comparator.comparing(Run::createdAt).thenComparing(Run::id).reversed()).toList();
            assertEquals(stored, fx.listAll(OWNER_A, TENANT_A, RunFilter.ALL));
        }

        @Test
        void runs_created_in_the_same_instant_are_ordered_by_id_descending() {
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(fx.start());
            }
            fx.clock.advance(Duration.ofMinutes(1));
            Run newer = fx.start();
            List<RunId> expected = new ArrayList<>();
            expected.add(newer.id());
            runs.stream().map(Run::id).sorted(Comparator.reverseOrder()).forEach(expected::add);
            assertEquals(expected, listIds(RunFilter.ALL));
        }

        @Test
        void a_run_type_filter_keeps_only_those_types() {
            Run drift1 = fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext());
            fx.clock.advance(Duration.ofSeconds(1));
            Run backup = fx.start(OPERATOR_A, TENANT_A, BACKUP, fx.uniqueContext());
            fx.clock.advance(Duration.ofSeconds(1));
            Run drift2 = fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext());
            fx.clock.advance(Duration.ofSeconds(1));
            fx.start(OPERATOR_A, TENANT_A, UNLINKED, fx.uniqueContext());
            assertEquals(List.of(drift2.id(), drift1.id()), listIds(RunFilter.ALL.withRunTypes(Set.of(DRIFT))));
            assertEquals(List.of(drift2.id(), backup.id(), drift1.id()),
                    listIds(RunFilter.ALL.withRunTypes(Set.of(DRIFT, BACKUP))));
            assertEquals(List.of(), listIds(RunFilter.ALL.withRunTypes(Set.of(RunType.of("nothing.here")))));
            assertEquals(4, listIds(RunFilter.ALL).size());
        }

        @Test
        void the_time_range_includes_from_and_excludes_to() {
            List<Run> runs = fx.startMinuteApart(4);
            Instant t0 = runs.get(0).createdAt();
            Instant t1 = runs.get(1).createdAt();
            Instant t3 = runs.get(3).createdAt();
            RunId r0 = runs.get(0).id();
            RunId r1 = runs.get(1).id();
            RunId r2 = runs.get(2).id();
            RunId r3 = runs.get(3).id();
            assertEquals(List.of(r2, r1), listIds(RunFilter.ALL.withCreatedBetween(t1, t3)));
            assertEquals(List.of(r3, r2, r1), listIds(RunFilter.ALL.withCreatedBetween(t1, null)));
            assertEquals(List.of(r0), listIds(RunFilter.ALL.withCreatedBetween(null, t1)));
            assertEquals(List.of(r0), listIds(RunFilter.ALL.withCreatedBetween(t0, t0.plusNanos(1_000))));
            assertEquals(List.of(), listIds(RunFilter.ALL.withCreatedBetween(t3.plusNanos(1_000), null)));
            assertEquals(List.of(r3, r2, r1, r0), listIds(RunFilter.ALL.withCreatedBetween(t0, t3.plusNanos(1_000))));
        }

        @Test
        void time_bounds_are_exact_below_the_microseconds_stores_keep() {
            Run run = fx.start();
            Instant t = run.createdAt();
            RunFilter fromJustAfter = RunFilter.ALL.withCreatedBetween(t.plusNanos(1), null);
            RunFilter toJustAfter = RunFilter.ALL.withCreatedBetween(null, t.plusNanos(1));
            RunFilter fromJustBefore = RunFilter.ALL.withCreatedBetween(t.minusNanos(1), t);
            assertEquals(List.of(), listIds(fromJustAfter), "from is inclusive: a run before it is out");
            assertEquals(List.of(run.id()), listIds(toJustAfter), "to is exclusive: a run before it is in");
            assertEquals(List.of(), listIds(fromJustBefore), "to = the run's own time leaves it out");
            assertEquals(0, queries().countByBucket(OWNER_A, TENANT_A, fromJustAfter).total());
            assertEquals(1, queries().countByBucket(OWNER_A, TENANT_A, toJustAfter).total());
        }

        @Test
        void filters_combine() {
            Run oldDrift = fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.COMPLETED, 1, 0);
            fx.clock.advance(Duration.ofHours(1));
            Instant from = fx.now();
            Run driftDone = fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.COMPLETED, 1, 0);
            fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.RUNNING, 0, 0);
            fx.reach(fx.start(OPERATOR_A, TENANT_A, BACKUP, fx.uniqueContext()), RunStatus.COMPLETED, 1, 0);
            RunFilter filter = new RunFilter(Set.of(DRIFT), Set.of(StatusBucket.SUCCEEDED), from, null);
            assertEquals(List.of(driftDone.id()), listIds(filter));
            assertEquals(1, oldDrift.counts().succeeded());
        }

        @Test
        void counts_ignore_the_filters_buckets_but_honour_run_types_and_time() {
            fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.COMPLETED, 1, 0);
            fx.clock.advance(Duration.ofHours(1));
            Instant from = fx.now();
            fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.COMPLETED, 1, 0);
            fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.RUNNING, 0, 0);
            fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.FAILED, 0, 0);
            fx.reach(fx.start(OPERATOR_A, TENANT_A, BACKUP, fx.uniqueContext()), RunStatus.COMPLETED, 1, 0);

            RunFilter driftSinceFrom = new RunFilter(Set.of(DRIFT), Set.of(), from, null);
            BucketCounts counts = queries().countByBucket(OWNER_A, TENANT_A, driftSinceFrom);
            assertEquals(expectedCounts(Map.of(StatusBucket.SUCCEEDED, 1L, StatusBucket.RUNNING, 1L, StatusBucket.FAILED, 1L)),
                    counts);
            assertEquals(counts, queries().countByBucket(OWNER_A, TENANT_A,
                    driftSinceFrom.withBuckets(Set.of(StatusBucket.SUCCEEDED))), "the filter's buckets are ignored");
            assertEquals(5, queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL).total());
            assertEquals(4, queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL.withRunTypes(Set.of(DRIFT))).total());
            assertEquals(1, queries().countByBucket(OWNER_A, TENANT_A,
                    RunFilter.ALL.withCreatedBetween(null, from)).total());
        }

        @Test
        void counts_name_every_bucket_even_when_the_tenant_has_no_runs() {
            BucketCounts counts = queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL);
            assertEquals(EnumSet.allOf(StatusBucket.class), EnumSet.copyOf(counts.counts().keySet()));
            assertEquals(0, counts.total());
        }

        private BucketCounts expectedCounts(Map<StatusBucket, Long> nonZero) {
            Map<StatusBucket, Long> all = new EnumMap<>(StatusBucket.class);
            for (StatusBucket b : StatusBucket.values()) {
                all.put(b, nonZero.getOrDefault(b, 0L));
            }
            return new BucketCounts(all);
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("pagination: keyset pages with opaque older and newer cursors")
    class Pagination {

        @Test
        void pages_of_three_walk_seven_runs_newest_first_without_gaps() {
            List<RunId> expected = newestFirst(fx.startMinuteApart(7));
            RunPage p1 = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(3));
            assertEquals(expected.subList(0, 3), ids(p1.runs()));
            assertNull(p1.newerCursor(), "the newest page has no newer cursor");
            assertNotNull(p1.olderCursor());
            RunPage p2 = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(3).at(p1.olderCursor()));
            assertEquals(expected.subList(3, 6), ids(p2.runs()));
            assertNotNull(p2.newerCursor());
            assertNotNull(p2.olderCursor());
            RunPage p3 = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(3).at(p2.olderCursor()));
            assertEquals(expected.subList(6, 7), ids(p3.runs()));
            assertNull(p3.olderCursor(), "no older runs, no older cursor");
            assertNotNull(p3.newerCursor());
        }

        @Test
        void a_last_page_that_is_exactly_full_has_no_older_cursor() {
            List<RunId> expected = newestFirst(fx.startMinuteApart(6));
            RunPage p1 = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(3));
            RunPage p2 = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(3).at(p1.olderCursor()));
            assertEquals(expected.subList(3, 6), ids(p2.runs()));
            assertNull(p2.olderCursor());
        }

        @Test
        void newer_cursors_walk_back_to_the_newest_page() {
            List<RunId> expected = newestFirst(fx.startMinuteApart(7));
            PageRequest three = PageRequest.first(3);
            RunPage p1 = page(OWNER_A, TENANT_A, RunFilter.ALL, three);
            RunPage p2 = page(OWNER_A, TENANT_A, RunFilter.ALL, three.at(p1.olderCursor()));
            RunPage p3 = page(OWNER_A, TENANT_A, RunFilter.ALL, three.at(p2.olderCursor()));
            RunPage back2 = page(OWNER_A, TENANT_A, RunFilter.ALL, three.at(p3.newerCursor()));
            assertEquals(expected.subList(3, 6), ids(back2.runs()), "a newer page is still newest first");
            assertNotNull(back2.newerCursor());
            assertNotNull(back2.olderCursor());
            RunPage back1 = page(OWNER_A, TENANT_A, RunFilter.ALL, three.at(back2.newerCursor()));
            assertEquals(expected.subList(0, 3), ids(back1.runs()));
            assertNull(back1.newerCursor(), "back on the newest page");
            assertEquals(ids(p2.runs()), ids(page(OWNER_A, TENANT_A, RunFilter.ALL, three.at(back1.olderCursor())).runs()));
        }

        @Test
        void an_empty_listing_has_no_cursors() {
            RunPage empty = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.FIRST);
            assertEquals(List.of(), empty.runs());
            assertNull(empty.olderCursor());
            assertNull(empty.newerCursor());
        }

        @Test
        void page_sizes_go_from_one_to_two_hundred_with_fifty_by_default() {
            List<RunId> expected = newestFirst(fx.startMinuteApart(201));
            RunPage defaults = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.FIRST);
            assertEquals(expected.subList(0, 50), ids(defaults.runs()));
            RunPage biggest = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(200));
            assertEquals(expected.subList(0, 200), ids(biggest.runs()));
            RunPage rest = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(200).at(biggest.olderCursor()));
            assertEquals(expected.subList(200, 201), ids(rest.runs()));
            assertNull(rest.olderCursor());
            RunPage single = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(1));
            assertEquals(expected.subList(0, 1), ids(single.runs()));
            RunPage second = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(1).at(single.olderCursor()));
            assertEquals(expected.subList(1, 2), ids(second.runs()));
        }

        @Test
        void page_limits_and_blank_cursors_are_refused_by_PageRequest() {
            assertEquals("limit", assertThrows(InvalidRunInputException.class, () -> new PageRequest(0, null)).field());
            assertEquals("limit", assertThrows(InvalidRunInputException.class, () -> new PageRequest(201, null)).field());
            assertEquals("cursor", assertThrows(InvalidRunInputException.class, () -> new PageRequest(10, " ")).field());
        }

        @Test
        void a_cursor_may_be_followed_with_another_page_size() {
            List<RunId> expected = newestFirst(fx.startMinuteApart(7));
            RunPage p1 = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(3));
            RunPage p2 = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(2).at(p1.olderCursor()));
            assertEquals(expected.subList(3, 5), ids(p2.runs()));
        }

        @Test
        void runs_inserted_while_paging_never_appear_twice_or_go_missing() {
            List<RunId> original = newestFirst(fx.startMinuteApart(10));
            List<RunId> seen = new ArrayList<>();
            PageRequest three = PageRequest.first(3);
            RunPage page = page(OWNER_A, TENANT_A, RunFilter.ALL, three);
            RunPage last = page;
            seen.addAll(ids(page.runs()));
            while (page.olderCursor() != null) {
                fx.startMinuteApart(2); // newer runs arrive between page reads
                page = page(OWNER_A, TENANT_A, RunFilter.ALL, three.at(page.olderCursor()));
                seen.addAll(ids(page.runs()));
                last = page;
            }
            assertEquals(original, seen, "every original run exactly once, in order");
            List<RunId> walkedBack = new ArrayList<>(ids(last.runs()));
            RunPage newer = last;
            for (int guard = 0; newer.newerCursor() != null && guard < 100; guard++) {
                newer = page(OWNER_A, TENANT_A, RunFilter.ALL, three.at(newer.newerCursor()));
                walkedBack.addAll(ids(newer.runs()));
            }
            assertTrue(distinct(walkedBack), "walking back shows no run twice");
            assertEquals(new HashSet<>(listIds(RunFilter.ALL)), new HashSet<>(walkedBack),
                    "walking back reaches every run, the new ones included");
        }

        @Test
        void a_bucket_filtered_listing_pages_through_only_that_bucket() {
            List<Run> succeeded = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                fx.clock.advance(Duration.ofMinutes(1));
                succeeded.add(fx.reach(RunStatus.COMPLETED, 1, 0));
                fx.clock.advance(Duration.ofMinutes(1));
                fx.reach(RunStatus.FAILED, 0, 0);
            }
            RunFilter filter = buckets(StatusBucket.SUCCEEDED);
            RunPage p1 = page(OWNER_A, TENANT_A, filter, PageRequest.first(4));
            RunPage p2 = page(OWNER_A, TENANT_A, filter, PageRequest.first(4).at(p1.olderCursor()));
            List<RunId> all = new ArrayList<>(ids(p1.runs()));
            all.addAll(ids(p2.runs()));
            assertEquals(newestFirst(succeeded), all);
            assertNull(p2.olderCursor());
        }

        @Test
        void a_cursor_from_another_filter_is_refused() {
            fx.startMinuteApart(5);
            RunPage p1 = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(2));
            for (RunFilter other : List.of(RunFilter.ALL.withRunTypes(Set.of(DRIFT)), buckets(StatusBucket.QUEUED),
                    RunFilter.ALL.withCreatedBetween(ContractFixtures.START, null))) {
                InvalidRunInputException e = assertThrows(InvalidPageCursorException.class,
                        () -> page(OWNER_A, TENANT_A, other, PageRequest.first(2).at(p1.olderCursor())));
                assertEquals("cursor", e.field());
            }
        }

        @Test
        void a_cursor_from_another_tenant_is_refused() {
            for (int i = 0; i < 3; i++) {
                fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext());
                fx.start(OPERATOR_B, TENANT_B, DRIFT, fx.uniqueContext());
            }
            RunPage inA = page(BOTH, TENANT_A, RunFilter.ALL, PageRequest.first(1));
            InvalidRunInputException e = assertThrows(InvalidPageCursorException.class,
                    () -> page(BOTH, TENANT_B, RunFilter.ALL, PageRequest.first(1).at(inA.olderCursor())));
            assertEquals("cursor", e.field());
        }

        @Test
        void a_tampered_or_made_up_cursor_is_refused() {
            fx.startMinuteApart(5);
            String cursor = page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(2)).olderCursor();
            int middle = cursor.length() / 2;
            char flipped = cursor.charAt(middle) == 'A' ? 'B' : 'A';
            String tampered = cursor.substring(0, middle) + flipped + cursor.substring(middle + 1);
            for (String bad : List.of(tampered, cursor.substring(0, cursor.length() - 4), "not-a-cursor", "%%%",
                    cursor + "AAAA")) {
                InvalidRunInputException e = assertThrows(InvalidPageCursorException.class,
                        () -> page(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(2).at(bad)), bad);
                assertEquals("cursor", e.field());
            }
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("search: one run by its id prefix, an initiator's runs, runs that failed with a reason code")
    class Search {

        private final ReasonCode throttled = ReasonCode.of("graph.throttled");

        private String hex(Run run) {
            return run.id().toString().replace("-", "");
        }

        @Test
        void a_run_id_prefix_finds_the_run_from_its_whole_id_or_its_first_digits_in_either_case_with_or_without_dashes() {
            fx.startMinuteApart(3);
            Run wanted = fx.start();
            fx.clock.advance(Duration.ofMinutes(1));
            fx.start();
            String text = wanted.id().toString();
            for (String prefix : List.of(text, text.toUpperCase(java.util.Locale.ROOT), hex(wanted), text.substring(0, 23),
                    hex(wanted).substring(0, 16), hex(wanted).substring(0, 17), hex(wanted).substring(0, 20))) {
                assertEquals(List.of(wanted.id()), listIds(RunFilter.ALL.withRunIdPrefix(prefix)), prefix);
            }
            assertEquals(1, queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL.withRunIdPrefix(text)).total());
        }

        @Test
        void a_short_prefix_finds_every_run_whose_id_starts_with_it_and_nothing_else() {
            List<Run> sameInstant = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sameInstant.add(fx.start()); // one millisecond: version 7 ids share their first 13 digits
            }
            fx.clock.advance(Duration.ofDays(400));
            Run later = fx.start();
            String shared = hex(sameInstant.get(0)).substring(0, 13);
            assertTrue(sameInstant.stream().allMatch(r -> hex(r).startsWith(shared)), "fixture: one millisecond");
            assertFalse(hex(later).startsWith(shared), "fixture: another millisecond");
            assertEquals(Set.copyOf(ids(sameInstant)), Set.copyOf(listIds(RunFilter.ALL.withRunIdPrefix(shared))));
            assertEquals(List.of(later.id()), listIds(RunFilter.ALL.withRunIdPrefix(hex(later))));
            String none = hex(later).charAt(0) == '0' ? "f" : "0";
            assertEquals(List.of(), listIds(RunFilter.ALL.withRunIdPrefix(none)));
        }

        @Test
        void an_initiator_search_keeps_the_runs_that_user_or_system_component_started() {
            Run byOperator = fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext());
            Run byOwner = fx.start(OWNER_A, TENANT_A, DRIFT, fx.uniqueContext());
            Run bySystem = fx.startBySystem(TENANT_A, BACKUP, fx.uniqueContext());
            assertEquals(List.of(byOwner.id()), listIds(RunFilter.ALL.withInitiator(OWNER_A.userId())));
            assertEquals(List.of(byOperator.id()), listIds(RunFilter.ALL.withInitiator(OPERATOR_A.userId())));
            assertEquals(List.of(bySystem.id()), listIds(RunFilter.ALL.withInitiator(ContractFixtures.SYSTEM)));
            assertEquals(List.of(), listIds(RunFilter.ALL.withInitiator(OWNER_A.displayName())),
                    "display names are snapshots: the search is by id");
            assertEquals(List.of(), listIds(RunFilter.ALL.withInitiator(OWNER_A.userId().toUpperCase(java.util.Locale.ROOT))),
                    "ids match exactly");
        }

        @Test
        void a_reason_code_search_finds_runs_that_failed_with_it_and_runs_with_a_stored_item_failure_of_it() {
            Run failedRun = fx.registry().fail(fx.running().id(), throttled, "HTTP 429");
            Run itemFailed = fx.running();
            fx.registry().recordItemFailure(itemFailed.id(), "policy-1", FORBIDDEN, "HTTP 403");
            fx.registry().recordItemFailure(itemFailed.id(), "policy-2", throttled, "HTTP 429");
            fx.registry().recordProgress(itemFailed.id(), ProgressDelta.succeeded(3));
            fx.registry().finish(itemFailed.id());
            Run otherReason = fx.reach(RunStatus.COMPLETED_WITH_ERRORS, 1, 2); // FORBIDDEN items only
            fx.reach(RunStatus.COMPLETED, 2, 0);
            assertEquals(Set.of(itemFailed.id(), failedRun.id()), Set.copyOf(listIds(RunFilter.ALL.withReasonCode(throttled))));
            assertEquals(Set.of(otherReason.id(), itemFailed.id()), Set.copyOf(listIds(RunFilter.ALL.withReasonCode(FORBIDDEN))));
            assertEquals(List.of(), listIds(RunFilter.ALL.withReasonCode(ReasonCode.of("nothing.like_it"))));
            BucketCounts counts = queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL.withReasonCode(throttled));
            assertEquals(1, counts.get(StatusBucket.FAILED));
            assertEquals(1, counts.get(StatusBucket.PARTIALLY_SUCCEEDED));
            assertEquals(2, counts.total());
        }

        @Test
        void search_fields_combine_with_each_other_and_with_types_buckets_and_time() {
            Run match = fx.reach(fx.start(OWNER_A, TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.FAILED, 0, 0);
            fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.FAILED, 0, 0);
            fx.reach(fx.start(OWNER_A, TENANT_A, BACKUP, fx.uniqueContext()), RunStatus.FAILED, 0, 0);
            fx.reach(fx.start(OWNER_A, TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.COMPLETED, 1, 0);
            RunFilter filter = RunFilter.ALL.withRunTypes(Set.of(DRIFT)).withBuckets(Set.of(StatusBucket.FAILED))
                    .withInitiator(OWNER_A.userId()).withReasonCode(FORBIDDEN).withCreatedBetween(match.createdAt(), null);
            assertEquals(List.of(match.id()), listIds(filter));
            assertEquals(List.of(match.id()), listIds(filter.withRunIdPrefix(hex(match))));
            assertEquals(List.of(), listIds(filter.withCreatedBetween(null, match.createdAt())));
            assertEquals(1, queries().countByBucket(OWNER_A, TENANT_A, filter).total());
        }

        @Test
        void a_search_stays_in_its_tenant() {
            Run mine = fx.reach(fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.FAILED, 0, 0);
            Run theirs = fx.reach(fx.start(OPERATOR_B, TENANT_B, DRIFT, fx.uniqueContext()), RunStatus.FAILED, 0, 0);
            assertEquals(List.of(), listIds(RunFilter.ALL.withRunIdPrefix(hex(theirs))));
            assertEquals(List.of(), listIds(RunFilter.ALL.withInitiator(OPERATOR_B.userId())));
            assertEquals(List.of(mine.id()), listIds(RunFilter.ALL.withReasonCode(FORBIDDEN)));
        }

        @Test
        void pages_of_a_search_walk_only_its_runs_and_its_cursors_belong_to_it() {
            List<Run> owners = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fx.clock.advance(Duration.ofSeconds(1));
                owners.add(fx.start(OWNER_A, TENANT_A, DRIFT, fx.uniqueContext()));
                fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext());
            }
            RunFilter filter = RunFilter.ALL.withInitiator(OWNER_A.userId());
            RunPage first = page(OWNER_A, TENANT_A, filter, PageRequest.first(2));
            RunPage second = page(OWNER_A, TENANT_A, filter, PageRequest.first(2).at(first.olderCursor()));
            RunPage third = page(OWNER_A, TENANT_A, filter, PageRequest.first(2).at(second.olderCursor()));
            List<RunId> walked = new ArrayList<>(ids(first.runs()));
            walked.addAll(ids(second.runs()));
            walked.addAll(ids(third.runs()));
            assertEquals(newestFirst(owners), walked);
            assertNull(third.olderCursor());
            assertThrows(InvalidPageCursorException.class, () -> page(OWNER_A, TENANT_A,
                    filter.withInitiator(OPERATOR_A.userId()), PageRequest.first(2).at(first.olderCursor())));
            assertThrows(InvalidPageCursorException.class, () -> page(OWNER_A, TENANT_A, RunFilter.ALL,
                    PageRequest.first(2).at(first.olderCursor())));
        }

        @Test
        void malformed_search_input_is_refused_before_any_store_work() {
            for (String bad : List.of("", "xyz", "0190-zz", "0".repeat(33), "0190 a5")) {
                assertEquals("runIdPrefix", assertThrows(InvalidRunInputException.class,
                        () -> RunFilter.ALL.withRunIdPrefix(bad), bad).field());
            }
            assertEquals("initiator", assertThrows(InvalidRunInputException.class,
                    () -> RunFilter.ALL.withInitiator(" ")).field());
            assertEquals("initiator", assertThrows(InvalidRunInputException.class,
                    () -> RunFilter.ALL.withInitiator("x".repeat(201))).field());
            assertNull(RunFilter.ALL.withRunIdPrefix(null).runIdPrefix(), "null means any");
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("detail: the run, its item failures oldest first, and related links of its type")
    class Detail {

        @Test
        void the_detail_shows_the_run_its_item_failures_oldest_first_and_its_related_links() {
            Run run = fx.running();
            for (int i = 0; i < 3; i++) {
                fx.clock.advance(Duration.ofSeconds(10));
                fx.registry().recordItemFailure(run.id(), "policy-" + i, FORBIDDEN, "HTTP 403 for policy " + i);
            }
            fx.registry().recordProgress(run.id(), ProgressDelta.succeeded(5));
            Run finished = fx.registry().finish(run.id());
            RunDetail detail = queries().detail(READONLY_A, TENANT_A, run.id());
            assertEquals(finished, detail.run());
            assertEquals(List.of("policy-0", "policy-1", "policy-2"),
                    detail.itemFailures().stream().map(ItemFailure::itemKey).toList());
            List<Instant> times = detail.itemFailures().stream().map(ItemFailure::occurredAt).toList();
            assertTrue(times.get(0).isBefore(times.get(1)) && times.get(1).isBefore(times.get(2)), "oldest first");
            assertEquals(FORBIDDEN, detail.itemFailures().get(0).reasonCode());
            assertEquals(fx.ledger().config().sanitizer().sanitize("HTTP 403 for policy 0"),
                    detail.itemFailures().get(0).message());
            assertEquals(0, detail.itemFailuresOmitted());
            assertEquals(List.of(new RelatedLink("Drift findings", "/drift/findings?run=" + run.id())),
                    detail.relatedLinks());
        }

        @Test
        void related_links_come_from_the_provider_of_the_runs_type() {
            Run backup = fx.start(OPERATOR_A, TENANT_A, BACKUP, context("backup_set_id", "bs-42"));
            Run unlinked = fx.start(OPERATOR_A, TENANT_A, UNLINKED, fx.uniqueContext());
            assertEquals(List.of(new RelatedLink("Backup set", "/backup-sets/bs-42")),
                    queries().detail(OWNER_A, TENANT_A, backup.id()).relatedLinks());
            assertEquals(List.of(), queries().detail(OWNER_A, TENANT_A, unlinked.id()).relatedLinks(),
                    "no provider, no links");
        }

        @Test
        void the_detail_of_a_failed_run_shows_its_run_level_failure() {
            Run failed = fx.registry().fail(fx.running().id(), FORBIDDEN, "consent revoked");
            RunDetail detail = queries().detail(OWNER_A, TENANT_A, failed.id());
            assertEquals(failed, detail.run());
            assertEquals(FORBIDDEN, detail.run().failure().reasonCode());
            assertEquals(fx.ledger().config().sanitizer().sanitize("consent revoked"), detail.run().failure().message());
            assertEquals(List.of(), detail.itemFailures());
        }

        @Test
        void an_unknown_run_id_is_not_found() {
            RunId unknown = unknownRunId();
            RunNotFoundException e = assertThrows(RunNotFoundException.class,
                    () -> queries().detail(OWNER_A, TENANT_A, unknown));
            assertEquals(unknown, e.runId());
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("tenant isolation: no read ever shows another tenant's runs or notifications")
    class TenantIsolation {

        @Test
        void lists_and_counts_show_only_the_tenants_own_runs() {
            List<RunId> inA = new ArrayList<>();
            List<RunId> inB = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RunContext ctx = context("scope_key", "s" + i);
                fx.clock.advance(Duration.ofSeconds(1));
                inA.add(fx.start(OPERATOR_A, TENANT_A, DRIFT, ctx).id());
                if (i < 2) {
                    inB.add(fx.start(OPERATOR_B, TENANT_B, DRIFT, ctx).id());
                }
            }
            Collections.reverse(inA);
            Collections.reverse(inB);
            assertEquals(inA, ids(fx.listAll(BOTH, TENANT_A, RunFilter.ALL)));
            assertEquals(inB, ids(fx.listAll(BOTH, TENANT_B, RunFilter.ALL)));
            assertEquals(inA, ids(fx.listAll(BOTH, TENANT_A, buckets(StatusBucket.QUEUED).withRunTypes(Set.of(DRIFT)))));
            assertEquals(3, queries().countByBucket(BOTH, TENANT_A, RunFilter.ALL).get(StatusBucket.QUEUED));
            assertEquals(2, queries().countByBucket(BOTH, TENANT_B, RunFilter.ALL).get(StatusBucket.QUEUED));
            assertEquals(2, queries().countByBucket(OWNER_B, TENANT_B, RunFilter.ALL).total());
        }

        @Test
        void another_tenants_run_id_is_not_found_exactly_like_a_random_id() {
            Run inB = fx.start(OPERATOR_B, TENANT_B, DRIFT, fx.uniqueContext());
            RunId random = unknownRunId();
            RunNotFoundException foreign = assertThrows(RunNotFoundException.class,
                    () -> queries().detail(OWNER_A, TENANT_A, inB.id()));
            RunNotFoundException foreignForBoth = assertThrows(RunNotFoundException.class,
                    () -> queries().detail(BOTH, TENANT_A, inB.id()), "even for a user who may see tenant-b");
            RunNotFoundException unknown = assertThrows(RunNotFoundException.class,
                    () -> queries().detail(OWNER_A, TENANT_A, random));
            assertEquals(unknown.getClass(), foreign.getClass());
            assertEquals(inB.id(), foreign.runId());
            assertEquals(unknown.getMessage().replace(random.toString(), "<id>"),
                    foreign.getMessage().replace(inB.id().toString(), "<id>"), "the message reveals nothing more");
            assertEquals(foreign.getMessage(), foreignForBoth.getMessage());
            assertFalse(foreign.getMessage().contains(TENANT_B.value()), foreign.getMessage());
            assertEquals(inB, queries().detail(BOTH, TENANT_B, inB.id()).run(), "in its own tenant it is found");
        }

        @Test
        void notifications_of_another_tenant_never_show_and_cannot_be_marked() {
            Run inA = fx.start(BOTH, TENANT_A, DRIFT, fx.uniqueContext());
            List<Notification> mineInA = fx.inbox(BOTH, TENANT_A);
            assertEquals(1, mineInA.size());
            assertEquals(inA.id(), mineInA.get(0).runId());
            assertEquals(List.of(), fx.inbox(BOTH, TENANT_B), "tenant-b's inbox does not show tenant-a's notification");
            assertEquals(List.of(), inbox().list(BOTH, TENANT_B, true, 200));
            assertEquals(0, inbox().markRead(BOTH, TENANT_B, List.of(mineInA.get(0).id())));
            assertEquals(0, inbox().markRead(BOTH, TENANT_B, List.of()));
            assertFalse(fx.inbox(BOTH, TENANT_A).get(0).isRead(), "still unread in tenant-a");
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("access: every role may view its tenant, nobody else may")
    class Access {

        @Test
        void the_system_reader_views_every_tenant_and_starts_nothing() {
            Principal system = Principal.systemReader("recovery");
            Run inA = fx.start(OPERATOR_A, TENANT_A, DRIFT, fx.uniqueContext());
            Run inB = fx.start(OPERATOR_B, TENANT_B, DRIFT, fx.uniqueContext());
            assertEquals(List.of(inA), queries().list(system, TENANT_A, RunFilter.ALL, PageRequest.FIRST).runs());
            assertEquals(List.of(inB), queries().list(system, TENANT_B, RunFilter.ALL, PageRequest.FIRST).runs());
            assertEquals(inB, queries().detail(system, TENANT_B, inB.id()).run());
            assertThrows(RunAccessDeniedException.class, () -> fx.registry().startOrReuse(
                    StartRequest.byUser(system, TENANT_A, DRIFT, fx.uniqueContext())));
        }

        @ParameterizedTest(name = "{0} may view")
        @EnumSource(TenantRole.class)
        void every_role_may_view_its_tenant(TenantRole role) {
            Principal viewer = ContractFixtures.user("viewer", TENANT_A, role);
            Run run = fx.start();
            assertEquals(List.of(run), queries().list(viewer, TENANT_A, RunFilter.ALL, PageRequest.FIRST).runs());
            assertEquals(1, queries().countByBucket(viewer, TENANT_A, RunFilter.ALL).total());
            assertEquals(run, queries().detail(viewer, TENANT_A, run.id()).run());
            assertEquals(List.of(), inbox().list(viewer, TENANT_A, false, 10));
            assertEquals(0, inbox().markRead(viewer, TENANT_A, List.of()));
        }

        @Test
        void a_user_without_a_role_in_the_tenant_is_denied_every_read() {
            Run run = fx.start();
            fx.start(OPERATOR_B, TENANT_B, DRIFT, fx.uniqueContext());
            for (Principal p : List.of(OUTSIDER, OWNER_B)) {
                List<Executable> reads = List.of(
                        () -> queries().list(p, TENANT_A, RunFilter.ALL, PageRequest.FIRST),
                        () -> queries().countByBucket(p, TENANT_A, RunFilter.ALL),
                        () -> queries().detail(p, TENANT_A, run.id()),
                        () -> queries().detail(p, TENANT_A, unknownRunId()),
                        () -> inbox().list(p, TENANT_A, false, 10),
                        () -> inbox().markRead(p, TENANT_A, List.of()));
                for (Executable read : reads) {
                    RunAccessDeniedException e = assertThrows(RunAccessDeniedException.class, read, p.userId());
                    assertEquals(TENANT_A, e.tenantId());
                    assertEquals(p.userId(), e.userId());
                }
            }
        }

        @Test
        void the_configured_access_policy_decides_who_may_view() {
            RunAccessPolicy ownersOnly = new RunAccessPolicy() {
                @Override
                public boolean canView(Principal principal, TenantId tenantId) {
                    return principal.roleIn(tenantId).filter(r -> r == TenantRole.OWNER).isPresent();
                }

                @Override
                public boolean canStart(Principal principal, TenantId tenantId, RunType runType) {
                    return principal.roleIn(tenantId).isPresent();
                }
            };
            fx.open(b -> b.accessPolicy(ownersOnly));
            Run run = fx.start();
            assertThrows(RunAccessDeniedException.class,
                    () -> queries().list(MANAGER_A, TENANT_A, RunFilter.ALL, PageRequest.FIRST));
            assertThrows(RunAccessDeniedException.class, () -> queries().detail(READONLY_A, TENANT_A, run.id()));
            assertEquals(run, queries().detail(OWNER_A, TENANT_A, run.id()).run());
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("bad input on the read side")
    class BadInput {

        @Test
        void null_arguments_are_refused_as_invalid_input() {
            RunId id = fx.start().id();
            List<Executable> calls = List.of(
                    () -> queries().list(null, TENANT_A, RunFilter.ALL, PageRequest.FIRST),
                    () -> queries().list(OWNER_A, null, RunFilter.ALL, PageRequest.FIRST),
                    () -> queries().list(OWNER_A, TENANT_A, null, PageRequest.FIRST),
                    () -> queries().list(OWNER_A, TENANT_A, RunFilter.ALL, null),
                    () -> queries().countByBucket(null, TENANT_A, RunFilter.ALL),
                    () -> queries().countByBucket(OWNER_A, null, RunFilter.ALL),
                    () -> queries().countByBucket(OWNER_A, TENANT_A, null),
                    () -> queries().detail(null, TENANT_A, id),
                    () -> queries().detail(OWNER_A, null, id),
                    () -> queries().detail(OWNER_A, TENANT_A, null),
                    () -> inbox().list(null, TENANT_A, false, 10),
                    () -> inbox().list(OWNER_A, null, false, 10),
                    () -> inbox().markRead(null, TENANT_A, List.of()),
                    () -> inbox().markRead(OWNER_A, null, List.of()),
                    () -> inbox().markRead(OWNER_A, TENANT_A, (Collection<UUID>) null));
            for (int i = 0; i < calls.size(); i++) {
                assertThrows(InvalidRunInputException.class, calls.get(i), "call #" + i);
            }
        }

        @Test
        void inbox_limits_outside_one_to_two_hundred_are_refused() {
            fx.start();
            for (int limit : new int[] {0, -1, 201}) {
                assertThrows(InvalidRunInputException.class, () -> inbox().list(OPERATOR_A, TENANT_A, false, limit),
                        "limit " + limit);
            }
            assertEquals(1, inbox().list(OPERATOR_A, TENANT_A, false, 1).size());
            assertEquals(1, inbox().list(OPERATOR_A, TENANT_A, false, 200).size());
        }
    }
}
