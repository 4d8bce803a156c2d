package dev.opsruns.jdbi.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.ReapReport;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StaleRunPolicy;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.jdbi.JdbiRunLedger;
import dev.opsruns.jdbi.testing.ChildJvm;
import dev.opsruns.jdbi.testing.PostgresExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DESIGN §11: a worker killed with SIGKILL mid-run is reaped as stale, and its key starts afresh. */
@Tag("fault")
class KilledWorkerTest {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    /** The start both the worker process and the test make. */
    static StartRequest request() {
        return StartRequest.bySystem("nightly-sync", TenantId.of("fault-tenant"), RunType.of("inventory.sync"),
                RunContext.builder().put("scope_key", "all-policies").build());
    }

    @Test
    void a_worker_killed_mid_run_is_reaped_as_stale_after_the_threshold_and_the_next_start_is_new() throws Exception {
        DB.reset();
        Process worker = new ProcessBuilder(ChildJvm.command(KilledWorkerMain.class, DB.jdbcUrl(), DB.user(), DB.password()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        RunId runId;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertNotNull(line, "the worker exited before it reported");
            assertTrue(line.startsWith("RUNNING "), line);
            runId = RunId.parse(line.substring("RUNNING ".length()));
        } finally {
            worker.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
        }
        assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the killed worker is gone");
        assertEquals(137, worker.exitValue(), "killed by SIGKILL (128 + 9)");

        JdbiRunLedger now = JdbiRunLedger.create(DB.dataSource(), RunsConfig.defaults());
        Run orphan = now.registry().get(runId);
        assertEquals(RunStatus.RUNNING, orphan.status(), "nobody ended the run");
        assertTrue(orphan.counts().succeeded() >= 3, "the progress the worker committed is kept");
        StartOutcome blocked = now.registry().startOrReuse(request());
        assertInstanceOf(StartOutcome.Reused.class, blocked, "while it looks alive the key is taken");
        assertEquals(runId, blocked.run().id());
        ReapReport early = now.maintenance().reapStaleRuns(StaleRunPolicy.defaults());
        assertFalse(early.stale().contains(runId), "a fresh heartbeat is not stale");

        // Eleven minutes later (past the 10-minute default threshold), with no sleeping.
        Clock later = Clock.offset(Clock.systemUTC(), StaleRunPolicy.DEFAULT_HEARTBEAT_TIMEOUT.plus(Duration.ofMinutes(1)));
        JdbiRunLedger afterThreshold = JdbiRunLedger.create(DB.dataSource(), RunsConfig.builder().clock(later).build());
        ReapReport reaped = afterThreshold.maintenance().reapStaleRuns(StaleRunPolicy.defaults());
        assertEquals(List.of(runId), reaped.stale());

        Run ended = afterThreshold.registry().get(runId);
        assertEquals(RunStatus.FAILED, ended.status());
        assertEquals(ReasonCode.RUN_STALE, ended.failure().reasonCode());
        assertTrue(ended.failure().message().contains(orphan.heartbeatAt().toString().substring(0, 16)),
                "the message says when the last sign of life was: " + ended.failure().message());

        StartOutcome next = afterThreshold.registry().startOrReuse(request());
        assertInstanceOf(StartOutcome.Started.class, next, "the key is free again");
        assertNotEquals(runId, next.run().id());
    }
}
