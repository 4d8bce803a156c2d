package dev.opsruns.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.jdbi.JdbiRunLedger;
import java.util.UUID;

/**
 * What every benchmark of one forked JVM works with: one HikariCP pool, and a ledger on that same
 * pool, so the library and its baseline differ only in the code between the caller and the driver.
 *
 * <p>Not a JMH state itself: each benchmark class is a {@code Scope.Benchmark} state that opens a
 * fixture in its trial setup and closes it, last, in its one trial teardown (JMH does not promise an
 * order between the teardowns of separate states).
 */
final class Fixture implements AutoCloseable {

    /** Every run this module starts is a system start: no notification rows are written. */
    static final String SYSTEM = "opsruns-bench";
    /**
     * Item failures stored per run. Raised from the default 100 so that the item-failure benchmark
     * measures the full path (sanitize, count, store a row) rather than the counter-only path past the
     * cap; that benchmark moves to a fresh run well before the cap.
     */
    static final int ITEM_FAILURE_CAP = 10_000;

    final BenchEnv env;
    final HikariDataSource dataSource;
    final RunLedger ledger;
    final RunRegistry registry;

    private Fixture(BenchEnv env) {
        this.env = env;
        this.dataSource = Pools.open(env, Pools.BENCH_POOL_SIZE, "opsruns-bench");
        this.ledger = JdbiRunLedger.create(dataSource, RunsConfig.builder().itemFailureCap(ITEM_FAILURE_CAP).build());
        this.registry = ledger.registry();
    }

    /** @return a fixture on the database named by this JVM's system properties */
    static Fixture open() {
        return new Fixture(BenchEnv.fromSystemProperties());
    }

    Database database() {
        return env.database();
    }

    /**
     * Starts a run that nothing else uses and marks it running.
     *
     * @param tenant its tenant
     * @param runType its type
     * @return its id
     */
    RunId startRunning(String tenant, String runType) {
        RunContext context = RunContext.builder().put("scope_key", "bench-" + UUID.randomUUID()).build();
        RunId id = registry.startOrReuse(StartRequest.bySystem(SYSTEM, TenantId.of(tenant), RunType.of(runType), context))
                .run().id();
        registry.markRunning(id);
        return id;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
