package dev.opsruns.testkit;

import static dev.opsruns.testkit.ContractFixtures.BOTH;
import static dev.opsruns.testkit.ContractFixtures.DRIFT;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_A;
import static dev.opsruns.testkit.ContractFixtures.OUTSIDER;
import static dev.opsruns.testkit.ContractFixtures.OWNER_A;
import static dev.opsruns.testkit.ContractFixtures.OWNER_B;
import static dev.opsruns.testkit.ContractFixtures.READONLY_A;
import static dev.opsruns.testkit.ContractFixtures.TENANT_A;
import static dev.opsruns.testkit.ContractFixtures.TENANT_B;
import static dev.opsruns.testkit.ContractFixtures.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.InvalidPageCursorException;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.NewFailures;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunAccessDeniedException;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract of {@link dev.opsruns.core.RunQueries#newFailures} and
 * {@link dev.opsruns.core.RunQueries#markVisited}, and of the {@link RunFilter#endedFrom} bound that lists
 * the same failures: a first visit, failures before, at and after it, what the {@code FAILED} bucket
 * counts and what it does not, users and tenants kept apart, a visit that never moves backwards, racing
 * visits, and the same access rules as every other read.
 *
 * <p>A store's test extends {@link RunLedgerContract}, which runs this kit with the others. Time comes
 * from a {@link ManualClock}; the suite never sleeps.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class NewFailuresContract {

    private static final int THREADS = 16;

    private ContractFixtures fx;

    /**
     * Creates the ledger under test. Called before every test.
     *
     * @param config the settings to use, exactly as given (its clock is a {@link ManualClock})
     * @return a ledger over EMPTY state: no runs, failures, notifications or visits in any tenant, on every call
     */
    protected abstract RunLedger createLedger(RunsConfig config);

    /** Opens an empty ledger over the suite's standard configuration. */
    @BeforeEach
    protected final void openEmptyLedger() {
        fx = new ContractFixtures(this::createLedger);
    }

    private NewFailures newFailures(Principal principal) {
        return fx.queries().newFailures(principal, TENANT_A);
    }

    private Instant visit(Principal principal) {
        fx.queries().markVisited(principal, TENANT_A);
        return fx.now();
    }

    private Run failed() {
        return fx.reach(RunStatus.FAILED, 0, 0);
    }

    private void later() {
        fx.clock.advance(Duration.ofMinutes(1));
    }

    // ------------------------------------------------------------------ the first visit and after

    @Test
    void before_the_first_visit_there_is_no_visit_and_nothing_is_new_even_with_failures() {
        failed();
        failed();
        assertEquals(new NewFailures(Optional.empty(), 0), newFailures(OWNER_A));
    }

    @Test
    void the_first_visit_is_the_clocks_now_and_failures_before_it_are_not_new() {
        failed();
        later();
        Instant visited = visit(OWNER_A);
        assertEquals(new NewFailures(Optional.of(visited), 0), newFailures(OWNER_A));
    }

    @Test
    void failures_that_end_at_or_after_the_visit_are_new_and_earlier_ones_are_not() {
        Run before = fx.start();
        fx.registry().markRunning(before.id());
        failed();
        later();
        fx.registry().fail(before.id(), ContractFixtures.FORBIDDEN, "ended a microsecond before the visit");
        fx.clock.advance(Duration.ofNanos(1_000));
        Instant visited = visit(OWNER_A);
        failed(); // ends at the visit's instant: "at or after" counts it
        later();
        failed();
        assertEquals(new NewFailures(Optional.of(visited), 2), newFailures(OWNER_A));
    }

    @Test
    void a_failure_created_before_the_visit_but_ended_after_it_is_new() {
        Run started = fx.running();
        later();
        Instant visited = visit(OWNER_A);
        later();
        fx.registry().fail(started.id(), ContractFixtures.FORBIDDEN, "failed after the visit");
        assertEquals(new NewFailures(Optional.of(visited), 1), newFailures(OWNER_A));
    }

    @Test
    void every_end_in_the_failed_bucket_counts_and_no_other_end_or_active_run_does() {
        Instant visited = visit(OWNER_A);
        later();
        fx.reach(RunStatus.FAILED, 0, 0);
        fx.reach(RunStatus.ABORTED, 0, 0);
        fx.reach(RunStatus.COMPLETED_WITH_ERRORS, 0, 2); // every item failed: the FAILED bucket
        fx.reach(RunStatus.COMPLETED, 3, 0);
        fx.reach(RunStatus.COMPLETED_WITH_ERRORS, 2, 1); // partially succeeded
        fx.reach(RunStatus.RUNNING, 1, 1);
        fx.start(); // queued
        assertEquals(new NewFailures(Optional.of(visited), 3), newFailures(OWNER_A));
    }

    @Test
    void a_later_visit_moves_the_mark_forwards_and_leaves_only_failures_after_it() {
        visit(OWNER_A);
        later();
        failed();
        later();
        Instant second = visit(OWNER_A);
        assertEquals(new NewFailures(Optional.of(second), 0), newFailures(OWNER_A));
        later();
        failed();
        assertEquals(new NewFailures(Optional.of(second), 1), newFailures(OWNER_A));
    }

    @Test
    void reading_new_failures_does_not_move_the_visit() {
        Instant visited = visit(OWNER_A);
        later();
        newFailures(OWNER_A);
        failed();
        assertEquals(new NewFailures(Optional.of(visited), 1), newFailures(OWNER_A));
    }

    @Test
    void a_visit_never_moves_backwards_when_the_clock_does() {
        later();
        Instant visited = visit(OWNER_A);
        fx.clock.set(visited.minus(Duration.ofHours(1)));
        fx.queries().markVisited(OWNER_A, TENANT_A);
        assertEquals(Optional.of(visited), newFailures(OWNER_A).lastVisit(), "the later visit stays");
    }

    // ------------------------------------------------------------------ isolation

    @Test
    void each_user_has_a_visit_of_their_own() {
        Instant ownerVisit = visit(OWNER_A);
        later();
        failed();
        later();
        Instant operatorVisit = visit(OPERATOR_A);
        later();
        failed();
        assertEquals(new NewFailures(Optional.of(ownerVisit), 2), newFailures(OWNER_A));
        assertEquals(new NewFailures(Optional.of(operatorVisit), 1), newFailures(OPERATOR_A));
        assertEquals(new NewFailures(Optional.empty(), 0), newFailures(READONLY_A), "never visited");
    }

    @Test
    void a_visit_to_one_tenant_is_not_a_visit_to_another_and_counts_only_its_own_failures() {
        Instant visited = visit(BOTH);
        later();
        failed();
        fx.reach(fx.start(OWNER_B, TENANT_B, DRIFT, fx.uniqueContext()), RunStatus.FAILED, 0, 0);
        fx.reach(fx.start(OWNER_B, TENANT_B, DRIFT, fx.uniqueContext()), RunStatus.FAILED, 0, 0);
        assertEquals(new NewFailures(Optional.of(visited), 1), newFailures(BOTH));
        assertEquals(new NewFailures(Optional.empty(), 0), fx.queries().newFailures(BOTH, TENANT_B));
        later();
        fx.queries().markVisited(OWNER_B, TENANT_B);
        later();
        fx.reach(fx.start(OWNER_B, TENANT_B, DRIFT, fx.uniqueContext()), RunStatus.FAILED, 0, 0);
        assertEquals(1, fx.queries().newFailures(OWNER_B, TENANT_B).count());
        assertEquals(1, newFailures(BOTH).count(), "tenant B's failure is not new in tenant A");
    }

    // ------------------------------------------------------------------ races

    @Test
    void racing_visits_of_one_user_all_succeed_and_leave_one_visit() {
        later();
        Instant now = fx.now();
        ContractFixtures.race(THREADS, i -> {
            fx.queries().markVisited(OWNER_A, TENANT_A);
            return null;
        }).assertNoErrors();
        assertEquals(new NewFailures(Optional.of(now), 0), newFailures(OWNER_A));
    }

    @Test
    void racing_first_visits_of_many_users_each_record_their_own() {
        List<Principal> users = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            users.add(ContractFixtures.user("visitor-" + i, TENANT_A, TenantRole.READONLY));
        }
        Instant now = fx.now();
        ContractFixtures.race(THREADS, i -> {
            fx.queries().markVisited(users.get(i), TENANT_A);
            return null;
        }).assertNoErrors();
        for (Principal user : users) {
            assertEquals(Optional.of(now), newFailures(user).lastVisit(), user.userId());
        }
    }

    // ------------------------------------------------------------------ access and bad input

    @Test
    void a_principal_without_a_role_in_the_tenant_is_refused_and_records_nothing() {
        for (Principal stranger : List.of(OUTSIDER, OWNER_B)) {
            assertThrows(RunAccessDeniedException.class, () -> fx.queries().newFailures(stranger, TENANT_A),
                    stranger.userId());
            assertThrows(RunAccessDeniedException.class, () -> fx.queries().markVisited(stranger, TENANT_A),
                    stranger.userId());
        }
        // the same user id, now with a role: the refused visit left nothing behind
        Principal admitted = new Principal(OUTSIDER.userId(), OUTSIDER.displayName(), Map.of(TENANT_A, TenantRole.READONLY));
        assertEquals(new NewFailures(Optional.empty(), 0), newFailures(admitted));
    }

    @Test
    void every_role_may_visit_and_read_its_new_failures() {
        for (Principal viewer : List.of(OWNER_A, OPERATOR_A, READONLY_A)) {
            Instant visited = visit(viewer);
            assertEquals(new NewFailures(Optional.of(visited), 0), newFailures(viewer), viewer.userId());
        }
    }

    @Test
    void the_system_reader_is_refused_because_visits_belong_to_users() {
        Principal system = Principal.systemReader("exports");
        for (Executable call : List.<Executable>of(() -> fx.queries().newFailures(system, TENANT_A),
                () -> fx.queries().markVisited(system, TENANT_A))) {
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class, call);
            assertEquals("principal", e.field());
            assertTrue(e.getMessage().contains("user"), e.getMessage());
        }
    }

    @Test
    void null_arguments_are_refused_as_invalid_input() {
        assertThrows(InvalidRunInputException.class, () -> fx.queries().newFailures(null, TENANT_A));
        assertThrows(InvalidRunInputException.class, () -> fx.queries().newFailures(OWNER_A, null));
        assertThrows(InvalidRunInputException.class, () -> fx.queries().markVisited(null, TENANT_A));
        assertThrows(InvalidRunInputException.class, () -> fx.queries().markVisited(OWNER_A, null));
    }

    // ------------------------------------------------------------------ the list behind the figure

    @Test
    void the_failed_bucket_ended_from_the_visit_lists_exactly_the_new_failures_and_counts_them() {
        failed();
        Run active = fx.running();
        later();
        Instant visited = visit(OWNER_A);
        List<Run> newOnes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later();
            newOnes.add(0, failed()); // newest first, as listed
            fx.reach(RunStatus.COMPLETED, 1, 0);
        }
        later();
        fx.registry().finish(active.id()); // ended after the visit, but succeeded
        fx.running(); // still running: no end, so no end bound lets it through
        RunFilter sinceVisit = RunFilter.ALL.withBuckets(Set.of(StatusBucket.FAILED)).withEndedFrom(visited);
        assertEquals(ids(newOnes), ids(fx.listAll(OWNER_A, TENANT_A, sinceVisit)));
        assertEquals(newFailures(OWNER_A).count(), fx.listAll(OWNER_A, TENANT_A, sinceVisit).size());
        var counts = fx.queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL.withEndedFrom(visited));
        assertEquals(3, counts.get(StatusBucket.FAILED));
        assertEquals(4, counts.get(StatusBucket.SUCCEEDED), "three completed runs and the finished active one");
        assertEquals(0, counts.get(StatusBucket.RUNNING) + counts.get(StatusBucket.QUEUED), "active runs never pass");
    }

    @Test
    void ended_from_is_inclusive_to_the_microsecond_whatever_the_nanoseconds() {
        later();
        Run ended = failed();
        Instant at = ended.finishedAt();
        assertEquals(List.of(ended.id()), listedFrom(at));
        assertEquals(List.of(ended.id()), listedFrom(at.minusNanos(1)));
        assertEquals(List.of(), listedFrom(at.plusNanos(1)), "a bound past the end's microsecond leaves it out");
        assertEquals(0, fx.queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL.withEndedFrom(at.plusNanos(1))).total());
        assertEquals(1, fx.queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL.withEndedFrom(at)).total());
    }

    private List<RunId> listedFrom(Instant endedFrom) {
        return ids(fx.listAll(OWNER_A, TENANT_A, RunFilter.ALL.withEndedFrom(endedFrom)));
    }

    @Test
    void a_cursor_of_a_listing_without_the_end_bound_is_refused_by_one_with_it() {
        for (int i = 0; i < 3; i++) {
            later();
            failed();
        }
        RunPage first = fx.queries().list(OWNER_A, TENANT_A, RunFilter.ALL, PageRequest.first(1));
        RunFilter bounded = RunFilter.ALL.withEndedFrom(ContractFixtures.START);
        assertThrows(InvalidPageCursorException.class, () -> fx.queries().list(OWNER_A, TENANT_A, bounded,
                PageRequest.first(1).at(first.olderCursor())));
    }

    @Test
    void statistics_refuse_an_end_bound_because_the_window_is_the_range() {
        later();
        RunFilter bounded = RunFilter.ALL.withEndedFrom(ContractFixtures.START);
        assertThrows(InvalidRunInputException.class, () -> fx.queries().statistics(OWNER_A, TENANT_A, bounded,
                StatisticsWindow.lastHour(fx.clock)));
    }
}
