package dev.opsruns.example.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunStoreUnavailableException;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.RunningApp;
import dev.opsruns.example.harness.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Database faults inside jobs, on a real PostgreSQL (the app's own test database; the server is never
 * restarted): connections killed with {@code pg_terminate_backend} under load cost a retry, not a run;
 * and a database that refuses connections for longer than the retry time ends the runs it caught within
 * seconds of coming back, so the next start of their key is a new run, not a reuse of a dead one.
 */
@Tag("crash")
class StoreFaultTest {

    /** Demo policies the demo cloud captures without error. */
    private static final List<Integer> GOOD = IntStream.rangeClosed(1, 50)
            .filter(n -> n % 12 != 5 && n % 12 != 8 && n % 12 != 11).boxed().toList();

    /** Each run takes its two workers about 0.4 s (8 policies at 50 ms): 250 runs drain in under a minute. */
    private static final int MAX_ACKNOWLEDGED = 250;

    @Test
    void killed_connections_cost_retries_and_a_database_away_for_long_ends_the_runs_it_caught() throws Exception {
        try (RunningApp app = RunningApp.start(TestDatabase.POSTGRESQL, null, b -> b
                .demoSourceLatency(Duration.ofMillis(50))
                .storeRetryTimeout(Duration.ofMillis(1500))
                .workerHeartbeatInterval(Duration.ofMillis(200))
                .staleHeartbeatTimeout(Duration.ofSeconds(3))
                .reaperInterval(Duration.ofMillis(500))
                .dbConnectTimeout(Duration.ofMillis(500)))) {
            String url = app.server().config().dbUrl();
            String database = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
            String admin = url.replaceFirst("/[^/?]+(\\?.*)?$", "/postgres");
            String user = app.server().config().dbUser();
            String set = app.get("contoso.operator", "/api/tenants/contoso/backup-sets").json()
                    .path("backup_sets").get(0).path("id").asText();

            // 1. Three writers start runs for four seconds (longer on a busy machine, until ten were acknowledged)
            //    while every connection of the app is killed every 200 ms. At most MAX_ACKNOWLEDGED, so that the
            //    two workers can drain them within the wait below however fast the starts are.
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger killed = new AtomicInteger();
            long began = System.nanoTime();
            java.util.function.BooleanSupplier loading = () -> acknowledged.size() < MAX_ACKNOWLEDGED
                    && (System.nanoTime() - began < Duration.ofSeconds(4).toNanos()
                            || (acknowledged.size() < 10 && System.nanoTime() - began < Duration.ofSeconds(20).toNanos()));
            ExecutorService load = Executors.newFixedThreadPool(4);
            for (int w = 0; w < 3; w++) {
                load.execute(() -> {
                    while (loading.getAsBoolean()) {
                        Reply r = app.post("contoso.operator", "/api/tenants/contoso/backup-sets/" + set + "/policies",
                                policies(randomGood(8)));
                        if (r.status() == 202) {
                            acknowledged.add(r.json().path("run").path("id").asText());
                        }
                    }
                });
            }
            load.execute(() -> {
                try (Connection c = DriverManager.getConnection(admin, user, ""); Statement s = c.createStatement()) {
                    while (loading.getAsBoolean()) {
                        killed.addAndGet(terminateAll(s, database));
                        Thread.sleep(200);
                    }
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            Map<String, Run> ended = awaitEnded(app, acknowledged, Duration.ofSeconds(90));
            Map<RunStatus, Long> byStatus = ended.values().stream().collect(Collectors.groupingBy(Run::status, Collectors.counting()));
            long short_ = ended.values().stream().filter(r -> r.counts().processed() < r.counts().total()).count();
            System.out.printf("store fault test: %d connections killed, %d runs acknowledged, ended %s, %d with counts short%n",
                    killed.get(), acknowledged.size(), byStatus, short_);
            assertThat(killed.get()).as("connections killed").isGreaterThan(10);
            assertThat(acknowledged).as("runs started under the kills").hasSizeGreaterThanOrEqualTo(5);
            assertThat(byStatus).as("every run completed despite the kills").containsOnlyKeys(RunStatus.COMPLETED);
            assertThat(short_).as("completed runs whose counts miss an increment lost with a killed connection").isZero();

            // 2. Two runs (about 2 s of work each) are mid-job when the database stops taking connections for 4 s,
            // longer than the 1.5 s retry time.
            List<String> caught = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Reply r = app.post("contoso.operator", "/api/tenants/contoso/backup-sets/" + set + "/policies",
                        policies(GOOD.subList(i, i + 35)));
                assertThat(r.status()).as(r.body()).isEqualTo(202);
                caught.add(r.json().path("run").path("id").asText());
            }
            awaitStatus(app, caught, RunStatus.RUNNING);
            long back;
            try (Connection c = DriverManager.getConnection(admin, user, ""); Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
                try {
                    terminateAll(s, database);
                    Reply health = awaitHealth(app, 503, Duration.ofSeconds(5));
                    assertThat(health.json().path("database").path("status").asText()).isEqualTo("down");
                    Thread.sleep(4_000);
                } finally {
                    s.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
                }
                back = System.nanoTime();
            }
            Map<String, Run> afterOutage = awaitEnded(app, Set.copyOf(caught), Duration.ofSeconds(20));
            Duration freedAfter = Duration.ofNanos(System.nanoTime() - back);
            System.out.printf("store fault test: runs caught by a 4 s outage ended %s, %d ms after the database came back%n",
                    afterOutage.values().stream().map(r -> r.status().storageName() + "/" + r.failureIfAny()
                            .map(f -> f.reasonCode().value()).orElse("-")).toList(), freedAfter.toMillis());
            assertThat(freedAfter).as("time until the caught runs ended").isLessThan(Duration.ofSeconds(10));
            for (Run run : afterOutage.values()) {
                assertThat(run.status()).as("a run caught mid-job by the outage").isEqualTo(RunStatus.FAILED);
                assertThat(run.failureIfAny().orElseThrow().reasonCode().value()).isIn("job.store_unavailable", "run.stale");
            }
            // The same request again is a new run: nothing is reused onto a run whose worker gave up.
            Reply again = app.post("contoso.operator", "/api/tenants/contoso/backup-sets/" + set + "/policies",
                    policies(GOOD.subList(0, 35)));
            assertThat(again.status()).as(again.body()).isEqualTo(202);
            assertThat(again.json().path("run").path("id").asText()).isNotEqualTo(caught.get(0));

            JsonNode healthy = awaitHealth(app, 200, Duration.ofSeconds(10)).json();
            assertThat(healthy.path("database").path("status").asText()).isEqualTo("up");
            assertThat(healthy.path("reaper").path("last_pass").path("ok").asBoolean()).isTrue();
        }
    }

    private static int terminateAll(Statement s, String database) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = '" + database + "' AND pid <> pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static List<Integer> randomGood(int n) {
        List<Integer> pool = new ArrayList<>(GOOD);
        java.util.Collections.shuffle(pool, ThreadLocalRandom.current());
        return pool.subList(0, n);
    }

    private static String policies(List<Integer> numbers) {
        return numbers.stream().map(n -> String.format("\"contoso-pol-%03d\"", n))
                .collect(Collectors.joining(",", "{\"policy_ids\":[", "]}"));
    }

    private static Map<String, Run> awaitEnded(RunningApp app, Set<String> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Run> ended = new HashMap<>();
        while (System.nanoTime() < deadline && ended.size() < ids.size()) {
            for (String id : ids) {
                if (!ended.containsKey(id)) {
                    try {
                        Run run = app.server().ledger().registry().get(new RunId(UUID.fromString(id)));
                        if (run.status().isTerminal()) {
                            ended.put(id, run);
                        }
                    } catch (RunStoreUnavailableException e) {
                        // the pool is still reconnecting; look again
                    }
                }
            }
            Thread.sleep(100);
        }
        assertThat(ended.keySet()).as("runs ended within " + timeout).containsExactlyInAnyOrderElementsOf(ids);
        return ended;
    }

    private static void awaitStatus(RunningApp app, List<String> ids, RunStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (ids.stream().allMatch(id -> app.server().ledger().registry().get(new RunId(UUID.fromString(id))).status() == status)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("runs " + ids + " not all " + status + " after 30 s");
    }

    private static Reply awaitHealth(RunningApp app, int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = app.get(null, "/health");
            if (last.status() == status) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/health did not answer " + status + " within " + timeout + "; last: " + last);
    }
}
