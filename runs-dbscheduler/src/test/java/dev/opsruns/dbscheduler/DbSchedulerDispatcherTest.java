package dev.opsruns.dbscheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.ClaimOutcome;
import dev.opsruns.core.ClaimPolicy;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaimRefusedException;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.jdbi.JdbiRunLedger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher on a real PostgreSQL, two instances in one JVM sharing one database: runs reach
 * exactly one job each whatever is dispatched through whom, held runs wait for their lease, ended runs
 * never run, a type without a job and a throwing job fail the run with stable reasons, and the sweeper
 * finds runs whose dispatch was lost. The three-JVM proof with a killed worker is the example app's.
 */
class DbSchedulerDispatcherTest {

    private static final TenantId TENANT = TenantId.of("contoso");
    private static final RunType WORK = RunType.of("test.work");
    private static final RunType ORPHAN = RunType.of("test.orphan");
    private static final RunType BOOM = RunType.of("test.boom");
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static TestPostgres db;
    private RunLedger ledger;
    private final Map<RunId, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final List<DbSchedulerDispatcher> dispatchers = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunningPerRun = new AtomicInteger();

    @BeforeAll
    static void database() {
        db = TestPostgres.create(20);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void ledger() {
        db.execute("TRUNCATE opsruns_runs, opsruns_item_failures, opsruns_notifications, opsruns_scheduled_tasks");
        ledger = JdbiRunLedger.create(db.dataSource(), RunsConfig.builder()
                .claimPolicy(ClaimPolicy.defaults().withLease(LEASE).withMaxAttempts(3)).build());
    }

    @AfterEach
    void stop() {
        dispatchers.forEach(DbSchedulerDispatcher::close);
    }

    private DbSchedulerDispatcher instance(String name) {
        DbSchedulerDispatcher d = DbSchedulerDispatcher.builder(db.dataSource(), ledger)
                .job(WORK, (run, claim) -> {
                    executions.computeIfAbsent(run.id(), id -> new AtomicInteger()).incrementAndGet();
                    maxRunningPerRun.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        ledger.registry().setTotal(claim, 1);
                        Thread.sleep(20);
                        ledger.registry().recordProgress(claim, ProgressDelta.succeeded(1));
                        ledger.registry().finish(claim);
                    } finally {
                        running.decrementAndGet();
                    }
                })
                .job(BOOM, (run, claim) -> {
                    throw new IllegalStateException("password=hunter2 leaked into an exception");
                })
                .threads(4)
                .pollInterval(Duration.ofMillis(200))
                .sweepInterval(Duration.ofMillis(500))
                .schedulerName(name)
                .build();
        dispatchers.add(d);
        d.start();
        return d;
    }

