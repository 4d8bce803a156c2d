package dev.opsruns.example.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The crash test as a user would run it: the app in a child JVM, concurrent writers starting
 * add-policies runs over HTTP, then SIGKILL; again and again over the same data folder. After the last
 * kill the app starts once more and every run the API acknowledged (HTTP 202) is checked against every
 * way of finding it: read by id over the API, the API's list, a scan of the runs table, the bucket index,
 * the per-bucket counts, and its "queued" notification.
 *
 * <p>On the embedded PostgreSQL, every other kill takes the database processes down with the app (a crash
 * of everything); the others kill the app alone, leaving its server running for the next start to stop.
 */
public final class CrashLoop {

    /**
     * What the loop found.
     *
     * @param trials kills
     * @param acknowledged runs the API acknowledged with 202
     * @param lost acknowledged runs no longer readable by id
     * @param inconsistencies acknowledged runs found one way but not another (index, list, notification), and
     *     count mismatches
     * @param startsPerSecond acknowledged starts per second of load, over all trials
     * @param examples a few of the problems, for the failure message
     */
    public record Result(int trials, int acknowledged, int lost, int inconsistencies, double startsPerSecond,
            List<String> examples) {
    }

    /** How to open the database behind a finished loop for the SQL checks. */
    public interface Inspector {
        /**
         * @param app the app, still running, after the last restart
         * @return a connection to its database, or null to inspect after it stopped
         * @throws SQLException when the database cannot be reached
         */
        Connection whileRunning(AppProcess app) throws SQLException;

        /**
         * @return a connection to the database after the app stopped, or null
         * @throws SQLException when it cannot be opened
         */
        Connection afterStop() throws SQLException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POLICIES = 50;

    private final Path dataDir;
    private final Map<String, String> env;
    private final Inspector inspector;
    private final int writers;
    private final Consumer<String> progress;
    private final Path log;

    /**
     * @param dataDir a fresh data folder
     * @param env the app's settings (which database)
     * @param inspector how the SQL checks reach the database
     * @param writers concurrent HTTP writers
     * @param log where the children's logs go
     * @param progress receives one line per trial
     */
    public CrashLoop(Path dataDir, Map<String, String> env, Inspector inspector, int writers, Path log,
            Consumer<String> progress) {
        this.dataDir = dataDir;
        this.env = env;
        this.inspector = inspector;
        this.writers = writers;
        this.log = log;
        this.progress = progress;
    }

    /** @return an inspector for the embedded PostgreSQL (trust auth on loopback) */
    public static Inspector embeddedPostgres() {
        return new Inspector() {
            @Override
            public Connection whileRunning(AppProcess app) throws SQLException {
                return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + app.embeddedPort() + "/opsruns", "postgres", "");
            }

            @Override
            public Connection afterStop() {
                return null;
            }
        };
    }

    /**
     * @param url the H2 file database's URL
     * @return an inspector that opens it once the app has stopped
     */
    public static Inspector h2(String url) {
        return new Inspector() {
            @Override
            public Connection whileRunning(AppProcess app) {
                return null;
            }

            @Override
            public Connection afterStop() throws SQLException {
                return DriverManager.getConnection(url, "sa", "");
            }
        };
    }

