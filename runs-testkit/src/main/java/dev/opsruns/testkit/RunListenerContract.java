package dev.opsruns.testkit;

import static dev.opsruns.testkit.ContractFixtures.BACKUP;
import static dev.opsruns.testkit.ContractFixtures.CANCELLED;
import static dev.opsruns.testkit.ContractFixtures.FORBIDDEN;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_A;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_B;
import static dev.opsruns.testkit.ContractFixtures.TENANT_A;
import static dev.opsruns.testkit.ContractFixtures.TENANT_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.ClaimOutcome;
import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReapReport;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunClaimRefusedException;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunListener;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StaleRunPolicy;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@link RunListener} events every ledger fires: started, reused, ended (with bucket and
 * duration), reaped and item failures; only for changes that took effect, only after the store
 * committed them (a listener reading the ledger already sees the change), and never able to break the
 * write (a throwing listener is ignored and the next one still hears the event).
 *
 * <p>A store's test extends {@link RunLedgerContract}, which runs this kit with the others.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class RunListenerContract {

    private static final StaleRunPolicy POLICY =
            new StaleRunPolicy(Duration.ofMinutes(10), Map.of(), Duration.ofMinutes(30), 500);

    private ContractFixtures fx;
    private Recorder events;

    /**
     * Creates the ledger under test. Called before every test, and again by tests that need another
     * configuration (the earlier ledger is then abandoned).
     *
     * @param config the settings to use, exactly as given (its clock is a {@link ManualClock})
     * @return a ledger over EMPTY state: no runs, failures or notifications in any tenant, on every call
     */
    protected abstract RunLedger createLedger(RunsConfig config);

    /** Opens an empty ledger whose configuration registers a recording listener. */
    @BeforeEach
    protected final void openLedgerWithListener() {
        fx = new ContractFixtures(this::createLedger);
        events = new Recorder();
        fx.open(b -> b.listener(events));
    }

    /** One event as a listener heard it, with what the ledger showed at that moment. */
    record Event(String kind, RunId runId, RunType runType, StatusBucket bucket, Duration duration,
            ReasonCode reasonCode, RunStatus storedStatus) {
    }

    /** Records every event, and reads the run back through the ledger while hearing it. */
    private final class Recorder implements RunListener {
        final List<Event> heard = Collections.synchronizedList(new ArrayList<>());
        final List<TenantId> tenants = Collections.synchronizedList(new ArrayList<>());

        private RunStatus stored(RunId id) {
            try {
                return fx.registry().get(id).status();
            } catch (RunNotFoundException e) {
                return null;
            }
        }

        @Override
        public void started(Run run) {
            heard.add(new Event("started", run.id(), run.runType(), run.bucket(), null, null, stored(run.id())));
        }

        @Override
        public void reused(Run run) {
            heard.add(new Event("reused", run.id(), run.runType(), run.bucket(), null, null, stored(run.id())));
        }

        @Override
        public void ended(Run run, StatusBucket bucket, Duration duration) {
            heard.add(new Event("ended", run.id(), run.runType(), bucket, duration,
                    run.failureIfAny().map(f -> f.reasonCode()).orElse(null), stored(run.id())));
        }

        @Override
        public void reaped(Run run) {
            heard.add(new Event("reaped", run.id(), run.runType(), run.bucket(), null,
                    run.failureIfAny().map(f -> f.reasonCode()).orElse(null), stored(run.id())));
        }

        @Override
        public void itemFailed(RunId runId, RunType runType, TenantId tenantId, ReasonCode reasonCode) {
            heard.add(new Event("itemFailed", runId, runType, null, null, reasonCode, stored(runId)));
            tenants.add(tenantId);
        }

        List<Event> take() {
            synchronized (heard) {
                List<Event> copy = List.copyOf(heard);
                heard.clear();
                return copy;
            }
        }
    }

    // =====================================================================================================

    @Nested
    @DisplayName("starts: a new run fires started, a reuse fires reused, after the run is stored")
    class Starts {

        @Test
        void a_new_run_fires_started_once_with_the_stored_run() {
            Run run = fx.start();

            assertEquals(List.of(new Event("started", run.id(), run.runType(), StatusBucket.QUEUED, null, null,
                    RunStatus.PENDING)), events.take());
        }

        @Test
        void a_start_that_reuses_the_active_run_fires_reused_not_started() {
            RunContext context = fx.uniqueContext();
            Run first = fx.start(OPERATOR_A, TENANT_A, BACKUP, context);
            events.take();

            StartOutcome again = fx.registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, BACKUP, context));

            assertInstanceOf(StartOutcome.Reused.class, again);
            assertEquals(List.of(new Event("reused", first.id(), BACKUP, StatusBucket.QUEUED, null, null,
                    RunStatus.PENDING)), events.take());
        }

        @Test
        void worker_calls_that_change_no_lifecycle_fire_nothing() {
            Run run = fx.running();
            events.take();

            fx.registry().heartbeat(run.id());
            fx.registry().setTotal(run.id(), 10);
            fx.registry().recordProgress(run.id(), ProgressDelta.succeeded(3));

            assertEquals(List.of(), events.take());
        }
    }

    @Nested
    @DisplayName("ends: every end fires ended with the bucket people see and the time since it was queued")
    class Ends {

        @Test
        void a_finished_run_fires_ended_succeeded_with_its_duration_after_the_end_is_stored() {
            Run run = fx.start();
            fx.clock.advance(Duration.ofSeconds(5));
            fx.registry().markRunning(run.id());
            fx.clock.advance(Duration.ofSeconds(40));
            events.take();

            Run ended = fx.registry().finish(run.id());

            assertEquals(List.of(new Event("ended", run.id(), run.runType(), StatusBucket.SUCCEEDED,
                    Duration.ofSeconds(45), null, RunStatus.COMPLETED)), events.take());
            assertEquals(Duration.between(ended.createdAt(), ended.finishedAt()), Duration.ofSeconds(45));
        }

        @Test
        void a_run_with_failed_and_succeeded_items_ends_partially_succeeded() {
            Run run = fx.running();
            fx.registry().recordProgress(run.id(), ProgressDelta.succeeded(2));
            fx.registry().recordItemFailure(run.id(), "item-1", FORBIDDEN, "forbidden");
            events.take();

            fx.registry().finish(run.id());

            Event ended = events.take().get(0);
            assertEquals("ended", ended.kind());
            assertEquals(StatusBucket.PARTIALLY_SUCCEEDED, ended.bucket());
        }

        @Test
        void failed_and_aborted_runs_end_failed_with_their_reason() {
            Run failed = fx.running();
            Run aborted = fx.start();
            events.take();

            fx.registry().fail(failed.id(), FORBIDDEN, "the tenant revoked consent");
            fx.registry().abort(aborted.id(), CANCELLED, "stopped by an operator");

            List<Event> heard = events.take();
            assertEquals(List.of(
                    new Event("ended", failed.id(), failed.runType(), StatusBucket.FAILED, Duration.ZERO, FORBIDDEN,
                            RunStatus.FAILED),
                    new Event("ended", aborted.id(), aborted.runType(), StatusBucket.FAILED, Duration.ZERO, CANCELLED,
                            RunStatus.ABORTED)), heard);
        }

        @Test
        void a_refused_end_fires_nothing() {
            Run run = fx.reach(RunStatus.COMPLETED, 1, 0);
            events.take();

            assertThrows(IllegalRunTransitionException.class, () -> fx.registry().finish(run.id()));
            assertThrows(IllegalRunTransitionException.class, () -> fx.registry().abort(run.id(), CANCELLED, "late"));
            assertThrows(IllegalRunTransitionException.class,
                    () -> fx.registry().recordItemFailure(run.id(), "late", FORBIDDEN, "late"));
            assertThrows(RunNotFoundException.class, () -> fx.registry().finish(ContractFixtures.unknownRunId()));

            assertEquals(List.of(), events.take());
        }
    }

    @Nested
    @DisplayName("claims: the fenced calls fire what their unfenced twins fire; a claim itself fires nothing")
    class Claims {

        @Test
        void a_claimed_run_fires_itemFailed_and_ended_and_a_stale_claim_fires_nothing() {
            Run run = fx.startBySystem(TENANT_B, BACKUP, fx.uniqueContext());
            events.take();

            ClaimOutcome.Claimed claimed = assertInstanceOf(ClaimOutcome.Claimed.class, fx.registry().claim(run.id()));
            RunClaim claim = claimed.claim();
            assertEquals(List.of(), events.take());

            fx.registry().recordProgress(claim, ProgressDelta.succeeded(1));
            fx.registry().recordItemFailure(claim, "a", FORBIDDEN, "forbidden");
            fx.clock.advance(Duration.ofSeconds(7));
            Run ended = fx.registry().finish(claim);

            assertEquals(List.of(
                    new Event("itemFailed", run.id(), BACKUP, null, null, FORBIDDEN, RunStatus.RUNNING),
                    new Event("ended", run.id(), BACKUP, StatusBucket.PARTIALLY_SUCCEEDED,
                            Duration.between(ended.createdAt(), ended.finishedAt()), null,
                            RunStatus.COMPLETED_WITH_ERRORS)), events.take());

            assertThrows(RunClaimRefusedException.class, () -> fx.registry().fail(claim, FORBIDDEN, "late"));
            assertThrows(RunClaimRefusedException.class,
                    () -> fx.registry().recordItemFailure(claim, "late", FORBIDDEN, "late"));
            assertEquals(List.of(), events.take());
        }

        @Test
        void a_fenced_fail_fires_ended_failed_with_its_reason() {
            Run run = fx.startBySystem(TENANT_A, BACKUP, fx.uniqueContext());
            RunClaim claim = assertInstanceOf(ClaimOutcome.Claimed.class, fx.registry().claim(run.id())).claim();
            events.take();

            fx.registry().fail(claim, FORBIDDEN, "the tenant revoked consent");

            assertEquals(List.of(new Event("ended", run.id(), BACKUP, StatusBucket.FAILED, Duration.ZERO, FORBIDDEN,
                    RunStatus.FAILED)), events.take());
        }
    }

    @Nested
    @DisplayName("item failures: each recorded failure fires itemFailed with the run's type and reason")
    class ItemFailures {

        @Test
        void every_failure_fires_once_even_past_the_cap() {
            fx.open(b -> b.itemFailureCap(1).listener(events));
            Run run = fx.startBySystem(TENANT_B, BACKUP, fx.uniqueContext());
            fx.registry().markRunning(run.id());
            events.take();

            fx.registry().recordItemFailure(run.id(), "a", FORBIDDEN, "forbidden");
            fx.registry().recordItemFailure(run.id(), "b", CANCELLED, "cancelled");

            assertEquals(List.of(
                    new Event("itemFailed", run.id(), BACKUP, null, null, FORBIDDEN, RunStatus.RUNNING),
                    new Event("itemFailed", run.id(), BACKUP, null, null, CANCELLED, RunStatus.RUNNING)),
                    events.take());
            assertEquals(2, fx.registry().get(run.id()).counts().failed());
            assertEquals(List.of(TENANT_B, TENANT_B), events.tenants);
        }
    }

    @Nested
    @DisplayName("the reaper: a reaped run fires ended (failed), then reaped with the reaper's reason")
    class Reaper {

        @Test
        void a_stale_and_a_never_started_run_fire_ended_then_reaped() {
            Run stale = fx.running();
            Run queued = fx.startBySystem(TENANT_B, BACKUP, fx.uniqueContext());
            fx.clock.advance(Duration.ofMinutes(31));
            events.take();

            ReapReport report = fx.maintenance().reapStaleRuns(POLICY);

            assertEquals(List.of(stale.id()), report.stale());
            assertEquals(List.of(queued.id()), report.neverStarted());
            Duration waited = Duration.ofMinutes(31);
            assertEquals(List.of(
                    new Event("ended", stale.id(), stale.runType(), StatusBucket.FAILED, waited, ReasonCode.RUN_STALE,
                            RunStatus.FAILED),
                    new Event("reaped", stale.id(), stale.runType(), StatusBucket.FAILED, null, ReasonCode.RUN_STALE,
                            RunStatus.FAILED),
                    new Event("ended", queued.id(), BACKUP, StatusBucket.FAILED, waited, ReasonCode.RUN_NEVER_STARTED,
                            RunStatus.FAILED),
                    new Event("reaped", queued.id(), BACKUP, StatusBucket.FAILED, null, ReasonCode.RUN_NEVER_STARTED,
                            RunStatus.FAILED)), events.take());
        }

        @Test
        void a_pass_that_ends_nothing_fires_nothing() {
            fx.running();
            events.take();

            fx.maintenance().reapStaleRuns(POLICY);

            assertEquals(List.of(), events.take());
        }
    }

    @Nested
    @DisplayName("listeners cannot break a write: one that throws is ignored, the others still hear the event")
    class ThrowingListeners {

        @Test
        void a_throwing_listener_leaves_every_call_and_its_effects_intact() {
            RunListener throwing = new RunListener() {
                @Override
                public void started(Run run) {
                    throw new IllegalStateException("listener bug");
                }

                @Override
                public void ended(Run run, StatusBucket bucket, Duration duration) {
                    throw new IllegalStateException("listener bug");
                }

                @Override
                public void itemFailed(RunId runId, RunType runType, TenantId tenantId, ReasonCode reasonCode) {
                    throw new IllegalStateException("listener bug");
                }
            };
            fx.open(b -> b.listener(throwing).listener(events));

            Run run = fx.start();
            fx.registry().markRunning(run.id());
            fx.registry().recordProgress(run.id(), ProgressDelta.succeeded(1));
            fx.registry().recordItemFailure(run.id(), "a", FORBIDDEN, "forbidden");
            Run ended = fx.registry().finish(run.id());

            assertEquals(RunStatus.COMPLETED_WITH_ERRORS, ended.status());
            assertEquals(ended, fx.registry().get(run.id()));
            assertEquals(1, fx.registry().get(run.id()).counts().failed());
            assertTrue(fx.inbox(OPERATOR_A, TENANT_A, run.id()).stream()
                    .anyMatch(n -> n.kind() == NotificationKind.PARTIALLY_SUCCEEDED),
                    "the end's notification is stored: " + fx.inbox(OPERATOR_A, TENANT_A, run.id()));
            assertEquals(List.of("started", "itemFailed", "ended"),
                    events.take().stream().map(Event::kind).toList(), "the listener after the throwing one");
        }

        @Test
        void listeners_hear_events_in_registration_order() {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            RunListener first = new RunListener() {
                @Override
                public void started(Run run) {
                    order.add("first");
                }
            };
            RunListener second = new RunListener() {
                @Override
                public void started(Run run) {
                    order.add("second");
                }
            };
            fx.open(b -> b.listener(first).listener(second));

            fx.start(OPERATOR_B, TENANT_B, BACKUP, fx.uniqueContext());

            assertEquals(List.of("first", "second"), order);
        }
    }
}
