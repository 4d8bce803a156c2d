package dev.opsruns.bench;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.dbscheduler.DbSchedulerDispatcher;
import dev.opsruns.dbscheduler.DbSchedulerMigrations;
import dev.opsruns.jdbi.JdbiRunLedger;
import dev.opsruns.jdbi.OpsRunsMigrations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End to end on a fleet, PostgreSQL only: {@code runs-bench/run.sh fleet}. Worker JVMs
 * ({@link FleetWorker}) poll one database through db-scheduler; this JVM starts runs with
 * {@code startOrReuse} (new keys) and dispatches each one; every worker claims its runs and finishes
 * them with a no-op job. Measured: runs per second from the first start until every run has ended,
 * with 1 and 3 worker JVMs, beside the same fleet running bare db-scheduler one-time executions of a
 * no-op task (schedule, pick, execute, complete: db-scheduler's own cost, the peer's floor). The
 * difference is what opsruns adds: the run row and its start, the claim, the lease, the finish.
 *
 * <p>Settings (system properties): {@code opsruns.bench.fleet.runs} (default 3,000 per figure),
 * {@code opsruns.bench.fleet.workers} (default {@code 1,3}).
 */
final class FleetBench {

    static final String RUN_TYPE = "bench.noop";
    static final String BARE_TASK = "bench-noop";
    static final int WORKER_THREADS = 10;
    static final Duration POLL = Duration.ofMillis(200);
    private static final int PRODUCER_THREADS = 8;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private FleetBench() {
    }

    /** One figure: how long producing took and how long until everything had run. */
    private record Figure(int items, Duration produced, Duration drained) {
        double perSecond() {
            return items / (drained.toNanos() / 1e9);
        }

        double producedPerSecond() {
            return items / (produced.toNanos() / 1e9);
        }
    }

