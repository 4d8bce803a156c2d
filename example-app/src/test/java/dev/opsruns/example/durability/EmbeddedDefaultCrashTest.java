package dev.opsruns.example.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.harness.CrashLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded default loses no acknowledged run and never disagrees with itself: ten SIGKILLs of the
 * app under six concurrent writers (every other one taking its PostgreSQL down too), then a restart and a
 * check of every acknowledged run by id, list, table scan, bucket index, counts and notification.
 */
@Tag("crash")
class EmbeddedDefaultCrashTest {

    @Test
    void ten_sigkills_under_six_writers_lose_no_acknowledged_run() throws Exception {
        Path dir = Path.of("target", "crash-test", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);
        // Short heartbeat settings, so the runs a killed worker leaves running are reaped quickly after the restart;
        // throttled policies retried without the demo's 1 s Retry-After, so the restarted app drains the backlog of
        // acknowledged runs (about a fifth of them hold a throttled policy, 2 s each at the demo's pace) in seconds.
        Map<String, String> env = Map.of("OPSRUNS_WORKER_THREADS", "2", "OPSRUNS_WORKER_HEARTBEAT_INTERVAL", "500ms",
                "OPSRUNS_STORE_RETRY_TIMEOUT", "2s", "OPSRUNS_STALE_HEARTBEAT_TIMEOUT", "5s", "OPSRUNS_REAPER_INTERVAL", "1s",
                "OPSRUNS_POLICY_SOURCE_MAX_BACKOFF", "10ms");
        CrashLoop loop = new CrashLoop(dir.resolve("data"), env,
                CrashLoop.embeddedPostgres(), 6, dir.resolve("app.log"), line -> System.out.println("crash test: " + line));

        CrashLoop.Result result = loop.run(10, Duration.ofMillis(1000), Duration.ofMillis(2500), 12);

        System.out.printf("crash test: embedded PostgreSQL, %d SIGKILLs: %d runs acknowledged, %d lost, %d inconsistencies,"
                + " %.0f acknowledged starts/s under load %s%n", result.trials(), result.acknowledged(), result.lost(),
                result.inconsistencies(), result.startsPerSecond(), result.examples());
        assertThat(result.acknowledged()).as("the writers got runs acknowledged").isGreaterThanOrEqualTo(100);
        assertThat(result.examples()).as("problems found").isEmpty();
        assertThat(result.lost()).isZero();
        assertThat(result.inconsistencies()).isZero();
        // The reaper ended what the killed workers left running, each run once, and said so once.
        Map<String, Long> reapedLines = Files.readAllLines(dir.resolve("app.log")).stream()
                .filter(l -> l.contains("run transition: ") && l.contains("reason=run.stale"))
                .map(l -> l.replaceFirst(".*run transition: id=(\\S+).*", "$1"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        System.out.printf("crash test: the reaper ended %d run(s) left running by killed workers%n", reapedLines.size());
        assertThat(reapedLines).allSatisfy((id, lines) -> assertThat(lines).as("log lines for reaped run " + id).isEqualTo(1L));
    }
}
