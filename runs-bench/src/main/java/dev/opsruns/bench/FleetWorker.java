package dev.opsruns.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.dbscheduler.DbSchedulerDispatcher;
import dev.opsruns.dbscheduler.DbSchedulerMigrations;
import dev.opsruns.jdbi.JdbiRunLedger;
import java.io.IOException;
import java.time.Duration;

/**
 * One worker JVM of {@link FleetBench}: {@code java -cp opsruns-benchmarks.jar dev.opsruns.bench.FleetWorker
 * opsruns|bare URL USER NAME}. {@code opsruns} runs a {@link DbSchedulerDispatcher} whose job for
 * {@link FleetBench#RUN_TYPE} only finishes the claimed run; {@code bare} runs db-scheduler alone with
 * the same settings and a task that does nothing. Prints {@code READY} once polling, and stops when its
 * standard input closes (the parent ends it so).
 */
public final class FleetWorker {

    private FleetWorker() {
    }

    /**
     * @param args mode, JDBC URL, user, scheduler name
     * @throws IOException when standard input fails
     */
    public static void main(String[] args) throws IOException {
        String mode = args[0];
        try (HikariDataSource ds = Pools.open(args[1], args[2], FleetBench.WORKER_THREADS + 4, "fleet-" + args[3])) {
            AutoCloseable worker = mode.equals("opsruns") ? opsruns(ds, args[3]) : bare(ds, args[3]);
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // the parent closes our standard input to stop us
            }
            worker.close();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static AutoCloseable opsruns(HikariDataSource ds, String name) {
        RunLedger ledger = JdbiRunLedger.create(ds, RunsConfig.defaults());
        DbSchedulerDispatcher dispatcher = DbSchedulerDispatcher.builder(ds, ledger)
                .job(RunType.of(FleetBench.RUN_TYPE), (run, claim) -> ledger.registry().finish(claim))
                .threads(FleetBench.WORKER_THREADS)
                .pollInterval(FleetBench.POLL)
                .schedulerName(name)
                .build();
        dispatcher.start();
        return dispatcher;
    }

    private static AutoCloseable bare(HikariDataSource ds, String name) {
        OneTimeTask<Void> noop = Tasks.oneTime(FleetBench.BARE_TASK).execute((instance, context) -> { });
        Scheduler scheduler = Scheduler.create(ds, noop)
                .tableName(DbSchedulerMigrations.TABLE)
                .threads(FleetBench.WORKER_THREADS)
                .pollingInterval(FleetBench.POLL)
                .pollUsingLockAndFetch(0.5, 1.0)
                .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(name))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
        scheduler.start();
        return scheduler::stop;
    }
}
