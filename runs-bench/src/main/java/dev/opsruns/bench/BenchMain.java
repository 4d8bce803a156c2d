package dev.opsruns.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.PurgeReport;
import dev.opsruns.core.RetentionPolicy;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.JdbiRunLedger;
import dev.opsruns.jdbi.OpsRunsMigrations;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Version;

/**
 * Runs the benchmarks and prints one table: {@code java -jar opsruns-benchmarks.jar [h2|postgres|all]};
 * {@code sanitizer} runs only {@link SanitizerBenchmarks}, which needs no database; {@code fleet} runs only
 * {@link FleetBench} (PostgreSQL, several worker JVMs); {@code batch} runs only {@link BatchStartBenchmarks} (PostgreSQL);
 * {@code statistics} runs only {@link StatisticsBenchmarks} on PostgreSQL, then the new-key start without and
 * with the statistics indexes (what they cost the write path).
 *
 * <p>For each database: empty it, run the migrations, seed the monitoring data (one set-based
 * insert), then run every benchmark through the JMH Runner API, baseline first and library right
 * after at each thread count (so the two see the same machine), one fork each; then time the purge
 * once per side on freshly seeded ended runs. JMH's own output goes to
 * {@code target/jmh-<db>.log}; the table goes to standard output and {@code target/results-<arg>.md}.
 *
 * <p>Settings (system properties, optionally per database as {@code opsruns.bench.<db>.<name>}):
 * {@code warmupIterations}, {@code warmupSeconds}, {@code iterations}, {@code seconds},
 * {@code monitoringRuns} (default 1,000,000; H2 200,000), {@code statisticsRuns} (how many of those belong to the
 * statistics tenant; default 100,000; H2 20,000), {@code purgeRuns} (default 1,000,000; H2 25,000), and
 * {@code opsruns.bench.target} (default {@code runs-bench/target}); {@code opsruns.bench.pgDatabase} names the
 * PostgreSQL database (default {@code opsruns_bench}).
 */
public final class BenchMain {

    private static final int[] THREADS = {1, 4, 16};
    private static final int HOT_THREADS = 16;
    private static final Duration RETENTION = RetentionPolicy.DEFAULT_RETENTION;
    /** Issue 18's targets, library / baseline: starts and hot-run progress, item failure, purge, latency. */
    private static final double MIN_RATIO = 0.90;
    private static final double ITEM_FAILURE_RATIO = 0.85;
    private static final double PURGE_RATIO = 0.80;
    private static final double MAX_LATENCY_RATIO = 1.25;
    private static final double PURGE_TARGET = 20_000;
    private static final double COALESCED_TARGET = 50_000;
    /** Issue 20's targets for the 30-day statistics of a tenant with 100,000 runs on PostgreSQL, in ms. */
    private static final double STATISTICS_P50_TARGET = 50;
    private static final double STATISTICS_P99_TARGET = 200;
    /** The indexes migration V6 adds for the statistics read (PostgreSQL names). */
    private static final List<String> STATISTICS_INDEXES = List.of("opsruns_runs_ended_stats_ix",
            "opsruns_runs_started_stats_ix");
    private static final int[] WRITE_COST_THREADS = {1, 4};

    private final Path targetDir;
    private final Report report = new Report();
    private PrintStream jmhLog;

    private BenchMain(Path targetDir) {
        this.targetDir = targetDir;
    }

