package dev.opsruns.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.Initiator;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.Principal;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunIdempotency;
import dev.opsruns.core.RunLinkTemplate;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("NotificationRules (DESIGN §10)")
class NotificationRulesTest {

    private static final TenantId TENANT = TenantId.of("acme/eu");
    private static final RunType DRIFT = RunType.of("drift.generate");
    private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant FINISHED = Instant.parse("2024-05-01T10:05:00.123456Z");
    private static final Initiator.User ADA = new Initiator.User("u-ada", "Ada Lovelace");
    private static final Initiator.System SCHEDULER = new Initiator.System("nightly-scheduler");

    /** Marks what it saw and masks one secret, so tests can tell sanitized text from raw text. */
    private static final String SECRET = "hunter2";

    private final RunsConfig config = RunsConfig.builder()
            .clock(Clock.fixed(CREATED, ZoneOffset.UTC))
            .sanitizer(raw -> raw == null ? "" : raw.replace(SECRET, "[redacted]"))
            .linkTemplate(RunLinkTemplate.of("https://ops.example.com/t/{tenant}/runs/{runId}"))
            .build();
    private final NotificationRules rules = new NotificationRules(config);
    private final RunId runId = RunId.generate(Clock.fixed(CREATED, ZoneOffset.UTC));

    private Run run(Initiator initiator, RunStatus status, RunCounts counts, RunFailure failure, Instant finishedAt) {
        return new Run(runId, TENANT, DRIFT, status, RunIdempotency.buildKey(TENANT, DRIFT, RunContext.empty()),
                initiator, RunContext.empty(), counts, failure, CREATED,
                status == RunStatus.PENDING ? null : CREATED.plusSeconds(1), finishedAt, null);
    }

    private Run ended(Initiator initiator, RunStatus status, RunCounts counts, RunFailure failure) {
        return run(initiator, status, counts, failure, FINISHED);
    }

    private String expectedUrl() {
        return "https://ops.example.com/t/acme%2Feu/runs/" + runId;
    }

    private void assertAbout(Notification n, String recipient, NotificationKind kind, Instant at) {
        assertEquals(recipient, n.userId());
        assertEquals(kind, n.kind());
        assertEquals(TENANT, n.tenantId());
        assertEquals(runId, n.runId());
        assertEquals(DRIFT, n.runType());
        assertEquals("View run", n.actionLabel());
        assertEquals(NotificationRules.VIEW_RUN, n.actionLabel());
        assertEquals(expectedUrl(), n.actionUrl());
        assertEquals(at, n.createdAt());
        assertNull(n.readAt());
        assertFalse(n.isRead());
        assertEquals(7, n.id().version());
        assertTrue(n.title().contains("drift.generate"), n.title());
    }

    @Nested
    @DisplayName("when a run is started")
    class Started {

        @Test
        @DisplayName("a user start notifies the initiator that the run is queued, with a View run link")
        void userStartQueued() {
            Notification n = rules.started(run(ADA, RunStatus.PENDING, RunCounts.ZERO, null, null)).orElseThrow();
            assertAbout(n, "u-ada", NotificationKind.QUEUED, CREATED);
            assertTrue(n.title().contains("queued"), n.title());
            assertTrue(n.body().contains("queued"), n.body());
        }

        @Test
        @DisplayName("a system start notifies nobody")
        void systemStartSilent() {
            assertEquals(Optional.empty(), rules.started(run(SCHEDULER, RunStatus.PENDING, RunCounts.ZERO, null, null)));
        }

        @Test
        @DisplayName("the URL comes from the configured link template, and the default gives /tenants/{tenant}/operations/{runId}")
        void defaultLinkTemplate() {
            NotificationRules defaults = new NotificationRules(RunsConfig.builder()
                    .sanitizer(raw -> raw).build());
            Notification n = defaults.started(run(ADA, RunStatus.PENDING, RunCounts.ZERO, null, null)).orElseThrow();
            assertEquals("/tenants/acme%2Feu/operations/" + runId, n.actionUrl());
        }
    }

    @Nested
    @DisplayName("when a start reuses an active run")
    class Reused {

        private final Principal bob = new Principal("u-bob", "Bob", Map.of(TENANT, TenantRole.OPERATOR));
        private final Instant now = CREATED.plusSeconds(30);

        @ParameterizedTest
        @EnumSource(value = RunStatus.class, names = {"PENDING", "RUNNING"})
        @DisplayName("the requesting user, not the initiator, is told the run is already in progress")
        void requesterNotified(RunStatus status) {
            Notification n = rules.reused(run(ADA, status, RunCounts.ZERO, null, null), bob, now).orElseThrow();
            assertAbout(n, "u-bob", NotificationKind.REUSED, now);
            assertTrue(n.body().contains(status.storageName()), n.body());
            assertTrue(n.title().contains("already in progress"), n.title());
        }

        @Test
        @DisplayName("a user reusing a run a system started is notified too")
        void reuseOfSystemRun() {
            Notification n = rules.reused(run(SCHEDULER, RunStatus.RUNNING, RunCounts.ZERO, null, null), bob, now)
                    .orElseThrow();
            assertEquals("u-bob", n.userId());
        }

        @Test
        @DisplayName("a system start that reuses a run notifies nobody")
        void systemReuseSilent() {
            assertEquals(Optional.empty(), rules.reused(run(ADA, RunStatus.RUNNING, RunCounts.ZERO, null, null), null, now));
        }
    }

    @Nested
    @DisplayName("when a run ends")
    class Ended {

