package dev.opsruns.example.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet proof, on a real PostgreSQL database: app instances in JVMs of their own (the real app,
 * its demo policy source slowed to 40 ms a policy), a few hundred start requests of both producers sent
 * through all of them with many duplicates, one instance SIGKILLed while it works on backup-set runs.
 * Then every run ends exactly once with one end notification, no run counts an item twice (which a
 * second attempt running the same items at the same time would), and the killed instance's runs are
 * taken over (attempt 2) within lease + dead-execution detection + poll interval, not after the
 * 10-minute reaper. Once with db-scheduler and three instances, once with the in-process dispatcher and
 * two instances started together onto the runs a killed third one left behind.
 */
class FleetProofTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofSeconds(1);
    /** db-scheduler's dead detection adds up to half a lease (heartbeat = lease / 4, checked every 2 heartbeats). */
    private static final Duration TAKEOVER_BOUND = LEASE.plus(POLL).plus(LEASE.dividedBy(2)).plusSeconds(3);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final List<String> TENANTS = List.of("contoso", "fabrikam");
    private static final Set<String> ENDED = Set.of("completed", "completed_with_errors", "failed", "aborted");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Instance> instances = new ArrayList<>();
    private TestDatabase.Instance db;

    /** Bearer tokens by user id, as the seeding instance printed them (the database keeps only hashes). */
    private final Map<String, String> issuedTokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** One app JVM. */
    private record Instance(Process process, String baseUrl, Path log) {
        String schedulerName() {
            return "opsruns-app-" + process.pid() + "-0";
        }
    }

    @AfterEach
    void stopAll() {
        for (Instance i : instances) {
            i.process().destroyForcibly();
        }
        for (Instance i : instances) {
            try {
                i.process().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void three_instances_with_db_scheduler_run_every_run_once_and_take_over_a_killed_ones_runs() throws Exception {
        db = TestDatabase.POSTGRESQL.create();
        instances.add(startInstance("db-scheduler", 0).join()); // seeds the demo data alone
        List<CompletableFuture<Instance>> together = List.of(startInstance("db-scheduler", 1), startInstance("db-scheduler", 2));
        together.forEach(f -> instances.add(f.join()));
        Map<String, String> tokens = operatorTokens();

        produce(tokens, 0, 150, instances);
        Instance victim = instances.get(1);
        Set<String> held = awaitHeldBackupRuns(() -> runsPickedBy(victim.schedulerName()));
        long killedAt = kill(victim);
        produce(tokens, 150, 300, List.of(instances.get(0), instances.get(2)));

        Duration takeover = awaitTakenOver(held, killedAt);
        awaitAllEnded();
        assertEveryRunEndedOnceAndCountedEachItemOnce();
        assertTakenOver(held);
        assertThat(takeover).as("the killed instance's runs were taken over within lease + detection + poll")
                .isLessThan(TAKEOVER_BOUND);
        assertThat(count("SELECT COUNT(*) FROM opsruns_scheduled_tasks")).as("no execution left behind").isZero();
        System.out.printf(Locale.ROOT, "fleet proof (db-scheduler): %d runs, %d held by the killed JVM, taken over in %d ms%n",
                count("SELECT COUNT(*) FROM opsruns_runs"), held.size(), takeover.toMillis());
    }

    @Test
    void a_frozen_instance_is_taken_over_and_its_late_writes_are_refused() throws Exception {
        db = TestDatabase.POSTGRESQL.create();
        instances.add(startInstance("db-scheduler", 0).join());
        instances.add(startInstance("db-scheduler", 1).join());
        Map<String, String> tokens = operatorTokens();

        produce(tokens, 0, 120, instances);
        Instance victim = instances.get(1);
        Set<String> held = awaitHeldBackupRuns(() -> runsPickedBy(victim.schedulerName()));
        // SIGSTOP: the JVM keeps its connections and its place in the middle of its jobs, but stops
        // heartbeating; once it is taken over, SIGCONT lets it go on writing as if nothing happened.
        long frozenAt = signal(victim, "STOP");
        Duration takeover;
        try {
            takeover = awaitTakenOver(held, frozenAt);
            awaitAllEnded();
        } finally {
            signal(victim, "CONT");
        }
        long refused = awaitLogLines(victim, " stopped: ", Duration.ofSeconds(20));
        Thread.sleep(POLL.toMillis() * 2); // whatever else the thawed JVM still had to say
        assertEveryRunEndedOnceAndCountedEachItemOnce();
        assertTakenOver(held);
        assertThat(refused).as("late writes of the thawed instance refused (its log says its attempts stopped)").isPositive();
        assertThat(count("SELECT COUNT(*) FROM opsruns_scheduled_tasks")).as("no execution left behind").isZero();
        System.out.printf(Locale.ROOT, "fleet proof (SIGSTOP): %d runs, %d held by the frozen JVM, taken over in %d ms,"
                + " %d late attempt(s) refused after SIGCONT%n", count("SELECT COUNT(*) FROM opsruns_runs"), held.size(),
                takeover.toMillis(), refused);
    }

    @Test
    void two_in_process_instances_starting_together_share_a_killed_ones_runs_without_running_one_twice() throws Exception {
        db = TestDatabase.POSTGRESQL.create();
        Instance first = startInstance("in-process", 0).join();
        instances.add(first);
        Map<String, String> tokens = operatorTokens();
        produce(tokens, 0, 120, List.of(first));
        Set<String> held = awaitHeldBackupRuns(() -> runsWithStatus("running"));
        long pendingAtKill = count("SELECT COUNT(*) FROM opsruns_runs WHERE status = 'pending'");
        long killedAt = kill(first);

        List<CompletableFuture<Instance>> together = List.of(startInstance("in-process", 1), startInstance("in-process", 2));
        List<Instance> survivors = together.stream().map(CompletableFuture::join).toList();
        instances.addAll(survivors);
        produce(tokens, 120, 240, survivors);

        Duration takeover = awaitTakenOver(held, killedAt);
        awaitAllEnded();
        assertEveryRunEndedOnceAndCountedEachItemOnce();
        assertTakenOver(held);
        assertThat(pendingAtKill).as("the killed instance left pending runs for the two to share").isPositive();
        System.out.printf(Locale.ROOT, "fleet proof (in-process): %d runs, %d running and %d pending at the kill, "
                        + "taken over %d ms after it (includes two JVM start-ups)%n",
                count("SELECT COUNT(*) FROM opsruns_runs"), held.size(), pendingAtKill, takeover.toMillis());
    }

    // ------------------------------------------------------------------ instances

    private CompletableFuture<Instance> startInstance(String dispatcher, int index) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return launch(dispatcher, index);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Instance launch(String dispatcher, int index) throws IOException {
        String[] jdbc = db.jdbc();
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                FleetAppMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("OPSRUNS_DB_URL", jdbc[0]);
        env.put("OPSRUNS_DB_USER", jdbc[1]);
        env.put("OPSRUNS_DB_PASSWORD", jdbc[2]);
        env.put("OPSRUNS_PORT", "0");
        env.put("OPSRUNS_DISPATCHER", dispatcher);
        env.put("OPSRUNS_CLAIM_LEASE", LEASE.toSeconds() + "s");
        env.put("OPSRUNS_DISPATCH_POLL_INTERVAL", POLL.toMillis() + "ms");
        env.put("OPSRUNS_WORKER_THREADS", "4");
        env.put("OPSRUNS_DB_POOL_SIZE", "8");
        env.put("OPSRUNS_SHUTDOWN_GRACE", "2s");
        env.put("OPSRUNS_REAPER_INTERVAL", "1h");
        env.put("OPSRUNS_POLICY_SOURCE_BACKOFF", "20ms");
        env.put("OPSRUNS_POLICY_SOURCE_MAX_BACKOFF", "50ms");
        env.put("FLEET_CAPTURE_DELAY_MS", "40");
        Path log = Path.of("target", "fleet-logs", dispatcher + "-" + index + "-" + System.nanoTime() + ".log");
        Files.createDirectories(log.getParent());
        Process p = pb.start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.println(line);
                    out.flush();
                    if (line.startsWith("TOKEN ")) {
                        String[] parts = line.split(" ", 3);
                        issuedTokens.put(parts[1], parts[2]);
                    }
                    if (line.startsWith("READY ")) {
                        ready.complete(line.substring(6).trim());
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the instance exited before it was ready; see " + log));
        }, "fleet-log-" + index);
        pump.setDaemon(true);
        pump.start();
        try {
            return new Instance(p, ready.get(60, TimeUnit.SECONDS), log);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("instance " + index + " did not start; see " + log, e);
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop. */
    private static long kill(Instance victim) throws InterruptedException {
        victim.process().destroyForcibly();
        assertThat(victim.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        return System.nanoTime();
    }

    /** Sends a signal with kill(1), as an operator or the kernel's OOM handling would. */
    private static long signal(Instance victim, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(victim.process().pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
        return System.nanoTime();
    }

    /** @return how many lines of the instance's log hold {@code text}, once there is one or the time is up */
    private static long awaitLogLines(Instance instance, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lines;
        do {
            Thread.sleep(200);
            try (var all = Files.lines(instance.log())) {
                lines = all.filter(l -> l.contains(text)).count();
            }
        } while (lines == 0 && System.nanoTime() < deadline);
        return lines;
    }

    // ------------------------------------------------------------------ producers

    private Map<String, String> operatorTokens() throws SQLException {
        Map<String, String> tokens = new HashMap<>();
        for (String tenant : TENANTS) {
            String userId = string("""
                    SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id
                     WHERE m.tenant_id = ? AND m.role = 'OPERATOR' ORDER BY u.id LIMIT 1""", tenant);
            String token = issuedTokens.get(userId);
            assertThat(token).as("the seeding instance printed the token of operator " + userId).isNotNull();
            tokens.put(tenant, token);
        }
        return tokens;
    }

    /**
     * Requests {@code from} to {@code to}, spread over the instances, four at a time: odd ones start a
     * drift run, even ones add one of six disjoint lists of eight policies to one of two backup sets (so
     * many repeat a request whose run is still active, and are answered with it).
     */
    private void produce(Map<String, String> tokens, int from, int to, List<Instance> through) {
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String tenant = TENANTS.get(i % 2);
            String base = through.get(i % through.size()).baseUrl();
            HttpRequest.Builder request;
            if (i % 4 == 1 || i % 4 == 3) {
                request = HttpRequest.newBuilder(URI.create(base + "/api/tenants/" + tenant + "/drift/generate"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"scope_key\": \"all_policies\"}"));
            } else {
                // disjoint lists: two runs capture the same policy only if one run runs twice at the same
                // time, which the set's unique (set, policy) row turns into a job error this test counts
                int variant = (i / 4) % 6;
                String policies = IntStream.rangeClosed(variant * 8 + 1, variant * 8 + 8)
                        .mapToObj(n -> String.format(Locale.ROOT, "\"%s-pol-%03d\"", tenant, n))
                        .collect(Collectors.joining(", "));
                request = HttpRequest.newBuilder(URI.create(base + "/api/tenants/" + tenant + "/backup-sets/"
                                + DemoSeeder.backupSetId(tenant, 1 + (i / 24) % 2) + "/policies"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"policy_ids\": [" + policies + "]}"));
            }
            HttpRequest r = request.header("Authorization", "Bearer " + tokens.get(tenant))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build();
            calls.add(send(r, 3));
            if (calls.size() % 4 == 0) {
                calls.get(calls.size() - 1).join();
            }
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).as("every start request was accepted (started or reused)").allMatch(s -> s >= 200 && s < 300);
    }

    /**
     * Sends a start request, again after a 408 as RFC 9110 lets a client do: the app's minimum request
     * data rate counts from the start of the request, so on a starved machine (JVMs starting beside the
     * test) a small body read late can be refused as too slow. A start is idempotent, so resending it
     * is safe.
     */
    private CompletableFuture<Integer> send(HttpRequest request, int attempts) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)
                .thenCompose(status -> status == 408 && attempts > 1 ? send(request, attempts - 1)
                        : CompletableFuture.completedFuture(status));
    }

    // ------------------------------------------------------------------ waiting

    @FunctionalInterface
    private interface Query {
        Set<String> get() throws SQLException;
    }

    /** Waits until the victim holds at least one running backup-set run, and returns its runs then. */
    private Set<String> awaitHeldBackupRuns(Query held) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> runs = held.get();
            Set<String> backup = runsOfType(runs, "backup_set.add_policies");
            if (!backup.isEmpty()) {
                return runs;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the instance never held a running backup-set run");
    }

    private Duration awaitTakenOver(Set<String> held, long killedAt) throws Exception {
        long deadline = killedAt + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (String run : held) {
                String status = string("SELECT status FROM opsruns_runs WHERE id = CAST(? AS uuid)", run);
                long attempt = count("SELECT attempt FROM opsruns_runs WHERE id = CAST(? AS uuid)", run);
                all &= attempt >= 2 || ENDED.contains(status);
            }
            if (all) {
                return Duration.ofNanos(System.nanoTime() - killedAt);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the killed instance's runs were not taken over within " + DEADLINE);
    }

    private void awaitAllEnded() throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (count("SELECT COUNT(*) FROM opsruns_runs WHERE status IN ('pending', 'running')") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("runs still active after " + DEADLINE + ": "
                        + runsWithStatus("pending") + " pending, " + runsWithStatus("running") + " running");
            }
            Thread.sleep(200);
        }
    }

    // ------------------------------------------------------------------ assertions

    private void assertEveryRunEndedOnceAndCountedEachItemOnce() throws SQLException {
        long runs = count("SELECT COUNT(*) FROM opsruns_runs");
        assertThat(runs).as("runs started").isGreaterThan(20);
        assertThat(count("SELECT COUNT(*) FROM opsruns_runs WHERE status NOT IN "
                + "('completed', 'completed_with_errors', 'failed', 'aborted')")).as("runs not ended").isZero();
        assertThat(count("""
                SELECT COUNT(*) FROM opsruns_runs r
                 WHERE (SELECT COUNT(*) FROM opsruns_notifications n
                         WHERE n.run_id = r.id AND n.kind IN ('succeeded', 'partially_succeeded', 'failed')) <> 1"""))
                .as("runs without exactly one end notification").isZero();
        assertThat(count("SELECT COUNT(*) FROM opsruns_runs WHERE succeeded + failed + skipped > total"))
                .as("runs that counted an item twice (two attempts working the same items)").isZero();
        assertThat(count("""
                SELECT COUNT(*) FROM opsruns_runs
                 WHERE status IN ('completed', 'completed_with_errors') AND succeeded + failed + skipped <> total"""))
                .as("finished runs whose counts do not add up to their total").isZero();
        assertThat(count("SELECT COUNT(*) FROM opsruns_runs WHERE failure_reason IN ('run.stale', 'job.unexpected_error')"))
                .as("runs left to the reaper, or failed by a job error (a policy captured twice at once is one)").isZero();
    }

    private void assertTakenOver(Set<String> held) throws SQLException {
        for (String run : held) {
            String status = string("SELECT status FROM opsruns_runs WHERE id = CAST(? AS uuid)", run);
            assertThat(status).as("run %s of the killed instance", run).isIn("completed", "completed_with_errors");
        }
        assertThat(count("SELECT COUNT(*) FROM opsruns_runs WHERE attempt >= 2")).as("takeovers").isPositive();
    }

    // ------------------------------------------------------------------ SQL

    private Set<String> runsPickedBy(String schedulerName) throws SQLException {
        return strings("""
                SELECT t.task_instance FROM opsruns_scheduled_tasks t
                  JOIN opsruns_runs r ON r.id = CAST(t.task_instance AS uuid)
                 WHERE t.picked AND t.picked_by = ? AND r.status = 'running'""", schedulerName);
    }

    private Set<String> runsWithStatus(String status) throws SQLException {
        return strings("SELECT CAST(id AS text) FROM opsruns_runs WHERE status = ?", status);
    }

    private Set<String> runsOfType(Set<String> runs, String type) throws SQLException {
        Set<String> ofType = strings("SELECT CAST(id AS text) FROM opsruns_runs WHERE run_type = ?", type);
        ofType.retainAll(runs);
        return ofType;
    }

    private Connection connect() throws SQLException {
        String[] jdbc = db.jdbc();
        return DriverManager.getConnection(jdbc[0], jdbc[1], jdbc[2]);
    }

    private long count(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = bind(c.prepareStatement(sql), args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private String string(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = bind(c.prepareStatement(sql), args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private Set<String> strings(String sql, Object... args) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = connect(); PreparedStatement ps = bind(c.prepareStatement(sql), args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static PreparedStatement bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
