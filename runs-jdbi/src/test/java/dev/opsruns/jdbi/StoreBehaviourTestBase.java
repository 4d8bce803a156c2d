package dev.opsruns.jdbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.Principal;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunLinkTemplate;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.jdbi.testing.TestDatabase;
import dev.opsruns.testkit.ManualClock;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * What the contract suites cannot see from outside a database: values survive the trip through the
 * column types unchanged (JSON, instants in time-zone gaps, microseconds), and a transition whose
 * notification fails leaves nothing behind.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class StoreBehaviourTestBase {

    private static final TenantId TENANT = TenantId.of("tenant-a");
    private static final Principal OWNER = new Principal("owner", "Owner", Map.of(TENANT, TenantRole.OWNER));
    private static final RunType TYPE = RunType.of("drift.generate");

    abstract TestDatabase db();

    @Test
    void a_context_of_every_kind_of_value_comes_back_equal() {
        RunLedger ledger = db().emptyLedger(RunsConfig.defaults());
        RunContext context = RunContext.builder()
                .put("string", "text with \"quotes\", \\ and \u00e9\u4e2d\ud83d\ude00")
                .put("long", Long.MIN_VALUE)
                .put("big", new BigInteger("123456789012345678901234567890"))
                .put("negative_big", new BigInteger("-98765432109876543210"))
                .put("bool", true)
                .put("list", Arrays.asList(1, "1", true, null, List.of(), Map.of()))
                .put("object", Map.of("z", 1, "a", Map.of("deep", List.of(Map.of("x", false)))))
                .put("empty", "")
                .build();
        Run run = ledger.registry().startOrReuse(StartRequest.byUser(OWNER, TENANT, TYPE, context)).run();
        Run read = ledger.registry().get(run.id());
        assertEquals(context, read.context());
        assertEquals(context.toJson(), read.context().toJson());
        assertEquals(run, read);
    }

    @Test
    void instants_in_time_zone_gaps_and_with_microseconds_come_back_equal() {
        List<Instant> instants = List.of(
                Instant.parse("2026-09-26T14:15:00.123456Z"), // 02:00-03:00 local: the JVM zone's DST gap
                Instant.parse("2026-03-08T05:45:00.000001Z"), // the PostgreSQL session zone's DST gap
                Instant.parse("2026-03-28T20:30:00.999999Z"), // H2's session zone has none; any instant
                Instant.parse("1999-12-31T23:59:59.500000Z"),
                Instant.parse("2099-06-30T12:00:00.000100Z"));
        for (Instant at : instants) {
            ManualClock clock = new ManualClock(at.plusNanos(789)); // nanoseconds are dropped, as stores keep micros
            RunLedger ledger = db().emptyLedger(RunsConfig.builder().clock(clock).build());
            Run run = ledger.registry().startOrReuse(StartRequest.byUser(OWNER, TENANT, TYPE, RunContext.empty())).run();
            assertEquals(at, run.createdAt());
            Run running = ledger.registry().markRunning(run.id());
            Run read = ledger.registry().get(run.id());
            assertEquals(at, read.createdAt(), "created at " + at);
            assertEquals(at, read.startedAt());
            assertEquals(at, read.heartbeatAt());
            assertEquals(running, read);
            Notification queued = ledger.notifications().list(OWNER, TENANT, false, 10).get(0);
            assertEquals(at, queued.createdAt());
        }
    }

    @Test
    void a_transition_whose_notification_cannot_be_written_changes_nothing() {
        AtomicBoolean broken = new AtomicBoolean();
        RunLinkTemplate links = (tenant, runId) -> {
            if (broken.get()) {
                throw new IllegalStateException("the host's link template failed");
            }
            return "/runs/" + runId;
        };
        RunLedger ledger = db().emptyLedger(RunsConfig.builder().linkTemplate(links).build());
        Run run = ledger.registry().startOrReuse(StartRequest.byUser(OWNER, TENANT, TYPE, RunContext.empty())).run();
        ledger.registry().markRunning(run.id());
        Run before = ledger.registry().get(run.id());

        broken.set(true);
        assertThrows(IllegalStateException.class, () -> ledger.registry().finish(run.id()));
        assertThrows(IllegalStateException.class, () -> ledger.registry().fail(run.id(), ReasonCode.of("x.y"), "m"));
        assertEquals(before, ledger.registry().get(run.id()), "the update was rolled back with the notification");
        assertEquals(1, ledger.notifications().list(OWNER, TENANT, false, 10).size(), "only the queued one");

        broken.set(false);
        assertEquals(RunStatus.COMPLETED, ledger.registry().finish(run.id()).status());
        List<Notification> inbox = ledger.notifications().list(OWNER, TENANT, false, 10);
        assertTrue(inbox.stream().anyMatch(n -> n.kind() == NotificationKind.SUCCEEDED), inbox.toString());
    }
}
