package dev.opsruns.jdbi.fault;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.JdbiRunLedger;

/**
 * A worker process for {@link KilledWorkerTest}: starts the test's run, marks it running, reports
 * progress and prints {@code RUNNING <runId>} once some progress is committed, then keeps working
 * until it is killed (or gives up after a minute, so a broken test never leaves it behind).
 */
public final class KilledWorkerMain {

    private KilledWorkerMain() {
    }

    /**
     * @param args JDBC URL, user, password
     * @throws Exception when the worker cannot start
     */
    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setPassword(args.length > 2 ? args[2] : "");
        config.setMaximumPoolSize(2);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            RunRegistry runs = JdbiRunLedger.create(ds, RunsConfig.defaults()).registry();
            RunId id = runs.startOrReuse(KilledWorkerTest.request()).run().id();
            runs.markRunning(id);
            runs.setTotal(id, 10_000);
            for (int i = 0; i < 3; i++) {
                runs.recordProgress(id, ProgressDelta.succeeded(1));
            }
            System.out.println("RUNNING " + id);
            System.out.flush();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                runs.recordProgress(id, ProgressDelta.succeeded(1));
                Thread.sleep(20); // a worker doing real work between items
            }
            System.exit(3);
        }
    }
}