    private Run start(RunType type, int n) {
        StartOutcome o = ledger.registry().startOrReuse(StartRequest.bySystem("tests", TENANT, type,
                RunContext.builder().put("n", n).build()));
        return o.run();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    private boolean ended(RunId id) {
        return ledger.registry().get(id).status().isTerminal();
    }

    @Test
    void every_run_dispatched_many_times_through_two_instances_is_worked_on_exactly_once() throws Exception {
        DbSchedulerDispatcher a = instance("a");
        DbSchedulerDispatcher b = instance("b");
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            runs.add(start(WORK, i));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (DbSchedulerDispatcher d : List.of(a, b, a, b)) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                runs.forEach(r -> d.dispatch(r.id()));
            });
            t.start();
            producers.add(t);
        }
        go.countDown();
        for (Thread t : producers) {
            t.join(WAIT.toMillis());
        }
        await("every run ended", () -> runs.stream().allMatch(r -> ended(r.id())));
        for (Run r : runs) {
            assertEquals(RunStatus.COMPLETED, ledger.registry().get(r.id()).status());
            assertEquals(1, executions.get(r.id()).get(), "run " + r.id() + " ran once");
        }
        // dispatching an ended run again runs nothing
        runs.forEach(r -> a.dispatch(r.id()));
        await("the re-dispatched executions are gone", () -> count("opsruns_scheduled_tasks") == 0);
        assertTrue(runs.stream().allMatch(r -> executions.get(r.id()).get() == 1), "no job ran after its run ended");
    }

    @Test
    void a_run_held_by_a_live_lease_is_delivered_again_when_the_lease_expires_and_taken_over() throws Exception {
        Run run = start(WORK, 1);
        ClaimOutcome.Claimed elsewhere = assertInstanceOf(ClaimOutcome.Claimed.class, ledger.registry().claim(run.id()));
        long claimedAt = System.nanoTime();
        instance("a").dispatch(run.id());
        await("the run ended", () -> ended(run.id()));
        assertTrue(System.nanoTime() - claimedAt >= LEASE.toNanos(), "not before the other worker's lease expired");
        assertEquals(1, executions.get(run.id()).get());
        assertEquals(RunStatus.COMPLETED, ledger.registry().get(run.id()).status());
        assertThrows(RunClaimRefusedException.class,
                () -> ledger.registry().finish(elsewhere.claim()), "the silent first worker is fenced out");
    }

    @Test
    void a_type_without_a_job_and_a_throwing_job_fail_the_run_with_stable_reasons_and_no_raw_text() throws Exception {
        DbSchedulerDispatcher a = instance("a");
        Run orphan = start(ORPHAN, 1);
        Run boom = start(BOOM, 1);
        a.dispatch(orphan.id());
        a.dispatch(boom.id());
        await("both ended", () -> ended(orphan.id()) && ended(boom.id()));
        assertEquals(ReasonCode.of("worker.no_job"), ledger.registry().get(orphan.id()).failure().reasonCode());
        Run failed = ledger.registry().get(boom.id());
        assertEquals(ReasonCode.of("job.unexpected_error"), failed.failure().reasonCode());
        assertFalse(failed.failure().message().contains("hunter2"), failed.failure().message());
        assertFalse(failed.failure().message().contains("leaked"), "the exception's own text stays in the log");
    }

    @Test
    void the_sweeper_dispatches_runs_whose_dispatch_was_lost() throws Exception {
        Run lost = start(WORK, 1);
        instance("a");
        await("the sweeper found the run and it ended", () -> ended(lost.id()));
        assertEquals(1, executions.get(lost.id()).get());
    }

    @Test
    void bad_settings_and_a_database_other_than_postgresql_are_refused() {
        assertEquals("threads", assertThrows(InvalidRunInputException.class, () -> DbSchedulerDispatcher
                .builder(db.dataSource(), ledger).job(WORK, (r, c) -> { }).threads(0).build()).field());
        assertEquals("pollInterval", assertThrows(InvalidRunInputException.class, () -> DbSchedulerDispatcher
                .builder(db.dataSource(), ledger).job(WORK, (r, c) -> { }).pollInterval(Duration.ZERO).build()).field());
        assertEquals("jobs", assertThrows(InvalidRunInputException.class,
                () -> DbSchedulerDispatcher.builder(db.dataSource(), ledger).build()).field());
        assertEquals("runType", assertThrows(InvalidRunInputException.class, () -> DbSchedulerDispatcher
                .builder(db.dataSource(), ledger).job(WORK, (r, c) -> { }).job(WORK, (r, c) -> { })).field());
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:dbs_" + System.nanoTime());
        InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                () -> DbSchedulerDispatcher.builder(h2, ledger).job(WORK, (r, c) -> { }).build());
        assertTrue(e.getMessage().contains("PostgreSQL only"), e.getMessage());
        assertThrows(InvalidRunInputException.class, () -> DbSchedulerMigrations.migrate(h2));
        assertThrows(InvalidRunInputException.class, () -> instanceUnstarted().dispatch(null));
    }

    private DbSchedulerDispatcher instanceUnstarted() {
        DbSchedulerDispatcher d = DbSchedulerDispatcher.builder(db.dataSource(), ledger).job(WORK, (r, c) -> { }).build();
        dispatchers.add(d);
        return d;
    }

    private long count(String table) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