    /**
     * @param trials how many kills
     * @param loadBefore how long writers run before a kill, chosen at random between the two bounds
     * @param loadBeforeMax upper bound
     * @param minPerTrial acknowledged runs a trial waits for before its kill (for at most 10 s more), so a
     *     busy machine still gets a meaningful load
     * @return what it found
     */
    public Result run(int trials, Duration loadBefore, Duration loadBeforeMax, int minPerTrial) {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        double loadSeconds = 0;
        List<String> problems = new ArrayList<>();
        for (int trial = 1; trial <= trials; trial++) {
            boolean withDatabase = trial % 2 == 0;
            AppProcess started;
            try {
                started = AppProcess.start(dataDir, env, log);
            } catch (IllegalStateException e) {
                problems.add("the app did not start again after kill " + (trial - 1) + ": " + e.getMessage());
                return new Result(trial - 1, acknowledged.size(), acknowledged.size(), problems.size(), 0, problems);
            }
            try (AppProcess app = started) {
                String setId = backupSet(app);
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(writers);
                int before = acknowledged.size();
                for (int w = 0; w < writers; w++) {
                    pool.execute(() -> write(app, setId, stop, acknowledged));
                }
                long loadStart = System.nanoTime();
                sleep(ThreadLocalRandom.current().nextLong(loadBefore.toMillis(), loadBeforeMax.toMillis() + 1));
                while (acknowledged.size() - before < minPerTrial && System.nanoTime() - loadStart < 10_000_000_000L + loadBeforeMax.toNanos()) {
                    sleep(20);
                }
                long millis = (System.nanoTime() - loadStart) / 1_000_000;
                loadSeconds += millis / 1000.0;
                if (withDatabase && app.embeddedPort() > 0) {
                    app.killWithDatabase();
                } else {
                    app.kill();
                }
                stop.set(true);
                pool.shutdown();
                awaitQuietly(pool);
                progress.accept("trial " + trial + ": " + (acknowledged.size() - before) + " acknowledged in " + millis
                        + " ms, then SIGKILL" + (withDatabase && app.embeddedPort() > 0 ? " (app and database)" : " (app)"));
            }
        }
        int lost;
        AppProcess restarted;
        try {
            restarted = AppProcess.start(dataDir, env, log);
        } catch (IllegalStateException e) {
            problems.add("the app did not start again after the last kill: " + e.getMessage());
            return new Result(trials, acknowledged.size(), acknowledged.size(), problems.size(), 0, problems);
        }
        try (AppProcess app = restarted) {
            // The restarted app dispatches what was queued and reaps what a killed worker left running; check
            // once that is done, so no run changes bucket between two looks (and none stays active).
            awaitNoActiveRuns(app, problems);
            lost = checkOverApi(app, acknowledged, problems);
            try (Connection c = inspector.whileRunning(app)) {
                if (c != null) {
                    checkOverSql(c, acknowledged, true, problems);
                }
            } catch (SQLException e) {
                problems.add("could not inspect the database: " + e.getMessage());
            }
            app.terminate();
            app.awaitExit(Duration.ofSeconds(60));
        }
        try (Connection c = inspector.afterStop()) {
            if (c != null) {
                checkOverSql(c, acknowledged, false, problems);
            }
        } catch (SQLException e) {
            problems.add("could not inspect the database: " + e.getMessage());
        }
        int inconsistencies = (int) problems.stream().filter(p -> !p.startsWith("lost")).count();
        return new Result(trials, acknowledged.size(), lost, inconsistencies,
                loadSeconds == 0 ? 0 : acknowledged.size() / loadSeconds, problems.stream().limit(8).toList());
    }

