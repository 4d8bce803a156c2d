package dev.opsruns.example.durability;

import dev.opsruns.example.harness.CrashLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Measures the embedded candidates side by side with the crash loop of {@link EmbeddedDefaultCrashTest}:
 * acknowledged runs lost after SIGKILLs, inconsistencies, and acknowledged starts per second under six
 * HTTP writers. Not a test (it takes minutes); README's durability table comes from it:
 *
 * <pre>
 * example-app/measure-embedded.sh 8
 * </pre>
 */
public final class EmbeddedCandidates {

    private EmbeddedCandidates() {
    }

    /**
     * @param args the number of kills per candidate (default 8)
     * @throws Exception when a loop cannot run
     */
    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Path root = Path.of("target", "candidates", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(root);
        List<String> rows = new ArrayList<>();
        for (String candidate : List.of("h2", "h2-write-delay-0", "postgresql")) {
            Path data = root.resolve(candidate);
            Files.createDirectories(data);
            String h2Url = "jdbc:h2:file:" + data.resolve("opsruns-demo");
            Map<String, String> chosen = switch (candidate) {
                case "h2" -> Map.of("OPSRUNS_EMBEDDED_DB", "h2");
                case "h2-write-delay-0" -> Map.of("OPSRUNS_DB_URL", h2Url + ";WRITE_DELAY=0", "OPSRUNS_DB_USER", "sa");
                default -> Map.of();
            };
            Map<String, String> env = new java.util.HashMap<>(chosen);
            env.putAll(Map.of("OPSRUNS_WORKER_THREADS", "2", "OPSRUNS_WORKER_HEARTBEAT_INTERVAL", "500ms",
                    "OPSRUNS_STORE_RETRY_TIMEOUT", "2s", "OPSRUNS_STALE_HEARTBEAT_TIMEOUT", "5s", "OPSRUNS_REAPER_INTERVAL", "1s"));
            CrashLoop.Inspector inspector = candidate.equals("postgresql") ? CrashLoop.embeddedPostgres() : CrashLoop.h2(h2Url);
            CrashLoop.Result r = new CrashLoop(data, env, inspector, 6, root.resolve(candidate + ".log"),
                    line -> System.out.println(candidate + ": " + line)).run(trials, Duration.ofMillis(1500), Duration.ofMillis(3500), 0);
            String row = String.format("| %s | %d | %d | %d | %d | %.0f/s | %s |", candidate, r.trials(), r.acknowledged(),
                    r.lost(), r.inconsistencies(), r.startsPerSecond(), String.join("; ", r.examples()));
            System.out.println(row);
            rows.add(row);
        }
        System.out.println("| candidate | kills | acknowledged | lost | inconsistencies | acknowledged starts/s | first problems |");
        System.out.println("| --- | --: | --: | --: | --: | --: | --- |");
        rows.forEach(System.out::println);
    }
}
