package dev.opsruns.jdbi.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.PurgeReport;
import dev.opsruns.core.RetentionPolicy;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.jdbi.JdbiRunLedger;
import dev.opsruns.jdbi.testing.PostgresExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §11: the retention purge runs from two "instances" while four workers start, report on and
 * end runs. No active run is ever deleted (however old), and nobody sees an error.
 */
@Tag("fault")
class PurgeUnderTrafficTest {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    private static final RetentionPolicy RETENTION = new RetentionPolicy(Duration.ofDays(90), 50);
    private static final TenantId TENANT = TenantId.of("purge-tenant");
    private static final RunType TYPE = RunType.of("inventory.sync");

    @Test
    void purging_while_runs_start_progress_and_end_deletes_only_ended_runs_and_raises_no_error() throws Exception {
        DB.reset();
        // 600 runs that ended 200 days ago, and 20 runs that started then and are still running.
        RunLedger past = JdbiRunLedger.create(DB.dataSource(),
                RunsConfig.builder().clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(-200))).build());
        for (int i = 0; i < 600; i++) {
            RunId id = start(past.registry(), "old-" + i);
            past.registry().markRunning(id);
            past.registry().recordProgress(id, ProgressDelta.succeeded(2));
            past.registry().finish(id);
        }
        List<RunId> ancientActive = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RunId id = start(past.registry(), "ancient-active-" + i);
            past.registry().markRunning(id);
            ancientActive.add(id);
        }

        RunLedger now = JdbiRunLedger.create(DB.dataSource(), RunsConfig.defaults());
        // The purgers look from 91 days ahead, so every run the workers end is instantly purgeable:
        // the purge races the workers on every run they finish.
        RunLedger purgerView = JdbiRunLedger.create(DB.dataSource(),
                RunsConfig.builder().clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(91))).build());

        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicBoolean workersDone = new AtomicBoolean();
        AtomicLong purged = new AtomicLong();
        AtomicLong workerRuns = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    await(go);
                    for (int i = 0; i < 60; i++) {
                        try {
                            RunId id = start(now.registry(), "new-" + worker + "-" + i);
                            now.registry().markRunning(id);
                            for (int p = 0; p < 3; p++) {
                                now.registry().recordProgress(id, ProgressDelta.succeeded(1));
                            }
                            now.registry().finish(id);
                            workerRuns.incrementAndGet();
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }
                }));
            }
            List<Future<?>> purgers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                purgers.add(pool.submit(() -> {
                    await(go);
                    do {
                        try {
                            PurgeReport report = purgerView.maintenance().purgeEndedRuns(RETENTION);
                            purged.addAndGet(report.runsDeleted());
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    } while (!workersDone.get());
                }));
            }
            go.countDown();
            for (Future<?> f : workers) {
                f.get(180, TimeUnit.SECONDS);
            }
            workersDone.set(true);
            for (Future<?> f : purgers) {
                f.get(180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertTrue(errors.isEmpty(), "no error on either side: " + errors);
        assertEquals(240, workerRuns.get(), "every worker run went from start to finish");
        // A last pass deletes whatever ended after the purgers' final pass.
        purged.addAndGet(purgerView.maintenance().purgeEndedRuns(RETENTION).runsDeleted());
        assertEquals(600 + 240, purged.get(), "every ended run purged exactly once, none twice");
        for (RunId id : ancientActive) {
            Run run = now.registry().get(id);
            assertEquals(RunStatus.RUNNING, run.status(), "an active run is never purged, however old");
        }
    }

    private static RunId start(RunRegistry registry, String key) {
        return registry.startOrReuse(StartRequest.bySystem("purge-test", TENANT, TYPE,
                RunContext.builder().put("key", key).build())).run().id();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
