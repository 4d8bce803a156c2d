package dev.opsruns.testkit;

import static dev.opsruns.testkit.StoreFixtures.ALICE;
import static dev.opsruns.testkit.StoreFixtures.BOB;
import static dev.opsruns.testkit.StoreFixtures.MICRO;
import static dev.opsruns.testkit.StoreFixtures.NEWEST_FIRST;
import static dev.opsruns.testkit.StoreFixtures.TENANT_A;
import static dev.opsruns.testkit.StoreFixtures.TENANT_B;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opsruns.core.Run;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.spi.PagePosition;
import dev.opsruns.core.spi.RunEnd;
import dev.opsruns.core.spi.RunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The visit primitives of {@link RunStore} ({@link RunStore#lastVisit}, {@link RunStore#recordVisit}) and
 * the end-time bound ({@link RunFilter#endedFrom}) of pages and counts, called directly.
 * {@link RunStoreContract} runs it; see there.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class RunStoreVisitsContract {

    private static final int THREADS = 16;
    private static final int ROUNDS = 8;

    private StoreFixtures fx;
    private RunStore store;

    /** @return a new, EMPTY store on every call */
    protected abstract RunStore createStore();

    @BeforeEach
    final void openEmptyStore() {
        fx = new StoreFixtures(createStore());
        store = fx.store;
    }

    // ------------------------------------------------------------------ visits

    @Test
    void a_user_who_never_visited_has_no_visit() {
        assertEquals(Optional.empty(), store.lastVisit(TENANT_A, ALICE.id()));
    }

    @Test
    void a_recorded_visit_reads_back_to_the_microsecond() {
        Instant at = fx.now();
        store.recordVisit(TENANT_A, ALICE.id(), at);
        assertEquals(Optional.of(at), store.lastVisit(TENANT_A, ALICE.id()));
    }

    @Test
    void a_later_visit_replaces_the_stored_one_and_an_earlier_one_leaves_it() {
        Instant first = fx.now();
        store.recordVisit(TENANT_A, ALICE.id(), first);
        Instant later = first.plus(MICRO);
        store.recordVisit(TENANT_A, ALICE.id(), later);
        assertEquals(Optional.of(later), store.lastVisit(TENANT_A, ALICE.id()), "one microsecond later moves it");
        store.recordVisit(TENANT_A, ALICE.id(), first);
        assertEquals(Optional.of(later), store.lastVisit(TENANT_A, ALICE.id()), "an earlier visit never moves it back");
        store.recordVisit(TENANT_A, ALICE.id(), later);
        assertEquals(Optional.of(later), store.lastVisit(TENANT_A, ALICE.id()), "the same time again changes nothing");
    }

    @Test
    void visits_are_kept_per_user_and_tenant() {
        Instant alice = fx.now();
        store.recordVisit(TENANT_A, ALICE.id(), alice);
        Instant bob = fx.advance(Duration.ofMinutes(1));
        store.recordVisit(TENANT_A, BOB.id(), bob);
        Instant aliceInB = fx.advance(Duration.ofMinutes(1));
        store.recordVisit(TENANT_B, ALICE.id(), aliceInB);
        assertEquals(Optional.of(alice), store.lastVisit(TENANT_A, ALICE.id()));
        assertEquals(Optional.of(bob), store.lastVisit(TENANT_A, BOB.id()));
        assertEquals(Optional.of(aliceInB), store.lastVisit(TENANT_B, ALICE.id()));
        assertEquals(Optional.empty(), store.lastVisit(TENANT_B, BOB.id()));
    }

    @Test
    void racing_first_visits_of_one_user_all_succeed_and_keep_the_latest() {
        assertRacingVisitsKeepTheLatest(false);
    }

    @Test
    void racing_visits_over_a_stored_one_all_succeed_and_keep_the_latest() {
        assertRacingVisitsKeepTheLatest(true);
    }

    /**
     * 16 threads record 16 different times, in shuffled order, for one (tenant, user); a few rounds, each
     * on a user of its own, so an insert race has more than one chance to show.
     */
    private void assertRacingVisitsKeepTheLatest(boolean visitedBefore) {
        Random shuffle = new Random(20);
        for (int round = 0; round < ROUNDS; round++) {
            String user = "racer-" + round;
            Instant base = fx.now();
            if (visitedBefore) {
                store.recordVisit(TENANT_A, user, base);
            }
            List<Instant> times = new ArrayList<>();
            for (int i = 1; i <= THREADS; i++) {
                times.add(base.plus(MICRO.multipliedBy(i)));
            }
            Collections.shuffle(times, shuffle);
            ContractFixtures.race(THREADS, i -> {
                store.recordVisit(TENANT_A, user, times.get(i));
                return null;
            }).assertNoErrors();
            assertEquals(Optional.of(base.plus(MICRO.multipliedBy(THREADS))), store.lastVisit(TENANT_A, user), user);
        }
    }

    @Test
    void the_purge_leaves_visits_alone() {
        Instant at = fx.now();
        store.recordVisit(TENANT_A, ALICE.id(), at);
        fx.inStatus(RunStatus.FAILED);
        assertEquals(1, store.purgeEnded(StoreFixtures.FAR_FUTURE, 10));
        assertEquals(Optional.of(at), store.lastVisit(TENANT_A, ALICE.id()));
    }

    // ------------------------------------------------------------------ the end-time bound

    /**
     * Runs of tenant A ended one microsecond before, at and after {@code bound}, in the FAILED and the
     * SUCCEEDED bucket, and runs still pending and running; plus a failure of tenant B after the bound.
     */
    private record Ended(Instant bound, List<Run> all) {
    }

    private Ended endedAroundABound() {
        List<Run> runs = new ArrayList<>();
        runs.add(fx.pending());
        runs.add(fx.running());
        Instant bound = fx.advance(Duration.ofMinutes(1));
        for (Instant end : List.of(bound.minus(MICRO), bound, bound.plus(MICRO))) {
            fx.clock.set(end.minus(Duration.ofSeconds(1)));
            Run failing = fx.running();
            Run succeeding = fx.running();
            fx.clock.set(end);
            runs.add(fx.end(RunEnd.fail(failing.id(), fx.failure("ended near the bound"), end)));
            runs.add(fx.end(RunEnd.finish(succeeding.id(), end)));
        }
        fx.clock.set(bound.plus(Duration.ofMinutes(1)));
        fx.reach(fx.insert(fx.newRun(TENANT_B, StoreFixtures.DRIFT, ALICE)), RunStatus.FAILED);
        runs.add(fx.pending()); // created after the bound, not ended
        return new Ended(bound, runs.stream().map(r -> fx.find(r.id())).toList());
    }

    private static List<RunId> expected(Ended ended, Set<StatusBucket> buckets) {
        return ended.all().stream()
                .filter(r -> r.finishedAt() != null && !r.finishedAt().isBefore(ended.bound()))
                .filter(r -> buckets.isEmpty() || buckets.contains(r.bucket()))
                .sorted(NEWEST_FIRST).map(Run::id).toList();
    }

    @Test
    void a_page_with_an_end_bound_holds_exactly_the_runs_ended_at_or_after_it() {
        Ended ended = endedAroundABound();
        List<RunId> page = store.page(TENANT_A, RunFilter.ALL.withEndedFrom(ended.bound()), null, 100).stream()
                .map(Run::id).toList();
        assertEquals(expected(ended, Set.of()), page);
        assertEquals(4, page.size(), "two runs ended at the bound and two a microsecond after it");
    }

    @Test
    void an_end_bound_combines_with_the_bucket_filter_and_keyset_positions() {
        Ended ended = endedAroundABound();
        RunFilter failedSince = RunFilter.ALL.withBuckets(Set.of(StatusBucket.FAILED)).withEndedFrom(ended.bound());
        List<Run> page = store.page(TENANT_A, failedSince, null, 100);
        assertEquals(expected(ended, Set.of(StatusBucket.FAILED)), page.stream().map(Run::id).toList());
        assertEquals(2, page.size());
        Run newest = page.get(0);
        List<Run> older = store.page(TENANT_A, failedSince,
                new PagePosition(PagePosition.Direction.OLDER, newest.createdAt(), newest.id()), 100);
        assertEquals(List.of(page.get(1).id()), older.stream().map(Run::id).toList());
    }

    @Test
    void counts_with_an_end_bound_count_only_runs_ended_at_or_after_it() {
        Ended ended = endedAroundABound();
        Map<StatusBucket, Long> expected = new EnumMap<>(StatusBucket.class);
        ended.all().stream().filter(r -> expected(ended, Set.of()).contains(r.id()))
                .forEach(r -> expected.merge(r.bucket(), 1L, Long::sum));
        Map<StatusBucket, Long> counts = new EnumMap<>(store.countByBucket(TENANT_A, RunFilter.ALL.withEndedFrom(ended.bound())));
        counts.values().removeIf(n -> n == 0);
        assertEquals(expected, counts);
        assertEquals(Map.of(StatusBucket.FAILED, 2L, StatusBucket.SUCCEEDED, 2L), Map.copyOf(counts));
    }
}
