package dev.opsruns.dbscheduler;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.opsruns.core.ClaimPolicy;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunType;
import dev.opsruns.dbscheduler.internal.RunExecution;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs opsruns runs on a fleet of workers through db-scheduler, on PostgreSQL: the ledger stays the one
 * record of each run, db-scheduler only moves run ids to workers.
 *
 * <ul>
 *   <li>{@link #dispatch} turns a started run into a one-time execution of task {@value #TASK_NAME}
 *       whose instance id is the run id; dispatching a run again is a no-op while its execution exists.
 *   <li>The instance whose scheduler picks the execution claims the run
 *       ({@link dev.opsruns.core.RunRegistry#claim}), keeps the claim's lease alive and runs the
 *       {@link RunHandler} of the run's type. A run held by a live lease is delivered again when the
 *       lease expires; an ended run (or one out of attempts) is never worked on.
 *   <li>A worker that dies stops db-scheduler's heartbeats and the claim's: db-scheduler revives the
 *       dead execution (after four missed heartbeats, by default a quarter of the shortest lease each)
 *       and the next delivery takes the run over as the next attempt, up to the claim policy's limit.
 *   <li>A sweeper, safe on every instance, dispatches the runs the ledger says need a worker
 *       ({@link dev.opsruns.core.RunMaintenance#runsToDispatch}): pending runs whose dispatch was lost,
 *       and runs whose lease expired without an execution left.
 * </ul>
 *
 * <p>PostgreSQL only: create the table with {@link DbSchedulerMigrations#migrate(DataSource)}. H2 and
 * other embedded setups keep an in-process dispatcher.
 *
 * <pre>{@code
 * DbSchedulerMigrations.migrate(dataSource);
 * DbSchedulerDispatcher dispatcher = DbSchedulerDispatcher.builder(dataSource, ledger)
 *         .job(RunType.of("backup_set.add_policies"), (run, claim) -> addPolicies(run, claim))
 *         .build();
 * dispatcher.start();
 * if (outcome instanceof StartOutcome.Started started) dispatcher.dispatch(started.run().id());
 * }</pre>
 */
public final class DbSchedulerDispatcher implements AutoCloseable {

    /** The db-scheduler task every run is an execution of. */
    public static final String TASK_NAME = "opsruns-run";
    /** Default worker threads per instance. */
    public static final int DEFAULT_THREADS = 10;
    /** Default interval between db-scheduler's polls for due executions. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    /** Default interval between sweeps. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** The most runs one sweep dispatches. */
    public static final int SWEEP_LIMIT = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(DbSchedulerDispatcher.class);
    private static final TaskDescriptor<Void> TASK = TaskDescriptor.of(TASK_NAME, Void.class);
    /** A delivery that failed before claiming (the store was unreachable) is tried again this much later. */
    private static final Duration RETRY_AFTER_STORE_FAILURE = Duration.ofSeconds(5);

    private final RunLedger ledger;
    private final Scheduler scheduler;
    private final ScheduledExecutorService background;
    private final Duration sweepInterval;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private DbSchedulerDispatcher(Builder b) {
        this.ledger = b.ledger;
        this.sweepInterval = b.sweepInterval;
        AtomicInteger n = new AtomicInteger();
        this.background = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "opsruns-dbscheduler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        RunExecution execution = new RunExecution(ledger.registry(), b.handlers, background, ledger.config().clock());
        CustomTask<Void> task = Tasks.custom(TASK)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER_STORE_FAILURE))
                .onDeadExecutionRevive()
                .execute((instance, context) -> execution.execute(instance.getId()));
        Duration heartbeat = b.heartbeatInterval != null ? b.heartbeatInterval : defaultHeartbeat(b.handlers, ledger);
        this.scheduler = Scheduler.create(b.dataSource, List.of(task))
                .tableName(DbSchedulerMigrations.TABLE)
                .threads(b.threads)
                .pollingInterval(b.pollInterval)
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(4)
                .enableImmediateExecution()
                .pollUsingLockAndFetch(0.5, 1.0)
                .schedulerName(new SchedulerName.Fixed(b.name))
                .shutdownMaxWait(b.shutdownMaxWait)
                .failureLogging(LogLevel.WARN, true)
                .build();
    }

    /**
     * A quarter of the shortest lease among the handled types: db-scheduler declares an execution dead
     * after four missed heartbeats, so a dead worker's run is delivered again about when its lease ends.
     */
    private static Duration defaultHeartbeat(Map<RunType, RunHandler> handlers, RunLedger ledger) {
        ClaimPolicy policy = ledger.config().claimPolicy();
        Duration shortest = policy.lease();
        for (RunType type : handlers.keySet()) {
            Duration lease = policy.leaseFor(type);
            if (lease.compareTo(shortest) < 0) {
                shortest = lease;
            }
        }
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(250)) < 0 ? Duration.ofMillis(250) : quarter;
    }

    /**
     * @param dataSource the PostgreSQL database of the ledger (its {@value DbSchedulerMigrations#TABLE}
     *     table migrated)
     * @param ledger the ledger whose runs are dispatched
     * @return a builder
     * @throws InvalidRunInputException when an argument is null
     */
    public static Builder builder(DataSource dataSource, RunLedger ledger) {
        return new Builder(dataSource, ledger);
    }

    /** Starts polling for executions and sweeping. Idempotent. */
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("the dispatcher was closed");
        }
        if (started.compareAndSet(false, true)) {
            scheduler.start();
            long ms = sweepInterval.toMillis();
            background.scheduleWithFixedDelay(this::sweepQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Dispatches a run: schedules its execution to run now, unless it has one already (then nothing
     * happens). Safe to call any number of times, from any instance.
     *
     * @param runId the run
     * @return true when this call created the execution
     * @throws InvalidRunInputException when the run id is null
     */
    public boolean dispatch(RunId runId) {
        if (runId == null) {
            throw new InvalidRunInputException("runId", "is required but was null");
        }
        return scheduler.scheduleIfNotExists(TASK.instance(runId.toString()).scheduledTo(ledger.config().clock().instant()));
    }

    /**
     * One sweep: dispatches the runs the ledger says need a worker (expired leases, then pending runs,
     * at most {@value #SWEEP_LIMIT}). Runs that have an execution already are left alone.
     *
     * @return how many executions this sweep created
     */
    public int sweep() {
        int created = 0;
        for (RunId id : ledger.maintenance().runsToDispatch(SWEEP_LIMIT)) {
            if (dispatch(id)) {
                created++;
            }
        }
        if (created > 0) {
            LOG.info("sweep dispatched {} run(s) that had no execution", created);
        }
        return created;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // a scheduler thread has no one to tell; a sweep that dies would never run again
            LOG.warn("sweep failed; the next one tries again: {}", e.getMessage());
        }
    }

    /**
     * Stops sweeping and polling, and waits for running jobs up to the shutdown wait (then interrupts
     * them; their runs are taken over when their leases expire). Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            background.shutdownNow();
            if (started.get()) {
                scheduler.stop();
            }
        }
    }

    /** The settings of a {@link DbSchedulerDispatcher}. */
    public static final class Builder {
        private final DataSource dataSource;
        private final RunLedger ledger;
        private final Map<RunType, RunHandler> handlers = new HashMap<>();
        private int threads = DEFAULT_THREADS;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
        private Duration heartbeatInterval;
        private Duration shutdownMaxWait = Duration.ofSeconds(30);
        private String name = "opsruns-" + Long.toHexString(System.identityHashCode(this));

        private Builder(DataSource dataSource, RunLedger ledger) {
            if (dataSource == null) {
                throw new InvalidRunInputException("dataSource", "is required but was null");
            }
            if (ledger == null) {
                throw new InvalidRunInputException("ledger", "is required but was null");
            }
            this.dataSource = dataSource;
            this.ledger = ledger;
        }

        /**
         * @param runType a run type
         * @param handler its job
         * @return this builder
         * @throws InvalidRunInputException when an argument is null or the type has a job already
         */
        public Builder job(RunType runType, RunHandler handler) {
            if (runType == null || handler == null) {
                throw new InvalidRunInputException(runType == null ? "runType" : "handler", "is required but was null");
            }
            if (handlers.putIfAbsent(runType, handler) != null) {
                throw new InvalidRunInputException("runType", "already has a job: " + runType);
            }
            return this;
        }

        /**
         * @param value worker threads of this instance, 1-1,000 (default {@value #DEFAULT_THREADS})
         * @return this builder
         */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /**
         * @param value how often db-scheduler looks for due executions, 100 ms to 1 hour (default 5 s);
         *     dispatches on this instance start at once regardless
         * @return this builder
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        /**
         * @param value how often the sweeper runs, 100 ms to 1 hour (default 30 s)
         * @return this builder
         */
        public Builder sweepInterval(Duration value) {
            this.sweepInterval = value;
            return this;
        }

        /**
         * @param value db-scheduler's execution heartbeat, 100 ms to 1 hour; an execution is dead after
         *     four missed ones (default: a quarter of the shortest lease of the handled types, at least
         *     250 ms)
         * @return this builder
         */
        public Builder heartbeatInterval(Duration value) {
            this.heartbeatInterval = value;
            return this;
        }

        /**
         * @param value how long {@link #close()} waits for running jobs, 0 to 1 hour (default 30 s)
         * @return this builder
         */
        public Builder shutdownMaxWait(Duration value) {
            this.shutdownMaxWait = value;
            return this;
        }

        /**
         * @param value this instance's name in db-scheduler's table ({@code picked_by}), 1-100 chars
         * @return this builder
         */
        public Builder schedulerName(String value) {
            this.name = value;
            return this;
        }

        /**
         * @return the dispatcher, not started
         * @throws InvalidRunInputException naming a setting out of range, or when no job was given or
         *     the database is not PostgreSQL
         */
        public DbSchedulerDispatcher build() {
            if (handlers.isEmpty()) {
                throw new InvalidRunInputException("jobs", "at least one run type needs a job");
            }
            if (threads < 1 || threads > 1_000) {
                throw new InvalidRunInputException("threads", "must be 1-1000, but was " + threads);
            }
            range(pollInterval, Duration.ofMillis(100), "pollInterval");
            range(sweepInterval, Duration.ofMillis(100), "sweepInterval");
            if (heartbeatInterval != null) {
                range(heartbeatInterval, Duration.ofMillis(100), "heartbeatInterval");
            }
            range(shutdownMaxWait, Duration.ZERO, "shutdownMaxWait");
            if (name == null || name.isBlank() || name.length() > 100) {
                throw new InvalidRunInputException("schedulerName", "must be 1-100 characters, not blank");
            }
            DbSchedulerMigrations.requirePostgres(dataSource);
            return new DbSchedulerDispatcher(this);
        }

        private static void range(Duration value, Duration min, String field) {
            Objects.requireNonNull(field);
            if (value == null || value.compareTo(min) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
                throw new InvalidRunInputException(field, "must be " + (min.isZero() ? "0" : min.toMillis() + " ms")
                        + " to 1 hour, but was " + value);
            }
        }
    }
}
