package dev.opsruns.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StaleRunPolicy;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.jdbi.JdbiRunLedger;
import dev.opsruns.jdbi.OpsRunsMigrations;
import dev.opsruns.testkit.ManualClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The meters against real runs on H2 in memory, through the JDBI store. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpsRunsMetricsTest {

    private static final TenantId TENANT = TenantId.of("contoso");
    private static final RunType DRIFT = RunType.of("drift.generate");
    private static final RunType BACKUP = RunType.of("backup_set.add_policies");
    private static final ReasonCode FORBIDDEN = ReasonCode.of("graph.forbidden");

    private final ManualClock clock = new ManualClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private DataSource dataSource;

    @BeforeEach
    void freshDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:metrics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource = h2;
        OpsRunsMigrations.migrate(dataSource);
    }

    private RunLedger ledger(OpsRunsMetrics metrics) {
        return JdbiRunLedger.create(dataSource, RunsConfig.builder().clock(clock).listener(metrics).build());
    }

    private static Run start(RunLedger ledger, RunType type, int n) {
        StartOutcome outcome = ledger.registry().startOrReuse(
                StartRequest.bySystem("scheduler", TENANT, type, RunContext.builder().put("n", n).build()));
        return assertInstanceOf(StartOutcome.Started.class, outcome).run();
    }

    private double count(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private double active(RunType type) {
        return meters.get(OpsRunsMetrics.RUNS_ACTIVE).tags("type", type.value()).gauge().value();
    }

    @Test
    void a_run_from_start_to_finish_counts_started_reused_ended_and_its_duration() {
        RunLedger ledger = ledger(OpsRunsMetrics.create(meters));
        Run run = start(ledger, DRIFT, 1);
        ledger.registry().startOrReuse(StartRequest.bySystem("scheduler", TENANT, DRIFT,
                RunContext.builder().put("n", 1).build()));
        assertEquals(1, active(DRIFT));
        clock.advance(Duration.ofSeconds(3));
        ledger.registry().markRunning(run.id());
        ledger.registry().recordProgress(run.id(), ProgressDelta.succeeded(5));
        clock.advance(Duration.ofSeconds(42));

        ledger.registry().finish(run.id());

        assertEquals(1, count(OpsRunsMetrics.RUNS_STARTED, "type", "drift.generate"));
        assertEquals(1, count(OpsRunsMetrics.RUNS_REUSED, "type", "drift.generate"));
        assertEquals(1, count(OpsRunsMetrics.RUNS_ENDED, "type", "drift.generate", "bucket", "succeeded"));
        Timer duration = meters.get(OpsRunsMetrics.RUNS_DURATION).tags("type", "drift.generate", "bucket", "succeeded")
                .timer();
        assertEquals(1, duration.count());
        assertEquals(45.0, duration.totalTime(TimeUnit.SECONDS), 1e-6);
        assertEquals(0, active(DRIFT));
    }

    @Test
    void ended_runs_are_counted_per_bucket_and_active_runs_per_type() {
        RunLedger ledger = ledger(OpsRunsMetrics.create(meters));
        RunRegistry runs = ledger.registry();
        Run failed = start(ledger, DRIFT, 1);
        Run partial = start(ledger, DRIFT, 2);
        Run stillRunning = start(ledger, BACKUP, 3);
        runs.markRunning(partial.id());
        runs.markRunning(stillRunning.id());
        assertEquals(2, active(DRIFT));
        assertEquals(1, active(BACKUP));

        runs.fail(failed.id(), FORBIDDEN, "consent revoked");
        runs.recordProgress(partial.id(), ProgressDelta.succeeded(1));
        runs.recordItemFailure(partial.id(), "policy-7", FORBIDDEN, "forbidden");
        runs.finish(partial.id());

        assertEquals(1, count(OpsRunsMetrics.RUNS_ENDED, "type", "drift.generate", "bucket", "failed"));
        assertEquals(1, count(OpsRunsMetrics.RUNS_ENDED, "type", "drift.generate", "bucket", "partially_succeeded"));
        assertEquals(0, active(DRIFT));
        assertEquals(1, active(BACKUP));
    }

    @Test
    void item_failures_are_counted_by_type_and_reason_also_from_another_instance() {
        RunLedger producer = ledger(OpsRunsMetrics.create(meters));
        Run run = start(producer, BACKUP, 1);
        producer.registry().markRunning(run.id());
        // a worker in another process: its own ledger and meters, and it never saw the run start
        SimpleMeterRegistry workerMeters = new SimpleMeterRegistry();
        RunLedger worker = JdbiRunLedger.create(dataSource,
                RunsConfig.builder().clock(clock).listener(OpsRunsMetrics.create(workerMeters)).build());

        producer.registry().recordItemFailure(run.id(), "a", FORBIDDEN, "forbidden");
        worker.registry().recordItemFailure(run.id(), "b", FORBIDDEN, "forbidden");
        worker.registry().recordItemFailure(run.id(), "c", ReasonCode.of("graph.throttled"), "429");

        assertEquals(1, count(OpsRunsMetrics.ITEM_FAILURES, "type", BACKUP.value(), "reason", "graph.forbidden"));
        assertEquals(1, workerMeters.get(OpsRunsMetrics.ITEM_FAILURES)
                .tags("type", BACKUP.value(), "reason", "graph.forbidden").counter().count());
        assertEquals(1, workerMeters.get(OpsRunsMetrics.ITEM_FAILURES)
                .tags("type", BACKUP.value(), "reason", "graph.throttled").counter().count());
    }

    @Test
    void the_reaper_counts_reaped_runs_by_reason_and_ends_them_failed() {
        RunLedger ledger = ledger(OpsRunsMetrics.create(meters));
        Run stale = start(ledger, DRIFT, 1);
        ledger.registry().markRunning(stale.id());
        start(ledger, BACKUP, 2);
        clock.advance(Duration.ofMinutes(31));

        ledger.maintenance().reapStaleRuns(StaleRunPolicy.defaults());

        assertEquals(1, count(OpsRunsMetrics.RUNS_REAPED, "type", DRIFT.value(), "reason", "run.stale"));
        assertEquals(1, count(OpsRunsMetrics.RUNS_REAPED, "type", BACKUP.value(), "reason", "run.never_started"));
        assertEquals(1, count(OpsRunsMetrics.RUNS_ENDED, "type", BACKUP.value(), "bucket", "failed"));
        assertEquals(0, active(DRIFT));
        assertEquals(0, active(BACKUP));
    }

    @Test
    void the_tenant_is_a_tag_only_when_the_host_opts_in() {
        RunLedger plain = ledger(OpsRunsMetrics.create(meters));
        Run run = start(plain, DRIFT, 1);
        plain.registry().markRunning(run.id());
        plain.registry().recordItemFailure(run.id(), "a", FORBIDDEN, "forbidden");
        plain.registry().finish(run.id());
        for (Meter m : meters.getMeters()) {
            assertNull(m.getId().getTag("tenant"), "no tenant tag by default on " + m.getId());
        }

        SimpleMeterRegistry tagged = new SimpleMeterRegistry();
        RunLedger withTenant = JdbiRunLedger.create(dataSource, RunsConfig.builder().clock(clock)
                .listener(OpsRunsMetrics.builder(tagged).tenantTag(true).build()).build());
        Run other = start(withTenant, DRIFT, 2);
        withTenant.registry().markRunning(other.id());
        withTenant.registry().recordItemFailure(other.id(), "a", FORBIDDEN, "forbidden");
        withTenant.registry().finish(other.id());

        assertTrue(tagged.getMeters().size() >= 5, "meters: " + tagged.getMeters().size());
        for (Meter m : tagged.getMeters()) {
            assertEquals("contoso", m.getId().getTag("tenant"), "tenant tag on " + m.getId());
        }
    }
}
