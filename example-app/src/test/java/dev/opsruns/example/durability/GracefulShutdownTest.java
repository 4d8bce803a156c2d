package dev.opsruns.example.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.example.harness.AppProcess;
import dev.opsruns.example.harness.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM to the app in a child JVM while jobs run, on every database it supports: a job that can finish
 * within the grace finishes, one that cannot is aborted as {@code job.shutdown} before the grace is up,
 * queued ones stay pending and run after the restart; the database is closed after the job pool, so every
 * one of those writes lands, and the log has no stack trace.
 */
@Tag("crash")
class GracefulShutdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GRACE = Duration.ofSeconds(6);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded-postgresql", "embedded-h2", "postgresql"})
    void sigterm_lets_jobs_finish_or_ends_their_runs_within_the_grace(String database) throws Exception {
        Path dir = Path.of("target", "shutdown-test", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);
        TestDatabase.Instance external = database.equals("postgresql") ? TestDatabase.POSTGRESQL.create() : null;
        try {
            Map<String, String> env = new HashMap<>(Map.of(
                    "OPSRUNS_WORKER_THREADS", "2",
                    "OPSRUNS_SHUTDOWN_GRACE", GRACE.toSeconds() + "s",
                    "OPSRUNS_DEMO_SOURCE_LATENCY", "300ms"));
            if (database.equals("embedded-h2")) {
                env.put("OPSRUNS_EMBEDDED_DB", "h2");
            }
            if (external != null) {
                env.put("OPSRUNS_DB_URL", external.jdbc()[0]);
                env.put("OPSRUNS_DB_USER", external.jdbc()[1]);
                env.put("OPSRUNS_DB_PASSWORD", external.jdbc()[2]);
            }
            Path log = dir.resolve("app.log");
            Path data = dir.resolve("data");
            String shortRun;
            String longRun;
            List<String> queued;
            long termAt;
            try (AppProcess app = AppProcess.start(data, env, log)) {
                String set = json(app.get("/api/tenants/contoso/backup-sets").body()).get("backup_sets").get(0).get("id").asText();
                // ~10 s of work: cannot finish within the grace.
                longRun = start(app, set, IntStream.rangeClosed(1, 40).filter(n -> n % 12 != 5 && n % 12 != 8 && n % 12 != 11).toArray());
                shortRun = start(app, set, 1, 2, 3, 4, 6, 7);    // ~1.8 s of work: finishes within the grace
                queued = List.of(start(app, set, 9, 10), start(app, set, 13, 14)); // both workers are busy
                awaitStatus(app, shortRun, "running");
                awaitStatus(app, longRun, "running");
                termAt = System.nanoTime();
                app.terminate();
                int exit = app.awaitExit(GRACE.plusSeconds(10));
                Duration took = Duration.ofNanos(System.nanoTime() - termAt);
                assertThat(exit).as("exit code after SIGTERM").isEqualTo(143);
                assertThat(took).as("time from SIGTERM to exit").isLessThan(GRACE.plusSeconds(5));
            }
            String firstLog = Files.readString(log);
            assertThat(firstLog).as("no stack trace in the log").doesNotContain("\tat ").doesNotContain("could not record");
            // The database stays open until the jobs are done: no write of theirs needed a retry.
            assertThat(firstLog).as("no failed database call during the shutdown").doesNotContain("did not answer")
                    .doesNotContain("already closed");
            assertThat(firstLog).contains("run transition: id=" + shortRun + " type=backup_set.add_policies tenant=contoso to=completed");
            assertThat(firstLog).containsPattern("run transition: id=" + longRun + " .* to=aborted bucket=failed duration=\\S+ reason=job.shutdown");
            assertThat(firstLog).contains("2 queued job(s) not started; their runs stay pending");
            for (String id : queued) {
                assertThat(firstLog).as("queued run " + id + " was not started by the stopping app")
                        .doesNotContain("run transition: id=" + id + " type=backup_set.add_policies tenant=contoso to=running");
            }

            env.put("OPSRUNS_DEMO_SOURCE_LATENCY", "0ms");
            try (AppProcess again = AppProcess.start(data, env, log)) {
                assertThat(run(again, shortRun).get("status").asText()).isEqualTo("completed");
                JsonNode aborted = run(again, longRun);
                assertThat(aborted.get("status").asText()).isEqualTo("aborted");
                assertThat(aborted.get("failure").get("reason_code").asText()).isEqualTo("job.shutdown");
                for (String id : queued) {
                    awaitStatus(again, id, "completed"); // handed back as pending, dispatched by the new process
                }
                again.terminate();
                again.awaitExit(Duration.ofSeconds(30));
            }
        } finally {
            if (external != null) {
                external.close();
            }
        }
    }

    private static String start(AppProcess app, String set, int... policies) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (int p : policies) {
            ids.append(ids.length() == 0 ? "" : ",").append(String.format("\"contoso-pol-%03d\"", p));
        }
        var r = app.post("/api/tenants/contoso/backup-sets/" + set + "/policies", "{\"policy_ids\":[" + ids + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r.body()).get("run").get("id").asText();
    }

    private static JsonNode run(AppProcess app, String id) throws Exception {
        var r = app.get("/api/tenants/contoso/runs/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body()).get("run");
    }

    private static void awaitStatus(AppProcess app, String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = run(app, id).get("status").asText();
            if (seen.equals(status)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + id + " is " + seen + ", not " + status + ", after 30 s");
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }
}
