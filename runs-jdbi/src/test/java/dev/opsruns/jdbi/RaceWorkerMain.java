package dev.opsruns.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One process of {@link MultiJvmStartRaceTest}: connects to the test's PostgreSQL database, prints
 * {@code READY}, waits for {@code GO} on stdin, then lets its threads race through the same keys
 * with {@code startOrReuse}, printing one line per outcome and {@code DONE} at the end:
 * <pre>
 * OUTCOME key-7 STARTED 0190...   (or REUSED)
 * ERROR key-7 SomeException: message
 * </pre>
 * Arguments: jdbcUrl user password tenant keys threads processIndex.
 */
public final class RaceWorkerMain {

    /** The run type every racer starts. */
    static final RunType RUN_TYPE = RunType.of("race.start");

    private RaceWorkerMain() {
    }

    /**
     * @param args jdbcUrl user password tenant keys threads processIndex
     * @throws Exception when the process cannot set itself up (the parent sees the exit code)
     */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        TenantId tenant = TenantId.of(args[3]);
        int keys = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        int process = Integer.parseInt(args[6]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Principal racer = new Principal("racer-" + process, "Racer " + process, Map.of(tenant, TenantRole.OPERATOR));

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(args[1]);
        config.setPassword(args[2]);
        config.setMaximumPoolSize(threads);
        config.setPoolName("race-" + process);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            JdbiRunLedger ledger = JdbiRunLedger.create(ds, RunsConfig.defaults());
            try {
                ledger.registry().get(RunId.generate(Clock.systemUTC())); // warms up: dialect, driver, pool
            } catch (RunNotFoundException expected) {
                // the warm-up asks for an id that does not exist
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (ds.getHikariPoolMXBean().getTotalConnections() < threads && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            out.println("READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String signal = in.readLine();
            if (!"GO".equals(signal)) {
                out.println("ERROR - no start signal, got " + signal);
                System.exit(2);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> racers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Integer> order = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    order.add(k);
                }
                Collections.shuffle(order, new Random(process * 1000L + t));
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int k : order) {
                        String key = "key-" + k;
                        try {
                            StartOutcome outcome = ledger.registry().startOrReuse(StartRequest.byUser(racer, tenant,
                                    RUN_TYPE, RunContext.builder().put("key", key).build()));
                            out.println("OUTCOME " + key + " " + (outcome.reused() ? "REUSED" : "STARTED") + " "
                                    + outcome.run().id());
                        } catch (RuntimeException e) {
                            out.println("ERROR " + key + " " + e.getClass().getSimpleName() + ": "
                                    + String.valueOf(e.getMessage()).replace('\n', ' '));
                        }
                    }
                }, "racer-" + process + "-" + t);
                racers.add(thread);
                thread.start();
            }
            go.countDown();
            for (Thread thread : racers) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
            out.println("DONE");
        }
    }
}
