package dev.opsruns.example.jobs;

import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunType;
import dev.opsruns.dbscheduler.DbSchedulerDispatcher;
import dev.opsruns.dbscheduler.DbSchedulerMigrations;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The fleet dispatcher: runs go to whichever instance's db-scheduler picks them, on the app's
 * PostgreSQL database (runs-dbscheduler). The app's jobs run there after the run is claimed.
 */
public final class DbSchedulerJobDispatcher implements JobDispatcher {

    private final DbSchedulerDispatcher dispatcher;

    /**
     * Migrates db-scheduler's table and starts polling.
     *
     * @param dataSource the app's PostgreSQL database
     * @param ledger the run ledger
     * @param jobs the app's jobs by run type
     * @param threads worker threads of this instance
     * @param pollInterval how often it polls and sweeps
     * @param shutdownWait how long a shutdown waits for running jobs
     * @param name this instance's name in db-scheduler's table
     */
    public DbSchedulerJobDispatcher(DataSource dataSource, RunLedger ledger, Map<RunType, RunJob> jobs, int threads,
            Duration pollInterval, Duration shutdownWait, String name) {
        DbSchedulerMigrations.migrate(dataSource);
        DbSchedulerDispatcher.Builder b = DbSchedulerDispatcher.builder(dataSource, ledger)
                .threads(threads)
                .pollInterval(pollInterval)
                .sweepInterval(pollInterval)
                .shutdownMaxWait(shutdownWait)
                .schedulerName(name);
        jobs.forEach((type, job) -> b.job(type, job::execute));
        this.dispatcher = b.build();
        dispatcher.start();
    }

    @Override
    public boolean dispatch(RunId runId) {
        dispatcher.dispatch(runId); // false only means it was dispatched already
        return true;
    }

    @Override
    public void shutdown(Duration grace) {
        dispatcher.close();
    }
}