    static void report(Path target, PrintStream out) throws Exception {
        int runs = Integer.getInteger("opsruns.bench.fleet.runs", 3_000);
        List<Integer> workerCounts = new ArrayList<>();
        for (String w : System.getProperty("opsruns.bench.fleet.workers", "1,3").split(",")) {
            workerCounts.add(Integer.parseInt(w.trim()));
        }
        String[] urlAndUser = Databases.reset(Database.POSTGRES, target);
        String url = urlAndUser[0];
        String user = urlAndUser[1];
        StringBuilder md = new StringBuilder("# opsruns on a fleet: end-to-end runs per second\n\n");
        md.append("- Machine: ").append(MachineInfo.describe()).append('\n');
        md.append("- Load average at the start: ").append(MachineInfo.loadAverage()).append('\n');
        md.append(String.format(Locale.ROOT, "- %,d runs per figure, new keys, started by %d producer threads in this JVM;"
                + " each worker JVM: db-scheduler with %d threads, poll %d ms, lock-and-fetch (0.5, 1.0), HikariCP pool of %d%n",
                runs, PRODUCER_THREADS, WORKER_THREADS, POLL.toMillis(), WORKER_THREADS + 4));
        md.append("\n| worker JVMs | opsruns (start + dispatch, claim, finish) | of which producing | bare db-scheduler (schedule, execute) | ratio |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: |\n");
        try (HikariDataSource ds = Pools.open(url, user, PRODUCER_THREADS + 2, "fleet-producer")) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + DbSchedulerMigrations.TABLE + ", " + DbSchedulerMigrations.HISTORY_TABLE + " CASCADE");
            }
            OpsRunsMigrations.migrate(ds);
            DbSchedulerMigrations.migrate(ds);
            RunLedger ledger = JdbiRunLedger.create(ds, RunsConfig.defaults());
            for (int workers : workerCounts) {
                Figure bare = measure(url, user, "bare", workers, runs, () -> produceBare(ds, runs), () -> scheduledTasks(ds));
                Figure opsruns = measure(url, user, "opsruns", workers, runs, () -> produceRuns(ds, ledger, runs), () -> activeRuns(ds));
                md.append(String.format(Locale.ROOT, "| %d | %,.0f runs/s | %,.0f/s (%.1f s) | %,.0f executions/s | %.2f× |%n",
                        workers, opsruns.perSecond(), opsruns.producedPerSecond(), opsruns.produced().toMillis() / 1000.0,
                        bare.perSecond(), opsruns.perSecond() / bare.perSecond()));
            }
        }
        md.append("\n- Rate = items / (time from the first start until none is left: every run ended, every execution gone).");
        md.append(" \"Of which producing\" is the rate at which this JVM could start and dispatch runs (startOrReuse, then a");
        md.append(" db-scheduler insert, two transactions); workers run meanwhile, so the two overlap.\n");
        md.append("- All JVMs and the PostgreSQL server share the machine's cores: on a small machine, more worker JVMs"
                + " compete for the same CPU rather than add any.\n");
        md.append("- Load average at the end: ").append(MachineInfo.loadAverage()).append('\n');
        out.println(md);
        Path file = target.resolve("results-fleet.md");
        Files.writeString(file, md);
        System.err.println("table written to " + file);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Remaining {
        long get() throws SQLException;
    }

    private static Figure measure(String url, String user, String mode, int workers, int items, Step produce,
            Remaining remaining)
            throws Exception {
        List<Process> fleet = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                fleet.add(startWorker(url, user, mode, mode + "-" + workers + "-" + i));
            }
            long began = System.nanoTime();
            produce.run();
            Duration produced = Duration.ofNanos(System.nanoTime() - began);
            long deadline = began + TIMEOUT.toNanos();
            while (remaining.get() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(mode + " with " + workers + " worker(s): " + remaining.get()
                            + " left after " + TIMEOUT);
                }
                Thread.sleep(20);
            }
            Duration drained = Duration.ofNanos(System.nanoTime() - began);
            System.err.printf(Locale.ROOT, "fleet: %s, %d worker JVM(s): %d in %d ms (produced in %d ms)%n", mode, workers,
                    items, drained.toMillis(), produced.toMillis());
            return new Figure(items, produced, drained);
        } finally {
            for (Process p : fleet) {
                p.getOutputStream().close();
            }
            for (Process p : fleet) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static Process startWorker(String url, String user, String mode, String name) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                System.getProperty("java.class.path"), FleetWorker.class.getName(), mode, url, user, name)
                .redirectErrorStream(true).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("READY")) {
                Thread pump = new Thread(() -> in.lines().forEach(l -> System.err.println(name + ": " + l)), "pump-" + name);
                pump.setDaemon(true);
                pump.start();
                return p;
            }
            System.err.println(name + ": " + line);
        }
        throw new IllegalStateException("worker " + name + " exited before it was ready");
    }

    private static void produceRuns(HikariDataSource ds, RunLedger ledger, int runs) throws Exception {
        DbSchedulerDispatcher dispatcher = DbSchedulerDispatcher.builder(ds, ledger)
                .job(RunType.of(RUN_TYPE), (run, claim) -> {
                    throw new IllegalStateException("the producer does not run jobs");
                })
                .schedulerName("fleet-producer")
                .build(); // not started: it only dispatches
        String batch = Instant.now().toString();
        inParallel(runs, n -> {
            StartOutcome outcome = ledger.registry().startOrReuse(StartRequest.bySystem("bench", TenantId.of("fleet-" + (n % 10)),
                    RunType.of(RUN_TYPE), RunContext.builder().put("batch", batch).put("n", n).build()));
            dispatcher.dispatch(outcome.run().id());
        });
        dispatcher.close();
    }

    private static void produceBare(HikariDataSource ds, int executions) throws Exception {
        TaskDescriptor<Void> task = TaskDescriptor.of(BARE_TASK, Void.class);
        SchedulerClient client = SchedulerClient.Builder.create(ds).tableName(DbSchedulerMigrations.TABLE).build();
        String batch = Long.toString(System.nanoTime());
        inParallel(executions, n -> client.scheduleIfNotExists(task.instance(batch + "-" + n).scheduledTo(Instant.now())));
    }

    @FunctionalInterface
    private interface Item {
        void run(long n) throws Exception;
    }

    private static void inParallel(int count, Item item) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCER_THREADS);
        AtomicLong next = new AtomicLong();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < PRODUCER_THREADS; t++) {
            done.add(pool.submit(() -> {
                for (long n; (n = next.getAndIncrement()) < count; ) {
                    item.run(n);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static long activeRuns(HikariDataSource ds) throws SQLException {
        return count(ds, "SELECT COUNT(*) FROM opsruns_runs WHERE status IN ('pending', 'running')")
                + scheduledTasks(ds);
    }

    private static long scheduledTasks(HikariDataSource ds) throws SQLException {
        return count(ds, "SELECT COUNT(*) FROM " + DbSchedulerMigrations.TABLE);
    }

    private static long count(HikariDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
