package dev.opsruns.jdbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.jdbi.testing.ChildJvm;
import dev.opsruns.jdbi.testing.PostgresExtension;
import dev.opsruns.jdbi.testing.TimeZones;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §6 across processes: {@value #JVMS} JVMs × {@value #THREADS} threads race
 * {@code startOrReuse} on the same {@value #KEYS} keys against one PostgreSQL database, released
 * together. Exactly one Started per key, every other outcome the same run, no errors, and the
 * database holds exactly one run per key.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MultiJvmStartRaceTest {

    private static final int JVMS = 3;
    private static final int THREADS = 8;
    private static final int KEYS = 50;
    private static final long TIMEOUT_SECONDS = 90;
    private static final TenantId TENANT = TenantId.of("race-tenant");

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    /** A child JVM and what it printed. */
    private record Child(Process process, List<String> lines, CountDownLatch ready, Thread reader) {
    }

    @Test
    void three_jvms_of_eight_threads_agree_on_one_run_per_key() throws Exception {
        DB.reset();
        Path logs = Files.createDirectories(Paths.get("target", "race-logs"));
        List<Child> children = new ArrayList<>();
        try {
            for (int i = 0; i < JVMS; i++) {
                children.add(launch(i, logs));
            }
            for (Child child : children) {
                if (!child.ready().await(TIMEOUT_SECONDS, TimeUnit.SECONDS) || !child.lines().contains("READY")) {
                    fail("a racer JVM did not get ready; see " + logs + ". Its output: " + child.lines());
                }
            }
            for (Child child : children) { // the common start signal
                OutputStream stdin = child.process().getOutputStream();
                stdin.write("GO\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
            for (Child child : children) {
                if (!child.process().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    fail("a racer JVM did not finish within " + TIMEOUT_SECONDS + " s");
                }
                child.reader().join(TimeUnit.SECONDS.toMillis(10));
                assertEquals(0, child.process().exitValue(), "exit code; output: " + child.lines());
            }
        } finally {
            for (Child child : children) {
                child.process().destroyForcibly();
            }
        }

        Map<String, Set<String>> idsByKey = new HashMap<>();
        Map<String, Integer> startedByKey = new HashMap<>();
        List<String> errors = new ArrayList<>();
        int outcomes = 0;
        for (Child child : children) {
            assertTrue(child.lines().contains("DONE"), "each JVM reports the end: " + child.lines());
            for (String line : child.lines()) {
                String[] parts = line.split(" ", 4);
                if (parts[0].equals("ERROR")) {
                    errors.add(line);
                } else if (parts[0].equals("OUTCOME")) {
                    outcomes++;
                    idsByKey.computeIfAbsent(parts[1], k -> new HashSet<>()).add(parts[3]);
                    if (parts[2].equals("STARTED")) {
                        startedByKey.merge(parts[1], 1, Integer::sum);
                    }
                }
            }
        }
        assertEquals(List.of(), errors, "no racer may fail");
        assertEquals(JVMS * THREADS * KEYS, outcomes, "one outcome per call");
        assertEquals(KEYS, idsByKey.size());
        for (int k = 0; k < KEYS; k++) {
            String key = "key-" + k;
            assertEquals(1, startedByKey.getOrDefault(key, 0), "exactly one Started for " + key);
            assertEquals(1, idsByKey.get(key).size(), "every outcome for " + key + " is the same run");
        }

        Principal viewer = new Principal("viewer", "Viewer", Map.of(TENANT, TenantRole.READONLY));
        JdbiRunLedger ledger = JdbiRunLedger.create(DB.dataSource(), RunsConfig.defaults());
        assertEquals(KEYS, ledger.queries().countByBucket(viewer, TENANT, RunFilter.ALL).get(StatusBucket.QUEUED));
        assertEquals(KEYS, ledger.queries().countByBucket(viewer, TENANT, RunFilter.ALL).total());
        Set<String> stored = new HashSet<>();
        for (Run run : ledger.queries().list(viewer, TENANT, RunFilter.ALL, PageRequest.first(KEYS)).runs()) {
            assertEquals(RunStatus.PENDING, run.status());
            stored.add(run.id().toString());
        }
        Set<String> reported = new HashSet<>();
        idsByKey.values().forEach(reported::addAll);
        assertEquals(reported, stored, "the runs reported are the runs stored");
        System.out.printf("multi-JVM race: %d JVMs x %d threads x %d keys = %d outcomes, %d started, %d reused, %d errors%n",
                JVMS, THREADS, KEYS, outcomes, KEYS, outcomes - KEYS, errors.size());
    }

    private static Child launch(int index, Path logs) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(RaceWorkerMain.class,
                DB.jdbcUrl(), DB.user(), DB.password(), TENANT.value(),
                Integer.toString(KEYS), Integer.toString(THREADS), Integer.toString(index)));
        builder.redirectError(logs.resolve("racer-" + index + ".stderr.log").toFile());
        Process process = builder.start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.equals("READY")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                lines.add("ERROR - reading the racer's output failed: " + e);
            } finally {
                ready.countDown(); // a racer that died before READY must not keep the test waiting
            }
        }, "race-reader-" + index);
        reader.setDaemon(true);
        reader.start();
        return new Child(process, lines, ready, reader);
    }
}