    private static void awaitNoActiveRuns(AppProcess app, List<String> problems) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode counts = null;
        while (System.nanoTime() < deadline) {
            counts = json(app.get("/api/tenants/contoso/runs/counts")).get("counts");
            if (counts.path("queued").asInt() == 0 && counts.path("running").asInt() == 0) {
                return;
            }
            sleep(250);
        }
        problems.add("runs still active 120 s after the restart: " + counts);
    }

    private static String backupSet(AppProcess app) {
        JsonNode sets = json(app.get("/api/tenants/contoso/backup-sets"));
        return sets.get("backup_sets").get(0).get("id").asText();
    }

    /** Starts runs until told to stop or the app is gone; each run is three random policies in random order. */
    private static void write(AppProcess app, String setId, AtomicBoolean stop, Set<String> acknowledged) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stop.get()) {
            List<String> ids = new ArrayList<>();
            while (ids.size() < 3) {
                String id = String.format("\"contoso-pol-%03d\"", 1 + random.nextInt(POLICIES));
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            HttpResponse<String> r;
            try {
                r = app.post("/api/tenants/contoso/backup-sets/" + setId + "/policies",
                        "{\"policy_ids\":[" + String.join(",", ids) + "]}");
            } catch (RuntimeException e) {
                return; // killed
            }
            if (r.statusCode() == 202) {
                acknowledged.add(json(r).get("run").get("id").asText());
            }
        }
    }

    /** @return how many acknowledged runs are not readable by id */
    private static int checkOverApi(AppProcess app, Set<String> acknowledged, List<String> problems) {
        int lost = 0;
        Map<String, String> bucketById = new HashMap<>();
        for (String id : acknowledged) {
            HttpResponse<String> r = app.get("/api/tenants/contoso/runs/" + id);
            if (r.statusCode() != 200) {
                lost++;
                problems.add("lost: run " + id + " acknowledged but GET by id answers " + r.statusCode());
            } else {
                bucketById.put(id, json(r).get("run").get("bucket").asText());
            }
        }
        // Every acknowledged run is in the list, in the bucket its detail shows.
        Map<String, String> listed = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = json(app.get("/api/tenants/contoso/runs?limit=200" + (cursor == null ? "" : "&cursor=" + cursor)));
            for (JsonNode run : page.get("runs")) {
                listed.put(run.get("id").asText(), run.get("bucket").asText());
            }
            cursor = page.hasNonNull("older_cursor") ? page.get("older_cursor").asText() : null;
        } while (cursor != null);
        for (Map.Entry<String, String> e : bucketById.entrySet()) {
            if (!e.getValue().equals(listed.get(e.getKey()))) {
                problems.add("run " + e.getKey() + " reads as " + e.getValue() + " but the list has " + listed.get(e.getKey()));
            }
        }
        // The tabs count what the list holds.
        JsonNode counts = json(app.get("/api/tenants/contoso/runs/counts")).get("counts");
        Map<String, Integer> listedPerBucket = new HashMap<>();
        listed.values().forEach(b -> listedPerBucket.merge(b, 1, Integer::sum));
        counts.fields().forEachRemaining(f -> {
            if (f.getValue().asInt() != listedPerBucket.getOrDefault(f.getKey(), 0)) {
                problems.add("counts say " + f.getValue().asInt() + " " + f.getKey() + " but the list has "
                        + listedPerBucket.getOrDefault(f.getKey(), 0));
            }
        });
        return lost;
    }

    /**
     * The same runs by a table scan, by the bucket index and by their notifications. On PostgreSQL the
     * planner is told which path to take, so a broken index and a broken heap both show.
     */
    private static void checkOverSql(Connection c, Set<String> acknowledged, boolean postgres, List<String> problems)
            throws SQLException {
        Map<String, String> scanned = new LinkedHashMap<>();
        Set<String> indexed = new HashSet<>();
        Set<String> queued = new HashSet<>();
        try (Statement s = c.createStatement()) {
            if (postgres) {
                s.execute("SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off");
            }
            try (ResultSet r = s.executeQuery("SELECT id, bucket FROM opsruns_runs WHERE tenant_id = 'contoso'")) {
                while (r.next()) {
                    scanned.put(r.getString(1), r.getString(2));
                }
            }
            if (postgres) {
                s.execute("RESET enable_indexscan; RESET enable_bitmapscan; RESET enable_indexonlyscan; SET enable_seqscan = off");
            }
            for (String bucket : new HashSet<>(scanned.values())) {
                try (ResultSet r = s.executeQuery("SELECT id FROM opsruns_runs WHERE tenant_id = 'contoso' AND bucket = '"
                        + bucket + "' ORDER BY created_at DESC, id DESC")) {
                    while (r.next()) {
                        indexed.add(r.getString(1));
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SELECT run_id FROM opsruns_notifications WHERE kind = 'queued'")) {
                while (r.next()) {
                    queued.add(r.getString(1));
                }
            }
        }
        for (String id : acknowledged) {
            if (!scanned.containsKey(id)) {
                problems.add("run " + id + " is missing from a scan of the runs table");
            }
            if (!indexed.contains(id)) {
                problems.add("run " + id + " is missing from the bucket index");
            }
            if (!queued.contains(id)) {
                problems.add("run " + id + " has no queued notification");
            }
        }
        if (indexed.size() != scanned.size()) {
            problems.add("the bucket index holds " + indexed.size() + " runs, the table " + scanned.size());
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
