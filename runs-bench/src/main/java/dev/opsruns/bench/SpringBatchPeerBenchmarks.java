package dev.opsruns.bench;

import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.RunId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JobRepositoryFactoryBean;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The peer beside opsruns: Spring Batch's JDBC {@link JobRepository} (spring-batch-core, wired without
 * Spring Boot, as shipped: its factory's defaults, SERIALIZABLE isolation for creates) over the same
 * HikariCP pool, on its own shipped schema ({@link SpringBatchSchema}). Three operations that mean what
 * opsruns' do:
 *
 * <ul>
 *   <li>{@link #newExecution}: {@code createJobExecution} with new identifying parameters (a new run);
 *   <li>{@link #runningRefused}: {@code createJobExecution} for an instance whose execution is running;
 *       Spring Batch refuses it with {@link JobExecutionAlreadyRunningException} (opsruns returns the
 *       active run), so that exception is this operation's expected answer;
 *   <li>{@link #stepUpdate}: one more item written on a step execution, {@code update(StepExecution)}
 *       (progress), each thread on a step of its own; beside it {@link #opsrunsProgress}, opsruns'
 *       {@code recordProgress} on a run of each thread's own.
 * </ul>
 *
 * Any other exception (serialization failures, optimistic-locking failures) is counted, not thrown, and
 * written with the count of expected refusals to {@value #ERRORS_FILE} at the end of the trial.
 */
@State(Scope.Benchmark)
public class SpringBatchPeerBenchmarks {

    /** Where the trial's error counts go, for {@link BenchMain} to read back: "errors refusals". */
    static final String ERRORS_FILE = "spring-batch-errors.txt";
    private static final String JOB = "bench-job";
    private static final ProgressDelta ONE = ProgressDelta.succeeded(1);

    private static final AtomicLong ERRORS = new AtomicLong();
    private static final AtomicLong REFUSALS = new AtomicLong();
    private static final AtomicLong NEXT = new AtomicLong();

    private Fixture fixture;
    private JobRepository repository;
    private JobParameters running;
    private final String batch = UUID.randomUUID().toString();

    /** Each thread's own step execution and opsruns run, for the progress pair. */
    @State(Scope.Thread)
    public static class Own {
        StepExecution step;
        RunId run;

        /**
         * @param peer the benchmark's shared state
         * @throws Exception when the step cannot be created
         */
        @Setup
        public void open(SpringBatchPeerBenchmarks peer) throws Exception {
            JobExecution execution = null;
            // Threads set up together: the peer's SERIALIZABLE creates fail each other, so try again (not measured).
            for (int attempt = 1; execution == null; attempt++) {
                try {
                    execution = peer.repository.createJobExecution(JOB, peer.parameters("own-" + UUID.randomUUID()));
                } catch (org.springframework.dao.ConcurrencyFailureException e) {
                    if (attempt == 20) {
                        throw e;
                    }
                    Thread.sleep(10L * attempt);
                }
            }
            step = execution.createStepExecution("step");
            peer.repository.add(step);
            run = peer.fixture.startRunning("peer-tenant", "inventory.sync");
        }
    }

    /**
     * Opens the pool, the ledger and the job repository, and starts the execution that stays running.
     *
     * @throws Exception when the repository cannot be built
     */
    @Setup
    public void open() throws Exception {
        fixture = Fixture.open();
        JobRepositoryFactoryBean factory = new JobRepositoryFactoryBean();
        factory.setDataSource(fixture.dataSource);
        factory.setTransactionManager(new JdbcTransactionManager(fixture.dataSource));
        factory.setDatabaseType(fixture.database() == Database.POSTGRES ? "POSTGRES" : "H2");
        factory.afterPropertiesSet();
        repository = factory.getObject();
        running = parameters("running");
        JobExecution execution = repository.createJobExecution(JOB, running);
        execution.setStatus(BatchStatus.STARTED);
        repository.update(execution);
    }

    /** Writes the error counts and closes the pool. */
    @TearDown
    public void close() {
        try {
            Files.writeString(fixture.env.outDir().resolve(ERRORS_FILE),
                    String.format(Locale.ROOT, "%d %d%n", ERRORS.get(), REFUSALS.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            fixture.close();
        }
    }

    private JobParameters parameters(String key) {
        return new JobParametersBuilder().addString("batch", batch).addString("key", key).toJobParameters();
    }

    /** @return the new execution, or null when the repository threw (counted) */
    @Benchmark
    public JobExecution newExecution() {
        try {
            return repository.createJobExecution(JOB, parameters("n" + NEXT.getAndIncrement()));
        } catch (Exception e) {
            ERRORS.incrementAndGet();
            return null;
        }
    }

    /** @return the refusal, as Spring Batch answers a start of a running instance */
    @Benchmark
    public Exception runningRefused() {
        try {
            repository.createJobExecution(JOB, running);
            ERRORS.incrementAndGet(); // a second execution of a running instance: wrong, and counted
            return null;
        } catch (JobExecutionAlreadyRunningException e) {
            REFUSALS.incrementAndGet();
            return e;
        } catch (Exception e) {
            ERRORS.incrementAndGet();
            return e;
        }
    }

    /**
     * One more item written on this thread's step execution.
     *
     * @param own this thread's step
     */
    @Benchmark
    public void stepUpdate(Own own) {
        try {
            own.step.setWriteCount(own.step.getWriteCount() + 1);
            repository.update(own.step);
        } catch (RuntimeException e) {
            ERRORS.incrementAndGet();
        }
    }

    /**
     * opsruns' side of the progress pair: one success on this thread's own running run.
     *
     * @param own this thread's run
     */
    @Benchmark
    public void opsrunsProgress(Own own) {
        fixture.registry.recordProgress(own.run, ONE);
    }
}
