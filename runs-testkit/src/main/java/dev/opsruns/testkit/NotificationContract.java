package dev.opsruns.testkit;

import static dev.opsruns.testkit.ContractFixtures.BACKUP;
import static dev.opsruns.testkit.ContractFixtures.DRIFT;
import static dev.opsruns.testkit.ContractFixtures.FORBIDDEN;
import static dev.opsruns.testkit.ContractFixtures.LINKS;
import static dev.opsruns.testkit.ContractFixtures.MANAGER_A;
import static dev.opsruns.testkit.ContractFixtures.OPERATOR_A;
import static dev.opsruns.testkit.ContractFixtures.SYSTEM;
import static dev.opsruns.testkit.ContractFixtures.TENANT_A;
import static dev.opsruns.testkit.ContractFixtures.newestFirst;
import static dev.opsruns.testkit.ContractFixtures.ids;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.Principal;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The notification rules every ledger follows: who hears of a start, a reuse and an end, with what
 * text and which "View run" action, and how a user's inbox lists and marks them.
 *
 * <p>A store's test extends {@link RunLedgerContract}, which runs this kit with the others; a ledger
 * can also be checked against this kit alone by extending it with one method.
 *
 * <p>Time comes from a {@link ManualClock} in the configuration; the suite never sleeps.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class NotificationContract {

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

    private NotificationInbox inbox() {
        return fx.inbox();
    }

    // =====================================================================================================

    @Nested
    @DisplayName("notifications: queued, reused and ended, each with a View run action")
    class Notifications {

        private String viewUrl(Run run) {
            return LINKS.viewRunUrl(run.tenantId(), run.id());
        }

        private List<Notification> ofKind(Principal user, Run run, NotificationKind kind) {
            return fx.inbox(user, run.tenantId(), run.id()).stream().filter(n -> n.kind() == kind).toList();
        }

        @Test
        void a_user_start_queues_a_notification_with_a_view_run_action() {
            Run run = fx.start();
            List<Notification> all = fx.allNotifications(TENANT_A);
            assertEquals(1, all.size(), "only the initiator hears of it");
            Notification n = all.get(0);
            assertAll(
                    () -> assertEquals(TENANT_A, n.tenantId()),
                    () -> assertEquals(OPERATOR_A.userId(), n.userId()),
                    () -> assertEquals(run.id(), n.runId()),
                    () -> assertEquals(DRIFT, n.runType()),
                    () -> assertEquals(NotificationKind.QUEUED, n.kind()),
                    () -> assertEquals("View run", n.actionLabel()),
                    () -> assertEquals(viewUrl(run), n.actionUrl()),
                    () -> assertEquals(fx.ledger().config().linkTemplate().viewRunUrl(TENANT_A, run.id()), n.actionUrl()),
                    () -> assertEquals(run.createdAt(), n.createdAt()),
                    () -> assertNull(n.readAt()),
                    () -> assertFalse(n.title().isBlank()),
                    () -> assertFalse(n.body().isBlank()));
        }

        @Test
        void a_reuse_notifies_the_user_who_asked() {
            RunContext ctx = fx.uniqueContext();
            Run run = fx.start(OPERATOR_A, TENANT_A, DRIFT, ctx);
            fx.clock.advance(Duration.ofMinutes(1));
            StartOutcome byManager = fx.registry().startOrReuse(StartRequest.byUser(MANAGER_A, TENANT_A, DRIFT, ctx));
            assertInstanceOf(StartOutcome.Reused.class, byManager);
            List<Notification> managers = fx.inbox(MANAGER_A, TENANT_A);
            assertEquals(1, managers.size());
            Notification n = managers.get(0);
            assertEquals(NotificationKind.REUSED, n.kind());
            assertEquals(run.id(), n.runId());
            assertEquals("View run", n.actionLabel());
            assertEquals(viewUrl(run), n.actionUrl());
            assertEquals(fx.now(), n.createdAt());
            assertEquals(List.of(NotificationKind.QUEUED),
                    fx.inbox(OPERATOR_A, TENANT_A).stream().map(Notification::kind).toList(), "the initiator hears nothing new");
            fx.registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, DRIFT, ctx));
            assertEquals(1, ofKind(OPERATOR_A, run, NotificationKind.REUSED).size(), "reusing your own run is told too");
        }

        @Test
        void system_starts_and_reuses_notify_nobody_but_a_user_reusing_a_system_run_is_told() {
            RunContext ctx = fx.uniqueContext();
            Run run = fx.startBySystem(TENANT_A, DRIFT, ctx);
            fx.registry().startOrReuse(StartRequest.bySystem(SYSTEM, TENANT_A, DRIFT, ctx));
            assertEquals(List.of(), fx.allNotifications(TENANT_A));
            fx.registry().startOrReuse(StartRequest.byUser(OPERATOR_A, TENANT_A, DRIFT, ctx));
            assertEquals(1, ofKind(OPERATOR_A, run, NotificationKind.REUSED).size());
            fx.reach(run, RunStatus.COMPLETED, 1, 0);
            assertEquals(1, fx.allNotifications(TENANT_A).size(), "the end of a system run notifies nobody");
        }

        static Stream<Arguments> endings() {
            return Stream.of(
                    Arguments.of(RunStatus.COMPLETED, 3, 0, NotificationKind.SUCCEEDED),
                    Arguments.of(RunStatus.COMPLETED, 0, 0, NotificationKind.SUCCEEDED),
                    Arguments.of(RunStatus.COMPLETED_WITH_ERRORS, 2, 1,
                            NotificationKind.PARTIALLY_SUCCEEDED),
                    Arguments.of(RunStatus.COMPLETED_WITH_ERRORS, 0, 2, NotificationKind.FAILED),
                    Arguments.of(RunStatus.FAILED, 2, 1, NotificationKind.FAILED),
                    Arguments.of(RunStatus.ABORTED, 0, 0, NotificationKind.FAILED));
        }

        @ParameterizedTest(name = "{0} succeeded={1} failed={2} -> {3}")
        @MethodSource("endings")
        void the_end_of_a_run_notifies_its_initiator_once(RunStatus status, long succeeded, long failed,
                NotificationKind kind) {
            RunContext ctx = fx.uniqueContext();
            Run started = fx.start(OPERATOR_A, TENANT_A, DRIFT, ctx);
            fx.registry().startOrReuse(StartRequest.byUser(MANAGER_A, TENANT_A, DRIFT, ctx));
            fx.clock.advance(Duration.ofMinutes(2));
            Run ended = fx.reach(started, status, succeeded, failed);
            List<Notification> ends = fx.inbox(OPERATOR_A, TENANT_A, ended.id()).stream()
                    .filter(n -> n.kind() != NotificationKind.QUEUED).toList();
            assertEquals(1, ends.size(), "one end notification: " + ends);
            Notification n = ends.get(0);
            assertEquals(kind, n.kind());
            assertEquals(ended.finishedAt(), n.createdAt());
            assertEquals("View run", n.actionLabel());
            assertEquals(viewUrl(ended), n.actionUrl());
            assertEquals(List.of(NotificationKind.REUSED),
                    fx.inbox(MANAGER_A, TENANT_A).stream().map(Notification::kind).toList(),
                    "only the initiator hears of the end");
        }

        @Test
        void a_failure_notification_carries_the_reason_and_the_sanitized_message() {
            Run run = fx.running();
            fx.registry().fail(run.id(), FORBIDDEN, "consent revoked by the tenant admin");
            Notification n = ofKind(OPERATOR_A, run, NotificationKind.FAILED).get(0);
            assertTrue(n.body().contains(FORBIDDEN.value()), n.body());
            assertTrue(n.body().contains(fx.ledger().config().sanitizer().sanitize("consent revoked by the tenant admin")),
                    n.body());
        }

        @Test
        void a_system_run_notifies_nobody_through_its_whole_life() {
            Run ok = fx.reach(fx.startBySystem(TENANT_A, DRIFT, fx.uniqueContext()), RunStatus.COMPLETED, 2, 0);
            Run failed = fx.reach(fx.startBySystem(TENANT_A, BACKUP, fx.uniqueContext()), RunStatus.FAILED, 0, 1);
            assertEquals(RunStatus.COMPLETED, ok.status());
            assertEquals(RunStatus.FAILED, failed.status());
            assertEquals(List.of(), fx.allNotifications(TENANT_A));
        }

        @Test
        void a_refused_transition_notifies_nobody() {
            Run run = fx.reach(RunStatus.COMPLETED, 1, 0);
            assertThrows(RuntimeException.class, () -> fx.registry().finish(run.id()));
            assertThrows(RuntimeException.class, () -> fx.registry().fail(run.id(), FORBIDDEN, "late"));
            assertEquals(List.of(NotificationKind.QUEUED, NotificationKind.SUCCEEDED),
                    fx.inbox(OPERATOR_A, TENANT_A, run.id()).stream().map(Notification::kind).sorted().toList());
        }

        @Test
        void mark_read_marks_only_the_principals_own_notifications() {
            RunContext ctx = fx.uniqueContext();
            fx.start(OPERATOR_A, TENANT_A, DRIFT, ctx);
            fx.clock.advance(Duration.ofMinutes(1));
            fx.start(OPERATOR_A, TENANT_A, BACKUP, fx.uniqueContext());
            fx.registry().startOrReuse(StartRequest.byUser(MANAGER_A, TENANT_A, DRIFT, ctx));
            List<UUID> operators = fx.inbox(OPERATOR_A, TENANT_A).stream().map(Notification::id).toList();
            assertEquals(2, operators.size());

            assertEquals(0, inbox().markRead(MANAGER_A, TENANT_A, operators), "another user's ids are ignored");
            assertTrue(fx.inbox(OPERATOR_A, TENANT_A).stream().noneMatch(Notification::isRead));

            fx.clock.advance(Duration.ofMinutes(1));
            assertEquals(1, inbox().markRead(OPERATOR_A, TENANT_A, List.of(operators.get(0), UUID.randomUUID())));
            Notification read = fx.inbox(OPERATOR_A, TENANT_A).stream()
                    .filter(n -> n.id().equals(operators.get(0))).findFirst().orElseThrow();
            assertEquals(fx.now(), read.readAt());
            assertEquals(0, inbox().markRead(OPERATOR_A, TENANT_A, List.of(operators.get(0))), "already read");
            assertEquals(1, inbox().markRead(OPERATOR_A, TENANT_A, List.of()), "empty marks all of mine");
            assertTrue(fx.inbox(OPERATOR_A, TENANT_A).stream().allMatch(Notification::isRead));
            assertTrue(fx.inbox(MANAGER_A, TENANT_A).stream().noneMatch(Notification::isRead), "the manager's stay unread");
        }

        @Test
        void unread_only_leaves_out_what_was_read() {
            fx.start();
            fx.clock.advance(Duration.ofMinutes(1));
            fx.start();
            List<Notification> all = fx.inbox(OPERATOR_A, TENANT_A);
            inbox().markRead(OPERATOR_A, TENANT_A, List.of(all.get(0).id()));
            List<Notification> unread = inbox().list(OPERATOR_A, TENANT_A, true, 10);
            assertEquals(List.of(all.get(1).id()), unread.stream().map(Notification::id).toList());
            assertEquals(2, inbox().list(OPERATOR_A, TENANT_A, false, 10).size());
        }

        @Test
        void the_inbox_is_newest_first_and_limited() {
            List<Run> runs = fx.startMinuteApart(5);
            List<Notification> three = inbox().list(OPERATOR_A, TENANT_A, false, 3);
            assertEquals(newestFirst(runs).subList(0, 3), three.stream().map(Notification::runId).toList());
        }
    }

}