        @ParameterizedTest(name = "{0} with {1} succeeded, {2} failed -> {3}")
        @CsvSource({
                "COMPLETED,             3, 0, SUCCEEDED",
                "COMPLETED,             0, 0, SUCCEEDED",
                "COMPLETED,             1, 1, PARTIALLY_SUCCEEDED",
                "COMPLETED,             0, 1, FAILED",
                "COMPLETED_WITH_ERRORS, 2, 1, PARTIALLY_SUCCEEDED",
                "COMPLETED_WITH_ERRORS, 2, 0, PARTIALLY_SUCCEEDED",
                "COMPLETED_WITH_ERRORS, 0, 2, FAILED",
                "COMPLETED_WITH_ERRORS, 0, 0, FAILED",
                "FAILED,                0, 0, FAILED",
                "FAILED,                5, 0, FAILED",
                "ABORTED,               4, 4, FAILED"})
        @DisplayName("the initiator is told the outcome its bucket shows")
        void kindFollowsBucket(RunStatus status, long succeeded, long failed, NotificationKind expected) {
            Notification n = rules.ended(ended(ADA, status, new RunCounts(0, succeeded, failed, 0), null)).orElseThrow();
            assertAbout(n, "u-ada", expected, FINISHED);
            assertTrue(n.title().contains(expected.storageName().replace('_', ' ')), n.title());
        }

        @Test
        @DisplayName("a success names the counts")
        void successBody() {
            Notification n = rules.ended(ended(ADA, RunStatus.COMPLETED, new RunCounts(4, 3, 0, 1), null)).orElseThrow();
            assertEquals("Your drift.generate run succeeded (3 succeeded, 0 failed, 1 skipped).", n.body());
        }

        @Test
        @DisplayName("a partial success names the counts")
        void partialBody() {
            Notification n = rules.ended(ended(ADA, RunStatus.COMPLETED_WITH_ERRORS, new RunCounts(3, 2, 1, 0), null))
                    .orElseThrow();
            assertEquals("Your drift.generate run partially succeeded (2 succeeded, 1 failed, 0 skipped).", n.body());
        }

        @Test
        @DisplayName("a failure body carries the reason code and the sanitized message")
        void failureBodyCarriesReason() {
            RunFailure failure = new RunFailure(ReasonCode.of("graph.forbidden"),
                    "Graph returned 403 for password=" + SECRET);
            Notification n = rules.ended(ended(ADA, RunStatus.FAILED, RunCounts.ZERO, failure)).orElseThrow();
            assertEquals(NotificationKind.FAILED, n.kind());
            assertTrue(n.body().contains("graph.forbidden"), n.body());
            assertTrue(n.body().contains("Graph returned 403 for password=[redacted]"), n.body());
            assertFalse(n.body().contains(SECRET), n.body());
            assertTrue(n.body().contains("failed"), n.body());
        }

        @Test
        @DisplayName("an aborted run says it was aborted, with its reason")
        void abortedBody() {
            RunFailure failure = new RunFailure(ReasonCode.of("run.aborted_by_host"), "shutting down");
            Notification n = rules.ended(ended(ADA, RunStatus.ABORTED, RunCounts.ZERO, failure)).orElseThrow();
            assertEquals(NotificationKind.FAILED, n.kind());
            assertTrue(n.body().contains("was aborted"), n.body());
            assertTrue(n.body().contains("run.aborted_by_host"), n.body());
        }

        @Test
        @DisplayName("a reaped run carries run.stale")
        void staleBody() {
            RunFailure failure = new RunFailure(ReasonCode.RUN_STALE, "no heartbeat for 10 minutes");
            Notification n = rules.ended(ended(ADA, RunStatus.FAILED, RunCounts.ZERO, failure)).orElseThrow();
            assertTrue(n.body().contains("run.stale"), n.body());
            assertTrue(n.body().contains("no heartbeat for 10 minutes"), n.body());
        }

        @Test
        @DisplayName("a run that ended with no successes and no run-level failure names the counts")
        void failedByCountsBody() {
            Notification n = rules.ended(ended(ADA, RunStatus.COMPLETED_WITH_ERRORS, new RunCounts(2, 0, 2, 0), null))
                    .orElseThrow();
            assertEquals(NotificationKind.FAILED, n.kind());
            assertTrue(n.body().contains("0 succeeded, 2 failed"), n.body());
        }

        @Test
        @DisplayName("a system-started run notifies nobody when it ends")
        void systemRunSilent() {
            assertEquals(Optional.empty(), rules.ended(ended(SCHEDULER, RunStatus.COMPLETED, RunCounts.ZERO, null)));
            assertEquals(Optional.empty(), rules.ended(ended(SCHEDULER, RunStatus.FAILED, RunCounts.ZERO,
                    new RunFailure(ReasonCode.RUN_STALE, "stale"))));
        }

        @ParameterizedTest
        @EnumSource(value = RunStatus.class, names = {"PENDING", "RUNNING"})
        @DisplayName("an active run notifies nobody, even with a finish time set")
        void activeRunSilent(RunStatus status) {
            assertEquals(Optional.empty(), rules.ended(run(ADA, status, RunCounts.ZERO, null, null)));
            assertEquals(Optional.empty(), rules.ended(run(ADA, status, RunCounts.ZERO, null, FINISHED)));
        }

        @Test
        @DisplayName("an ended run without a finish time notifies nobody")
        void noFinishTimeSilent() {
            assertEquals(Optional.empty(), rules.ended(run(ADA, RunStatus.COMPLETED, RunCounts.ZERO, null, null)));
        }
    }
}