    /**
     * @param args {@code h2}, {@code postgres}, {@code all} (the default) or {@code sanitizer}
     * @throws Exception when a database cannot be prepared (a failing benchmark is reported, not thrown)
     */
    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0].toLowerCase(Locale.ROOT);
        if (which.equals("fleet")) {
            // PostgreSQL only, several JVMs: end to end through db-scheduler, beside bare db-scheduler
            Path target = Path.of(System.getProperty("opsruns.bench.target", "runs-bench/target")).toAbsolutePath();
            Files.createDirectories(target);
            FleetBench.report(target, System.out);
            return;
        }
        if (which.equals("batch") || which.equals("statistics")) {
            // PostgreSQL only: batch = startOrReuseAll of 100 beside 100 startOrReuse calls and a raw multi-row
            // INSERT; statistics = the statistics read on the seeded million, then what its indexes cost a start
            Path target = Path.of(System.getProperty("opsruns.bench.target", "runs-bench/target")).toAbsolutePath();
            Files.createDirectories(target);
            BenchMain main = new BenchMain(target);
            main.describeMachine();
            if (which.equals("batch")) {
                main.batch();
            } else {
                main.statistics();
                main.report.note("Load average at the end: " + MachineInfo.loadAverage() + ".");
            }
            String table = main.report.markdown();
            System.out.println(table);
            Files.writeString(target.resolve("results-" + which + ".md"), table);
            return;
        }
        if (which.equals("sanitizer")) {
            // no database: the sanitizer alone, beside a pass-through sanitizer
            Path target = Path.of(System.getProperty("opsruns.bench.target", "runs-bench/target")).toAbsolutePath();
            SanitizerBenchmarks.report(target, System.out);
            return;
        }
        List<Database> databases = switch (which) {
            case "h2" -> List.of(Database.H2);
            case "postgres" -> List.of(Database.POSTGRES);
            case "all" -> List.of(Database.H2, Database.POSTGRES);
            default -> null;
        };
        if (databases == null) {
            System.err.println("usage: java -jar opsruns-benchmarks.jar [h2|postgres|all|sanitizer|fleet|batch|statistics]");
            System.exit(2);
            return;
        }
        Path target = Path.of(System.getProperty("opsruns.bench.target", "runs-bench/target")).toAbsolutePath();
        Files.createDirectories(target);
        BenchMain main = new BenchMain(target);
        long started = System.nanoTime();
        main.describeMachine();
        for (Database db : databases) {
            main.run(db);
        }
        main.methodNotes();
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        main.report.note(String.format(Locale.ROOT, "Wall time of this run (%s): %d min %02d s; load average at the end: %s.",
                which, wall.toMinutes(), wall.toSecondsPart(), MachineInfo.loadAverage()));
        String table = main.report.markdown();
        System.out.println(table);
        Path out = target.resolve("results-" + which + ".md");
        Files.writeString(out, table);
        System.err.println("table written to " + out);
    }

    private void describeMachine() {
        report.header("Machine: " + MachineInfo.describe());
        report.header("Load average at the start: " + MachineInfo.loadAverage()
                + " (other work on the machine shares its " + Runtime.getRuntime().availableProcessors() + " cores)");
        report.header("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; JMH " + Version.getPlainVersion() + ", 1 fork per figure; HikariCP pool of " + Pools.BENCH_POOL_SIZE
                + " connections shared by library and baseline; ±x% = standard deviation over the measurement iterations");
    }

    private void methodNotes() {
        report.note("Library: JdbiRunLedger on the same pool, RunsConfig defaults but itemFailureCap 10,000. Every start is "
                + "StartRequest.bySystem, so no notification rows are written (a user start adds one insert to the same "
                + "transaction).");
        report.note("Baselines, raw JDBC, single statements in auto-commit unless said: new key = INSERT of the same row "
                + "(same columns, context as JSON); reuse = SELECT of the active run by (tenant_id, idempotency_key) and "
                + "status in (pending, running) (H2: its active_key column), all run columns read; hot run = UPDATE "
                + "opsruns_runs SET succeeded = succeeded + 1 WHERE id = ?; item failure = counter UPDATE ... RETURNING and "
                + "INSERT of the row (raw message) in one transaction; list and counts = the same predicates by hand, "
                + "LIMIT 51 as a keyset pager fetches.");
        report.note("Ratio = library / baseline: throughput (higher is better) or latency (lower is better). Threads share "
                + "the " + Runtime.getRuntime().availableProcessors() + " cores with the database server (and with whatever "
                + "else runs on the machine), so at 4 and 16 threads client CPU per call counts as much as round trips.");
        report.note("H2 never forces a commit to disk: its figures show code overhead, not durable throughput.");
    }

    private void run(Database db) throws Exception {
        Settings s = Settings.of(db);
        Path outDir = targetDir.resolve("out-" + db.label());
        Files.createDirectories(outDir);
        try (PrintStream log = new PrintStream(new FileOutputStream(targetDir.resolve("jmh-" + db.label() + ".log").toFile()),
                true, StandardCharsets.UTF_8)) {
            jmhLog = log;
            Report.Row purgeRow;
            String[] urlAndUser = Databases.reset(db, targetDir);
            Instant seededAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            BenchEnv env = new BenchEnv(db, urlAndUser[0], urlAndUser[1], outDir, seededAt);
            try (HikariDataSource ds = Pools.open(env, 2, "opsruns-prepare")) {
                OpsRunsMigrations.migrate(ds);
                Map<String, String> info = Databases.describe(db, ds);
                report.header(String.format(Locale.ROOT, "%s: %s; JMH per figure: %d x %d s warmup, %d x %d s measured",
                        db.label(), info, s.warmupIterations(), s.warmupSeconds(), s.iterations(), s.seconds()));
                purgeRow = purge(ds, env, s); // first, on a table of its own; its row goes last
                seedMonitoring(ds, env, s);
            }
            measureMonitoring(env, s);
            measureStatistics(env, s);
            Map<Integer, Double> newKey = new HashMap<>();
            Pair newKeyAlone = null;
            for (int t : THREADS) {
                Pair p = pair(env, s, NewKeyStartBenchmarks.class, t);
                newKey.put(t, p.library().failed() ? Double.NaN : p.library().score());
                newKeyAlone = t == 1 ? p : newKeyAlone;
                throughputRow(db, "start, new key (INSERT)", t, p, ratioTarget(MIN_RATIO));
            }
            Map<Integer, Measured> reuse = new HashMap<>();
            Pair reuseAlone = null;
            for (int t : THREADS) {
                Pair p = pair(env, s, ReuseStartBenchmarks.class, t);
                reuse.put(t, p.library());
                reuseAlone = t == 1 ? p : reuseAlone;
                reuseRow(db, t, p, newKey.get(t));
            }
            allocationRow(db, "allocation per new-key start", newKeyAlone);
            allocationRow(db, "allocation per reuse", reuseAlone);
            Pair hot = pair(env, s, HotProgressBenchmarks.class, HOT_THREADS);
            throughputRow(db, "progress +1 on one hot run", HOT_THREADS, hot, ratioTarget(MIN_RATIO));
            for (int t : THREADS) {
                Pair p = pair(env, s, ItemFailureBenchmarks.class, t);
                throughputRow(db, "item failure (sanitize+count+row)", t, p, ratioTarget(ITEM_FAILURE_RATIO));
            }
            for (int t : THREADS) {
                Pair p = pair(env, s, ClaimBenchmarks.class, t);
                throughputRow(db, "claim a pending run (raw UPDATE ... WHERE status = 'pending')", t, p, null);
            }
            coalesced(env, s, hot.baseline());
            report.row(purgeRow);
            peer(env, s, newKey, reuse);
        }
    }

    /**
     * Spring Batch's JobRepository beside opsruns, at 1 and 4 threads: the new-key and reuse figures of
     * opsruns are those measured above in this run; progress is measured as a pair here.
     */
    private void peer(BenchEnv env, Settings s, Map<Integer, Double> newKey, Map<Integer, Measured> reuse) throws Exception {
        Database db = env.database();
        try (HikariDataSource ds = Pools.open(env, 2, "opsruns-peer-schema")) {
            SpringBatchSchema.recreate(db, ds);
        }
        for (int t : PEER_THREADS) {
            Measured lib = Double.isNaN(newKey.get(t)) ? failed("see the new-key row")
                    : new Measured(newKey.get(t), Double.NaN, Double.NaN, Double.NaN, null);
            peerRow(env, "vs Spring Batch: new run / createJobExecution (new parameters)", t, lib,
                    peerMeasure(env, s, "newExecution", t));
        }
        for (int t : PEER_THREADS) {
            peerRow(env, "vs Spring Batch: reuse active run / start of a running instance (refused)", t, reuse.get(t),
                    peerMeasure(env, s, "runningRefused", t));
        }
        for (int t : PEER_THREADS) {
            Measured lib = measure(env, s, SpringBatchPeerBenchmarks.class, "opsrunsProgress", t, Kind.THROUGHPUT);
            peerRow(env, "vs Spring Batch: progress +1, own run per thread / update(StepExecution)", t, lib,
                    peerMeasure(env, s, "stepUpdate", t));
        }
        report.note("Peer: spring-batch-core " + peerVersion()
                + " JobRepository from JobRepositoryFactoryBean (its defaults: SERIALIZABLE isolation for creates) over the "
                + "same HikariCP pool, on its shipped schema-<db>.sql. Its errors (exceptions other than the expected refusal "
                + "of a running instance) are counted in the peer's cell; an operation that threw counts in the throughput.");
    }

    private static final int[] PEER_THREADS = {1, 4};

    private record PeerMeasured(Measured measured, long errors, long refusals) {
    }

    private PeerMeasured peerMeasure(BenchEnv env, Settings s, String method, int threads) throws IOException {
        Path errors = env.outDir().resolve(SpringBatchPeerBenchmarks.ERRORS_FILE);
        Files.deleteIfExists(errors);
        Measured m = measure(env, s, SpringBatchPeerBenchmarks.class, method, threads, Kind.THROUGHPUT);
        if (!Files.exists(errors)) {
            return new PeerMeasured(m, -1, -1);
        }
        String[] parts = Files.readString(errors).trim().split(" ");
        return new PeerMeasured(m, Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    private static Measured failed(String why) {
        return new Measured(Double.NaN, Double.NaN, Double.NaN, Double.NaN, why);
    }

    private void peerRow(BenchEnv env, String op, int threads, Measured lib, PeerMeasured peer) {
        Database db = env.database();
        String target = "> 1.00× (ahead of the peer)";
        String errors = peer.errors() < 0 ? " (errors not reported)"
                : String.format(Locale.ROOT, " (%,d errors%s)", peer.errors(),
                        peer.refusals() > 0 ? String.format(Locale.ROOT, ", %,d refusals", peer.refusals()) : "");
        String peerCell = "Spring Batch " + cell(peer.measured()) + errors;
        if (lib == null || lib.failed() || peer.measured().failed()) {
            report.row(new Report.Row(db, op, "" + threads, lib == null ? "n/a" : cell(lib), peerCell, "", target,
                    Report.Verdict.ERROR));
            return;
        }
        double ratio = lib.score() / peer.measured().score();
        report.row(new Report.Row(db, op, "" + threads, cell(lib), peerCell, Report.ratio(ratio), target,
                ratio > 1.0 ? Report.Verdict.MET : Report.Verdict.MISSED));
    }

    /** Work on a freshly migrated PostgreSQL database. */
    @FunctionalInterface
    private interface PostgresWork {
        void run(BenchEnv env, Settings s) throws Exception;
    }

    /** Empties and migrates the PostgreSQL database, then runs {@code work} with JMH's output in {@code logName}. */
    private void postgresOnly(String logName, PostgresWork work) throws Exception {
        Database db = Database.POSTGRES;
        Settings s = Settings.of(db);
        Path outDir = targetDir.resolve("out-" + db.label());
        Files.createDirectories(outDir);
        try (PrintStream log = new PrintStream(new FileOutputStream(targetDir.resolve(logName).toFile()),
                true, StandardCharsets.UTF_8)) {
            jmhLog = log;
            String[] urlAndUser = Databases.reset(db, targetDir);
            BenchEnv env = new BenchEnv(db, urlAndUser[0], urlAndUser[1], outDir, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            try (HikariDataSource ds = Pools.open(env, 2, "opsruns-prepare")) {
                OpsRunsMigrations.migrate(ds);
            }
            work.run(env, s);
        }
    }

    /** The batch start figures on PostgreSQL (issue 19's target: a batch of 100 at 5x one-by-one or more). */
    private void batch() throws Exception {
        postgresOnly("jmh-batch.log", (env, s) -> {
            Measured oneByOne = measure(env, s, BatchStartBenchmarks.class, "oneByOne", 1, Kind.THROUGHPUT);
            Measured batch = measure(env, s, BatchStartBenchmarks.class, "batch", 1, Kind.THROUGHPUT);
            Measured raw = measure(env, s, BatchStartBenchmarks.class, "rawMultiRow", 1, Kind.THROUGHPUT);
            String op = "start " + BatchStartBenchmarks.BATCH + " new keys (ops/s; x" + BatchStartBenchmarks.BATCH
                    + " = starts/s)";
            throughputRow(env.database(), op + ": startOrReuseAll vs startOrReuse one by one", 1, new Pair(oneByOne, batch),
                    ratioTarget(5.0));
            throughputRow(env.database(), op + ": startOrReuseAll vs raw multi-row INSERT ... ON CONFLICT", 1,
                    new Pair(raw, batch), null);
        });
    }

    /** The statistics figures on PostgreSQL, then the new-key start without and with the statistics indexes. */
    private void statistics() throws Exception {
        postgresOnly("jmh-statistics.log", (env, s) -> {
            try (HikariDataSource ds = Pools.open(env, 2, "opsruns-prepare")) {
                Map<String, String> info = Databases.describe(env.database(), ds);
                report.header(String.format(Locale.ROOT, "%s: %s; JMH per figure: %d x %d s warmup, %d x %d s measured",
                        env.database().label(), info, s.warmupIterations(), s.warmupSeconds(), s.iterations(), s.seconds()));
                seedMonitoring(ds, env, s);
            }
            measureStatistics(env, s);
            writeCost(env, s);
        });
    }

    private void measureStatistics(BenchEnv env, Settings s) {
        Database db = env.database();
        for (String window : List.of("last30Days", "last24Hours")) {
            report.note(String.format(Locale.ROOT, "%s: load average before the statistics %s pair: %s.", db.label(), window,
                    MachineInfo.loadAverage()));
            Measured base = measure(env, s, StatisticsBenchmarks.class, window + "Baseline", 1, Kind.LATENCY);
            Measured lib = measure(env, s, StatisticsBenchmarks.class, window + "Library", 1, Kind.LATENCY);
            String op = String.format(Locale.ROOT, "statistics of a tenant with %,d runs, %s", s.statisticsRuns(),
                    window.equals("last30Days") ? "last 30 days (1-day slots)" : "last 24 hours (1-hour slots)");
            boolean targeted = window.equals("last30Days");
            statisticsRow(db, op + " p50", base, lib, true, targeted ? STATISTICS_P50_TARGET : Double.NaN);
            statisticsRow(db, op + " p99", base, lib, false, targeted ? STATISTICS_P99_TARGET : Double.NaN);
        }
        if (db == Database.POSTGRES) {
            report.note(String.format(Locale.ROOT, "%s: load average before the first-read figure: %s.", db.label(),
                    MachineInfo.loadAverage()));
            Measured base = measure(env, s, StatisticsBenchmarks.class, "last30DaysBaseline", 1, Kind.LATENCY);
            Measured cold = measure(env, s, StatisticsColdBenchmarks.class, "last30DaysFirstRead", 1, Kind.LATENCY);
            String op = String.format(Locale.ROOT, "statistics of a tenant with %,d runs, last 30 days: first read, which "
                    + "rolls the hours up", s.statisticsRuns());
            statisticsRow(db, op + " p50", base, cold, true, Double.NaN);
            statisticsRow(db, op + " p99", base, cold, false, Double.NaN);
        }
        report.note(db.label() + ": statistics baseline = five aggregate queries on one connection (runs created by type; "
                + "queue latency p50/p95/max/count by type; ended by type and slot with a COUNT(*) FILTER per bucket and the "
                + "slot's p95; duration p50/p95/max/count by type; failure reasons), the same tenant and window; the setup "
                + "checks that library and baseline return the same figures.");
    }

    private void statisticsRow(Database db, String op, Measured base, Measured lib, boolean p50, double targetMs) {
        boolean targeted = !Double.isNaN(targetMs);
        String target = !targeted ? "— (no target)"
                : String.format(Locale.ROOT, "≤ %.0f ms%s", targetMs, db == Database.POSTGRES ? "" : " (PG)");
        latencyRow(db, op, base, lib, p50, target, (libraryMs, ratio) -> !targeted || db != Database.POSTGRES
                ? Report.Verdict.INFO : libraryMs <= targetMs ? Report.Verdict.MET : Report.Verdict.MISSED);
    }

    /*
     * The new-key start without the statistics indexes (dropped), then with them (recreated from the
     * definitions the database reported), in one sitting on the seeded table, so the two differ only in
     * the indexes.
     */
    private void writeCost(BenchEnv env, Settings s) throws SQLException {
        Database db = env.database();
        List<String> definitions = new ArrayList<>();
        try (HikariDataSource ds = Pools.open(env, 1, "opsruns-indexes"); Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT indexdef FROM pg_indexes WHERE tablename = 'opsruns_runs' "
                        + "AND indexname = ?")) {
            for (String index : STATISTICS_INDEXES) {
                ps.setString(1, index);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        definitions.add(rs.getString(1));
                    }
                }
            }
            if (definitions.size() < STATISTICS_INDEXES.size()) {
                report.note(db.label() + ": the statistics indexes " + STATISTICS_INDEXES + " are not all there (found "
                        + definitions + "): write cost not measured.");
                return;
            }
            try (java.sql.Statement st = c.createStatement()) {
                for (String index : STATISTICS_INDEXES) {
                    st.execute("DROP INDEX " + index);
                }
            }
        }
        for (boolean withIndexes : new boolean[] {false, true}) {
            if (withIndexes) {
                try (HikariDataSource ds = Pools.open(env, 1, "opsruns-indexes"); Connection c = ds.getConnection();
                        java.sql.Statement st = c.createStatement()) {
                    for (String definition : definitions) {
                        st.execute(definition);
                    }
                    st.execute("VACUUM (ANALYZE) opsruns_runs");
                }
            }
            for (int t : WRITE_COST_THREADS) {
                report.note(String.format(Locale.ROOT, "%s: load average before the new-key pair %s the statistics indexes "
                        + "at %d threads: %s.", db.label(), withIndexes ? "with" : "without", t, MachineInfo.loadAverage()));
                Pair p = pair(env, s, NewKeyStartBenchmarks.class, t);
                throughputRow(db, "start, new key (INSERT), " + (withIndexes ? "with" : "without") + " the statistics indexes",
                        t, p, null);
            }
        }
    }

    private void seedMonitoring(HikariDataSource ds, BenchEnv env, Settings s) throws SQLException {
        Database db = env.database();
        long t0 = System.nanoTime();
        long[] seeded = new long[2];
        try (Connection c = ds.getConnection()) {
            Seeds.truncate(c, db);
            Seeds.withIndexesRebuilt(c, db, () -> {
                seeded[0] = Seeds.insertMonitoring(c, db, s.monitoringRuns(), s.tenants(), s.statisticsRuns(), env.seededAt());
                seeded[1] = Seeds.insertStatisticsItemFailures(c);
            });
            Seeds.settle(c, db);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        String size = Databases.runsTableSize(db, ds);
        report.note(String.format(Locale.ROOT, "%s: list/counts data: %,d runs, of which %,d (every %,d-th row, so spread "
                + "over the table) are the statistics tenant's, created over the last %d days with skewed durations and "
                + "latencies and five failure reasons (%,d item failure rows stored for its partially succeeded runs), the "
                + "rest across %,d tenants (skewed: tenant k gets sqrt((k+1)/T)-sqrt(k/T) of them; six run types; every status; "
                + "created over %d days), seeded in %.1f s with one INSERT ... SELECT%s, then %s%s. The write benchmarks run on "
                + "this table, in tenants of their own.",
                db.label(), seeded[0], s.statisticsRuns(), s.monitoringRuns() / Math.max(1, s.statisticsRuns()),
                Seeds.STATISTICS_DAYS, seeded[1], s.tenants(), Seeds.HISTORY_DAYS, secs,
                " (secondary indexes dropped and rebuilt around it)",
                db == Database.POSTGRES ? "VACUUM ANALYZE and CHECKPOINT" : "ANALYZE",
                size.isEmpty() ? "" : "; opsruns_runs with its indexes: " + size));
        progress(db, String.format(Locale.ROOT, "seeded %,d monitoring runs in %.1f s", seeded[0], secs));
    }

    private void measureMonitoring(BenchEnv env, Settings s) {
        Database db = env.database();
        for (String what : List.of("list", "counts")) {
            Measured base = measure(env, s, MonitoringBenchmarks.class, what + "Baseline", 1, Kind.LATENCY);
            Measured lib = measure(env, s, MonitoringBenchmarks.class, what + "Library", 1, Kind.LATENCY);
            String op = what.equals("list") ? "list page (50 rows; type+bucket, 7 days)" : "counts by bucket (type, 7 days)";
            latencyRow(db, op + " p50", base, lib, true);
            latencyRow(db, op + " p99", base, lib, false);
        }
    }

    private void coalesced(BenchEnv env, Settings s, Measured hotBaseline) throws IOException {
        Database db = env.database();
        Path check = env.outDir().resolve(CoalescedProgressBenchmarks.CHECK_FILE);
        Files.deleteIfExists(check);
        Measured lib = measure(env, s, CoalescedProgressBenchmarks.class, "library", HOT_THREADS, Kind.THROUGHPUT);
        String op = "coalesced progress (ProgressRecorder, " + CoalescedProgressBenchmarks.FLUSH_MILLIS + " ms)";
        if (lib.failed()) {
            report.row(new Report.Row(db, op, "" + HOT_THREADS, lib.error(), "", "", "", Report.Verdict.ERROR));
            return;
        }
        boolean meets = lib.score() >= COALESCED_TARGET;
        String base = hotBaseline == null || hotBaseline.failed() ? "n/a"
                : Report.opsPerSecond(hotBaseline.score(), hotBaseline.scoreError()) + " (hot-run UPDATE)";
        String ratio = hotBaseline == null || hotBaseline.failed() ? "" : Report.ratio(lib.score() / hotBaseline.score());
        Report.Verdict verdict = db == Database.POSTGRES ? (meets ? Report.Verdict.MET : Report.Verdict.MISSED)
                : Report.Verdict.INFO;
        report.row(new Report.Row(db, op, "" + HOT_THREADS, Report.opsPerSecond(lib.score(), lib.scoreError()), base, ratio,
                "≥ 50,000 items/s" + (db == Database.POSTGRES ? "" : " (PG)"), verdict));
        if (Files.exists(check)) {
            String[] parts = Files.readString(check).trim().split(" ");
            long recorded = Long.parseLong(parts[0]);
            long stored = Long.parseLong(parts[1]);
            report.note(String.format(Locale.ROOT, "%s: coalesced progress check after close(): %,d items recorded, %,d stored "
                    + "in succeeded (%s).", db.label(), recorded, stored, recorded == stored ? "equal" : "MISMATCH"));
            if (recorded != stored) {
                report.rows().set(report.rows().size() - 1, new Report.Row(db, op, "" + HOT_THREADS,
                        Report.opsPerSecond(lib.score(), lib.scoreError()), base, ratio, "stored == recorded", Report.Verdict.ERROR));
            }
        }
    }

    /*
     * Both purges run on a table holding only the two purge sets, before the monitoring data is seeded:
     * seeding a million rows into indexed tables twice more would not fit the time budget. The library
     * goes first, on the larger table (both sets), with a retention that reaches only the older set;
     * after a VACUUM the baseline deletes the other set.
     */
    private Report.Row purge(HikariDataSource ds, BenchEnv env, Settings s) throws SQLException {
        Database db = env.database();
        long n = s.purgeRuns();
        int batch = RetentionPolicy.DEFAULT_BATCH_SIZE;
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            Seeds.withIndexesRebuilt(c, db, () -> {
                Seeds.insert(c, db, Seeds.Kind.ENDED_200_DAYS_AGO, n, s.tenants(), env.seededAt());
                Seeds.insert(c, db, Seeds.Kind.ENDED_100_DAYS_AGO, n, s.tenants(), env.seededAt());
            });
            Seeds.settle(c, db);
        }
        progress(db, String.format(Locale.ROOT, "seeded 2 x %,d ended runs to purge in %.1f s", n, (System.nanoTime() - t0) / 1e9));

        RunLedger ledger = JdbiRunLedger.create(ds, RunsConfig.defaults());
        Duration libraryRetention = Duration.ofDays(190);
        long before = countRuns(ds);
        t0 = System.nanoTime();
        PurgeReport purged = ledger.maintenance().purgeEndedRuns(new RetentionPolicy(libraryRetention, batch));
        double libSecs = (System.nanoTime() - t0) / 1e9;
        long libDeleted = before - countRuns(ds);
        progress(db, String.format(Locale.ROOT, "library purge: %,d runs in %.1f s (reported %,d in %,d batches)",
                libDeleted, libSecs, purged.runsDeleted(), purged.batches()));

        try (Connection c = ds.getConnection()) {
            Seeds.settle(c, db);
        }
        before = countRuns(ds);
        t0 = System.nanoTime();
        long baseReported = baselinePurge(ds, db, Instant.now().minus(RETENTION), batch);
        double baseSecs = (System.nanoTime() - t0) / 1e9;
        long baseDeleted = before - countRuns(ds);
        progress(db, String.format(Locale.ROOT, "baseline purge: %,d runs in %.1f s", baseDeleted, baseSecs));

        double lib = libDeleted / libSecs;
        double base = baseDeleted / baseSecs;
        boolean complete = libDeleted == n && baseDeleted == n;
        boolean ratioMet = lib / base >= PURGE_RATIO;
        Report.Verdict verdict = !complete ? Report.Verdict.ERROR
                : db != Database.POSTGRES ? (ratioMet ? Report.Verdict.MET : Report.Verdict.MISSED)
                : lib >= PURGE_TARGET && ratioMet ? Report.Verdict.MET : Report.Verdict.MISSED;
        Report.Row row = new Report.Row(db, String.format(Locale.ROOT, "retention purge of %,d ended runs", n), "1",
                String.format(Locale.ROOT, "%,.0f runs/s", lib), String.format(Locale.ROOT, "%,.0f runs/s", base),
                Report.ratio(lib / base), "≥ 0.80×" + (db == Database.POSTGRES ? ", ≥ 20,000 runs/s" : ""), verdict);
        report.note(String.format(Locale.ROOT, "%s: purge, timed once per side on %,d ended runs each (batches of %,d, one "
                + "transaction per batch), on a table holding just the two purge sets (%,d rows at the start): the library "
                + "(retention %d days, reaching only the older set) deleted %,d in %.1f s and reported %,d in %,d batches; "
                + "then (after VACUUM ANALYZE on PostgreSQL) the baseline (%s, until a batch is empty; %d-day cutoff) deleted %,d in %.1f s.",
                db.label(), n, batch, 2 * n, libraryRetention.toDays(), libDeleted, libSecs, purged.runsDeleted(),
                purged.batches(), db == Database.POSTGRES ? "DELETE ... WHERE id IN (SELECT id ... ORDER BY finished_at LIMIT n)"
                        : "DELETE ... WHERE finished_at < ? FETCH FIRST n ROWS ONLY",
                RETENTION.toDays(), baseDeleted, baseSecs));
        if (purged.runsDeleted() != libDeleted) {
            report.note(String.format(Locale.ROOT, "%s: the library's PurgeReport says %,d runs deleted, but %,d rows went.",
                    db.label(), purged.runsDeleted(), libDeleted));
        }
        if (baseReported != baseDeleted) {
            report.note(String.format(Locale.ROOT, "%s: the baseline DELETEs' update counts add up to %,d, but %,d rows went.",
                    db.label(), baseReported, baseDeleted));
        }
        return row;
    }

    private static long countRuns(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM opsruns_runs");
                java.sql.ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long baselinePurge(HikariDataSource ds, Database db, Instant cutoff, int batch) throws SQLException {
        String sql = db == Database.POSTGRES ? BaselineSql.PURGE_BATCH_POSTGRES : BaselineSql.PURGE_BATCH_H2;
        long deleted = 0;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            ps.setInt(2, batch);
            int n;
            do {
                n = ps.executeUpdate();
                deleted += n;
            } while (n > 0);
        }
        return deleted;
    }

    // ---- JMH ---------------------------------------------------------------------------------

    private enum Kind { THROUGHPUT, LATENCY }

    /** One figure: a throughput (ops/s) or latency percentiles (ms), or why it could not be measured. */
    /** A measurement; {@code bytesPerOp} is JMH's gc profiler's allocation per operation (NaN when not profiled). */
    private record Measured(double score, double scoreError, double p50, double p99, String error, double bytesPerOp) {
        Measured(double score, double scoreError, double p50, double p99, String error) {
            this(score, scoreError, p50, p99, error, Double.NaN);
        }

        boolean failed() {
            return error != null;
        }
    }

    private record Pair(Measured baseline, Measured library) {
    }

    private Pair pair(BenchEnv env, Settings s, Class<?> bench, int threads) {
        Measured base = measure(env, s, bench, "baseline", threads, Kind.THROUGHPUT);
        Measured lib = measure(env, s, bench, "library", threads, Kind.THROUGHPUT);
        return new Pair(base, lib);
    }

    private Measured measure(BenchEnv env, Settings s, Class<?> bench, String method, int threads, Kind kind) {
        String name = bench.getSimpleName() + "." + method + " x" + threads;
        long t0 = System.nanoTime();
        List<String> jvmArgs = new ArrayList<>(List.of(env.asJvmArgs()));
        jvmArgs.addAll(List.of("-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(bench.getName() + "." + method) + "$")
                .mode(kind == Kind.LATENCY ? org.openjdk.jmh.annotations.Mode.SampleTime
                        : org.openjdk.jmh.annotations.Mode.Throughput)
                .timeUnit(kind == Kind.LATENCY ? TimeUnit.MILLISECONDS : TimeUnit.SECONDS)
                .threads(threads)
                .forks(1)
                .warmupIterations(s.warmupIterations())
                .warmupTime(TimeValue.seconds(s.warmupSeconds()))
                .measurementIterations(s.iterations())
                .measurementTime(TimeValue.seconds(s.seconds()))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                // allocation per operation: its MXBean counters cost nothing measurable
                .addProfiler(org.openjdk.jmh.profile.GCProfiler.class)
                .shouldFailOnError(true)
                .build();
        Measured m;
        try {
            Collection<RunResult> results = new Runner(options, OutputFormatFactory.createFormatInstance(jmhLog, VerboseMode.NORMAL))
                    .run();
            if (results.isEmpty()) {
                m = new Measured(Double.NaN, Double.NaN, Double.NaN, Double.NaN, "no result (see jmh log)");
            } else {
                RunResult run = results.iterator().next();
                Result<?> r = run.getPrimaryResult();
                Result<?> alloc = run.getSecondaryResults().get("·gc.alloc.rate.norm");
                if (alloc == null) {
                    alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
                }
                double bytesPerOp = alloc == null ? Double.NaN : alloc.getScore();
                // the spread shown is the standard deviation over the measurement iterations (JMH's 99.9 %
                // interval from three iterations is too wide to read)
                m = kind == Kind.LATENCY
                        ? new Measured(r.getScore(), Double.NaN, r.getStatistics().getPercentile(50),
                                r.getStatistics().getPercentile(99), null)
                        : new Measured(r.getScore(), iterationSpread(run), Double.NaN, Double.NaN, null, bytesPerOp);
            }
        } catch (RunnerException | RuntimeException e) {
            m = new Measured(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    "failed: " + firstLine(e) + " (see jmh-" + env.database().label() + ".log)");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        progress(env.database(), String.format(Locale.ROOT, "%-44s %s  (%.0f s)", name, m.failed() ? m.error()
                : kind == Kind.LATENCY ? "p50 " + Report.millis(m.p50()) + ", p99 " + Report.millis(m.p99())
                : Report.opsPerSecond(m.score(), m.scoreError()), secs));
        return m;
    }

    private static double iterationSpread(RunResult run) {
        ListStatistics stats = new ListStatistics();
        run.getBenchmarkResults().forEach(b -> b.getIterationResults().forEach(i -> stats.addValue(i.getPrimaryResult().getScore())));
        return stats.getN() > 1 ? stats.getStandardDeviation() : Double.NaN;
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = String.valueOf(t.getMessage());
        int nl = msg.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl < 0 ? msg : msg.substring(0, nl));
    }

    // ---- rows --------------------------------------------------------------------------------

    private record RatioTarget(double min) {
    }

    private static RatioTarget ratioTarget(double min) {
        return new RatioTarget(min);
    }

    private void throughputRow(Database db, String op, int threads, Pair p, RatioTarget target) {
        if (p.baseline().failed() || p.library().failed()) {
            report.row(new Report.Row(db, op, "" + threads, cell(p.library()), cell(p.baseline()), "", targetText(target),
                    Report.Verdict.ERROR));
            return;
        }
        double ratio = p.library().score() / p.baseline().score();
        Report.Verdict verdict = target == null ? Report.Verdict.INFO
                : ratio >= target.min() ? Report.Verdict.MET : Report.Verdict.MISSED;
        report.row(new Report.Row(db, op, "" + threads, cell(p.library()), cell(p.baseline()), Report.ratio(ratio),
                targetText(target), verdict));
    }

    /** Issue 18's allocation target per start and per reuse, from the 1-thread pair's gc profile. */
    private static final double MAX_BYTES_PER_START = 4096;

    private void allocationRow(Database db, String op, Pair p) {
        String target = "≤ 4 KB per call";
        if (p == null || p.library().failed() || p.baseline().failed() || Double.isNaN(p.library().bytesPerOp())) {
            report.row(new Report.Row(db, op, "1", "n/a", "n/a", "", target, Report.Verdict.ERROR));
            return;
        }
        double lib = p.library().bytesPerOp();
        double base = p.baseline().bytesPerOp();
        report.row(new Report.Row(db, op, "1", String.format(Locale.ROOT, "%.1f KB", lib / 1024),
                String.format(Locale.ROOT, "%.1f KB", base / 1024), Report.ratio(lib / base), target,
                lib <= MAX_BYTES_PER_START ? Report.Verdict.MET : Report.Verdict.MISSED));
    }

    private void reuseRow(Database db, int threads, Pair p, Double newKeyLibrary) {
        String op = "start, reuse active key (SELECT)";
        String target = "≥ 0.90× and > new-key start";
        if (p.baseline().failed() || p.library().failed()) {
            report.row(new Report.Row(db, op, "" + threads, cell(p.library()), cell(p.baseline()), "", target,
                    Report.Verdict.ERROR));
            return;
        }
        double ratio = p.library().score() / p.baseline().score();
        boolean fasterThanNew = newKeyLibrary != null && !newKeyLibrary.isNaN() && p.library().score() > newKeyLibrary;
        Report.Verdict verdict = ratio >= MIN_RATIO && fasterThanNew ? Report.Verdict.MET : Report.Verdict.MISSED;
        String speedup = newKeyLibrary == null || newKeyLibrary.isNaN() ? ""
                : String.format(Locale.ROOT, " (%.1f× new-key)", p.library().score() / newKeyLibrary);
        report.row(new Report.Row(db, op, "" + threads, cell(p.library()) + speedup, cell(p.baseline()),
                Report.ratio(ratio), target, verdict));
    }

    /** Decides a latency row from the library's figure (ms) and its ratio to the baseline's. */
    @FunctionalInterface
    private interface LatencyVerdict {
        Report.Verdict of(double libraryMs, double ratio);
    }

    private void latencyRow(Database db, String op, Measured base, Measured lib, boolean p50) {
        latencyRow(db, op, base, lib, p50, "≤ 1.25× latency",
                (libraryMs, ratio) -> ratio <= MAX_LATENCY_RATIO ? Report.Verdict.MET : Report.Verdict.MISSED);
    }

    private void latencyRow(Database db, String op, Measured base, Measured lib, boolean p50, String target,
            LatencyVerdict verdict) {
        if (base.failed() || lib.failed()) {
            report.row(new Report.Row(db, op, "1", lib.failed() ? lib.error() : "", base.failed() ? base.error() : "", "",
                    target, Report.Verdict.ERROR));
            return;
        }
        double l = p50 ? lib.p50() : lib.p99();
        double b = p50 ? base.p50() : base.p99();
        double ratio = l / b;
        report.row(new Report.Row(db, op, "1", Report.millis(l), Report.millis(b), Report.ratio(ratio), target,
                verdict.of(l, ratio)));
    }

    private static String cell(Measured m) {
        return m.failed() ? m.error() : Report.opsPerSecond(m.score(), m.scoreError());
    }

    private static String targetText(RatioTarget t) {
        return t == null ? "— (no target)" : String.format(Locale.ROOT, "≥ %.2f×", t.min());
    }

    /**
     * Spring Batch's own version lookup reads the jar manifest, which the shaded benchmarks jar replaces;
     * the Maven metadata the shade keeps still names it.
     */
    private static String peerVersion() {
        try (java.io.InputStream in = BenchMain.class.getResourceAsStream(
                "/META-INF/maven/org.springframework.batch/spring-batch-core/pom.properties")) {
            if (in == null) {
                return String.valueOf(org.springframework.batch.core.SpringBatchVersion.getVersion());
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "(unknown version)");
        } catch (java.io.IOException e) {
            return "(unknown version: " + e.getMessage() + ")";
        }
    }

    private static void progress(Database db, String line) {
        System.err.printf(Locale.ROOT, "[%s %s] %s%n", db.label(), java.time.LocalTime.now().withNano(0), line);
    }

    /** How long and how big, per database; see the class comment for the property names. */
    private record Settings(int warmupIterations, int warmupSeconds, int iterations, int seconds, long monitoringRuns,
            long statisticsRuns, long purgeRuns) {

        static Settings of(Database db) {
            boolean pg = db == Database.POSTGRES;
            return new Settings(
                    // short but not too short: 15 minutes for both databases, builds included
                    (int) get(db, "warmupIterations", 2),
                    (int) get(db, "warmupSeconds", pg ? 2 : 1),
                    (int) get(db, "iterations", 3),
                    (int) get(db, "seconds", pg ? 3 : 1),
                    // H2 inserts and indexes ~10x slower than PostgreSQL here: a smaller scale, said in the notes
                    get(db, "monitoringRuns", pg ? 1_000_000 : 200_000),
                    get(db, "statisticsRuns", pg ? 100_000 : 20_000),
                    get(db, "purgeRuns", pg ? 1_000_000 : 25_000));
        }

        /** One tenant per thousand runs, so a tenant's share of the runs is the same at any scale. */
        int tenants() {
            return (int) Math.max(10, monitoringRuns / 1_000);
        }

        private static long get(Database db, String name, long fallback) {
            String value = System.getProperty("opsruns.bench." + db.label() + "." + name,
                    System.getProperty("opsruns.bench." + name));
            return value == null ? fallback : Long.parseLong(value.replace("_", ""));
        }
    }
}
