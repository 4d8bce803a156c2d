package dev.opsruns.jdbi.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunStoreUnavailableException;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.jdbi.JdbiRunLedger;
import dev.opsruns.jdbi.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL server stopped and started while six threads start runs and report progress: calls
 * during the outage fail with the library's "store unavailable" exception, calls after it succeed
 * through the same pool, and the ledger stays consistent.
 */
@Tag("fault")
class DatabaseRestartTest {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    private static final PostgresCluster CLUSTER = PostgresCluster.local();
    private static final int THREADS = 6;
    private static final int KEYS = 12;

    @AfterAll
    static void leaveTheServerRunning() {
        if (CLUSTER != null && !CLUSTER.isReady()) {
            CLUSTER.start();
        }
    }

    @Test
    void calls_during_a_restart_fail_as_unavailable_and_afterwards_nothing_is_lost_doubled_or_duplicated() throws Exception {
        if (CLUSTER == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("pg_ctlcluster is needed to restart PostgreSQL (CI=true: the fault test must run)");
            }
            Assumptions.abort("no pg_ctlcluster on this machine");
        }
        DB.reset();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(DB.jdbcUrl());
        config.setUsername(DB.user());
        config.setPassword(DB.password());
        config.setMaximumPoolSize(THREADS);
        config.setConnectionTimeout(1_000); // fail fast while the server is down
        config.setValidationTimeout(500);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            RunLedger ledger = JdbiRunLedger.create(pool, RunsConfig.defaults());
            Map<RunId, LongAdder> acknowledged = new ConcurrentHashMap<>();
            Map<RunId, LongAdder> unknown = new ConcurrentHashMap<>();
            LongAdder successes = new LongAdder();
            LongAdder unavailable = new LongAdder();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread worker = new Thread(() -> work(ledger, acknowledged, unknown, successes, unavailable, errors, stop), "traffic-" + t);
                worker.start();
                workers.add(worker);
            }
            try {
                awaitGrowth(successes::sum, 200, "traffic before the outage");
                CLUSTER.stop();
                long unavailableBefore = unavailable.sum();
                awaitGrowth(unavailable::sum, 50, "store-unavailable refusals during the outage");
                assertTrue(unavailable.sum() > unavailableBefore);
                CLUSTER.start();
                awaitGrowth(successes::sum, 300, "traffic after the restart, through the same pool");
            } finally {
                stop.set(true);
                for (Thread w : workers) {
                    w.join(60_000);
                }
                if (!CLUSTER.isReady()) {
                    CLUSTER.start();
                }
            }
            System.out.printf("restart test: %d acknowledged increments on %d runs, %d store-unavailable refusals"
                    + " (%d with unknown outcome), %d other errors%n", successes.sum(), acknowledged.size(),
                    unavailable.sum(), unknown.values().stream().mapToLong(LongAdder::sum).sum(), errors.size());
            assertTrue(errors.isEmpty(), "only store-unavailable refusals are expected, but got: " + errors);
            assertTrue(unavailable.sum() > 0);

            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                ResultSet dup = s.executeQuery("SELECT tenant_id, idempotency_key, count(*) FROM opsruns_runs"
                        + " WHERE status IN ('pending', 'running') GROUP BY tenant_id, idempotency_key HAVING count(*) > 1");
                assertTrue(!dup.next(), "at most one active run per (tenant, key)");
                ResultSet rows = s.executeQuery("SELECT id, succeeded FROM opsruns_runs");
                Map<RunId, Long> stored = new HashMap<>();
                while (rows.next()) {
                    stored.put(new RunId(rows.getObject(1, UUID.class)), rows.getLong(2));
                }
                for (Map.Entry<RunId, Long> e : stored.entrySet()) {
                    long acked = sum(acknowledged.get(e.getKey()));
                    long maybe = sum(unknown.get(e.getKey()));
                    // Exact unless a COMMIT lost its answer: then the store said so (outcomeUnknown),
                    // and only those increments may be stored without an acknowledgement.
                    assertTrue(e.getValue() >= acked && e.getValue() <= acked + maybe,
                            "run " + e.getKey() + ": stored " + e.getValue() + ", acknowledged " + acked
                                    + ", outcome unknown " + maybe);
                }
                assertTrue(stored.keySet().containsAll(acknowledged.keySet()), "no acknowledged run is missing");
            }
        }
    }

    private static void work(RunLedger ledger, Map<RunId, LongAdder> acknowledged, Map<RunId, LongAdder> unknown,
            LongAdder successes,
            LongAdder unavailable, ConcurrentLinkedQueue<Throwable> errors, AtomicBoolean stop) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stop.get()) {
            RunId id = null;
            boolean reporting = false;
            try {
                StartRequest request = StartRequest.bySystem("restart-test", TenantId.of("restart-tenant"),
                        RunType.of("inventory.sync"), RunContext.builder().put("key", random.nextInt(KEYS)).build());
                id = ledger.registry().startOrReuse(request).run().id();
                ledger.registry().markRunning(id);
                reporting = true;
                ledger.registry().recordProgress(id, ProgressDelta.succeeded(1));
                reporting = false;
                acknowledged.computeIfAbsent(id, k -> new LongAdder()).increment();
                successes.increment();
                if (random.nextInt(25) == 0) {
                    ledger.registry().finish(id);
                }
            } catch (RunStoreUnavailableException e) {
                unavailable.increment();
                if (reporting && e.outcomeUnknown()) {
                    // the connection broke during COMMIT: the increment may or may not be stored
                    unknown.computeIfAbsent(id, k -> new LongAdder()).increment();
                }
            } catch (IllegalRunTransitionException e) {
                // another thread finished the run between our start and our report: a refusal, not an error
            } catch (Throwable e) {
                errors.add(e);
            }
        }
    }

    private static long sum(LongAdder adder) {
        return adder == null ? 0 : adder.sum();
    }

    private static void awaitGrowth(LongSupplier counter, long by, String what) throws InterruptedException {
        long target = counter.getAsLong() + by;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (counter.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                fail("waited 120 s for " + what + ": " + counter.getAsLong() + " of " + target);
            }
            Thread.sleep(50); // polling for an event, not waiting for time to pass
        }
    }

}
