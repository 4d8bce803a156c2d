package dev.opsruns.example;

import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.ClaimPolicy;
import dev.opsruns.core.RetentionPolicy;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunLinkTemplate;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StaleRunPolicy;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.auth.SessionStore;
import dev.opsruns.example.backup.AddPolicies;
import dev.opsruns.example.backup.AddPoliciesJob;
import dev.opsruns.example.backup.AddPoliciesService;
import dev.opsruns.example.backup.BackupSetLink;
import dev.opsruns.example.backup.BackupSetRepository;
import dev.opsruns.example.db.AppDatabase;
import dev.opsruns.example.db.AppMigrations;
import dev.opsruns.example.drift.DriftFindingRepository;
import dev.opsruns.example.drift.DriftFindingsLink;
import dev.opsruns.example.drift.DriftGeneration;
import dev.opsruns.example.drift.DriftGenerationJob;
import dev.opsruns.example.drift.DriftGenerationService;
import dev.opsruns.example.inventory.InventoryRepository;
import dev.opsruns.example.jobs.DbSchedulerJobDispatcher;
import dev.opsruns.example.jobs.InProcessJobDispatcher;
import dev.opsruns.example.jobs.JobDispatcher;
import dev.opsruns.example.jobs.JobRunner;
import dev.opsruns.example.jobs.PendingRunRecovery;
import dev.opsruns.example.jobs.RetryingRunRegistry;
import dev.opsruns.example.jobs.StoreRetry;
import dev.opsruns.example.jobs.SweepingJobDispatcher;
import dev.opsruns.example.jobs.WorkerHeartbeat;
import dev.opsruns.example.maintenance.LedgerMaintenanceScheduler;
import dev.opsruns.example.ops.HealthCheck;
import dev.opsruns.example.ops.LoggedRunLedger;
import dev.opsruns.example.policy.DemoPolicySource;
import dev.opsruns.example.policy.PolicyRepository;
import dev.opsruns.example.policy.PolicySource;
import dev.opsruns.example.policy.SourceRetryPolicy;
import dev.opsruns.example.seed.DemoSeeder;
import dev.opsruns.example.tenancy.DemoUserCard;
import dev.opsruns.example.tenancy.Tenant;
import dev.opsruns.example.tenancy.UserDirectory;
import dev.opsruns.example.web.HttpApi;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running reference app: database pool and migrations, demo seed, run ledger, job workers,
 * maintenance schedule and HTTP API, started in that order and stopped in reverse. Tests start it
 * in-process on a random port ({@code port(0)}).
 *
 * <pre>{@code
 * try (ExampleAppServer app = ExampleAppServer.start(AppConfig.builder().port(0).build())) {
 *     URI base = app.baseUri();
 * }
 * }</pre>
 */
public final class ExampleAppServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExampleAppServer.class);

    /** The run types this app produces. */
    public static final Set<RunType> RUN_TYPES = Set.of(DriftGeneration.RUN_TYPE, AddPolicies.RUN_TYPE);

    private final AppConfig config;
    private final AppDatabase database;
    private final HikariDataSource dataSource;
    private final RunLedger ledger;
    private final UserDirectory users;
    private final Map<String, String> issuedTokens;
    private final JobDispatcher dispatcher;
    private final JobRunner runner;
    private final LedgerMaintenanceScheduler maintenance;
    private final Javalin http;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ExampleAppServer(Builder b) {
        this.config = b.config;
        AppDatabase openedDatabase = AppDatabase.open(config);
        HikariDataSource pool = openedDatabase.pool();
        RunLedger openedLedger = null;
        JobDispatcher openedDispatcher = null;
        JobRunner openedRunner = null;
        LedgerMaintenanceScheduler openedMaintenance = null;
        try {
            RunsConfig runsConfig = RunsConfig.builder()
                    .clock(b.clock)
                    .linkTemplate(RunLinkTemplate.standard())
                    .relatedLinks(DriftGeneration.RUN_TYPE, new DriftFindingsLink())
                    .relatedLinks(AddPolicies.RUN_TYPE, new BackupSetLink())
                    .claimPolicy(ClaimPolicy.defaults().withLease(config.claimLease())
                            .withMaxAttempts(config.claimMaxAttempts()))
                    .build();
            // Every run transition through this ledger logs one line (the reaper's are logged by the scheduler).
            openedLedger = new LoggedRunLedger(b.ledgerFactory.open(pool, runsConfig));
            int applied = AppMigrations.migrate(pool);
            LOG.info("app schema: {} migration(s) applied", applied);
            Jdbi jdbi = Jdbi.create(pool);
            DemoSeeder seeder = new DemoSeeder(jdbi, b.clock);
            if (config.seedDemoData() && seeder.seedIfEmpty()) {
                LOG.info("demo data seeded");
            }
            this.issuedTokens = seeder.issuedTokens();
            UserDirectory userDirectory = new UserDirectory(jdbi);
            InventoryRepository inventory = new InventoryRepository(jdbi);
            DriftFindingRepository findings = new DriftFindingRepository(jdbi);
            BackupSetRepository backupSets = new BackupSetRepository(jdbi);
            PolicyRepository policies = new PolicyRepository(jdbi);
            PolicySource source = b.policySource.apply(policies);
            SourceRetryPolicy retry = new SourceRetryPolicy(config.sourceAttempts(), config.sourceBackoff(),
                    config.sourceMaxBackoff());

            // Jobs claim their run first, then write through bounded retries; their claims get a heartbeat
            // while they run, so a run whose worker is gone is taken over (or reaped) within seconds.
            StoreRetry storeRetry = new StoreRetry(config.storeRetryTimeout());
            RunRegistry jobRegistry = new RetryingRunRegistry(openedLedger.registry(), storeRetry);
            JobRunner runner = new JobRunner(openedLedger.registry(), List.of(
                    new DriftGenerationJob(jobRegistry, inventory, findings, storeRetry, b.clock),
                    new AddPoliciesJob(jobRegistry, backupSets, source, retry, storeRetry, b.clock)),
                    storeRetry, new WorkerHeartbeat(openedLedger.registry(), heartbeatInterval(config)));
            openedRunner = runner;
            openedDispatcher = b.dispatcherFactory != null ? b.dispatcherFactory.apply(runner)
                    : defaultDispatcher(config, pool, openedLedger, runner);
            List<TenantId> tenants = userDirectory.tenants().stream().map(Tenant::id).toList();
            PendingRunRecovery.redispatch(openedLedger.queries(), tenants, runner.runTypes(), openedDispatcher);

            openedMaintenance = new LedgerMaintenanceScheduler(openedLedger.maintenance(), openedLedger.registry(), b.clock,
                    new StaleRunPolicy(config.staleHeartbeatTimeout(), Map.of(), config.queueTimeout(),
                            StaleRunPolicy.DEFAULT_MAX_RUNS_PER_PASS),
                    config.reaperInterval(),
                    new RetentionPolicy(config.retention(), RetentionPolicy.DEFAULT_BATCH_SIZE),
                    config.purgeInterval());

            HttpApi.Services services = new HttpApi.Services(openedLedger, userDirectory,
                    new SessionStore(b.clock, SessionStore.DEFAULT_LIFETIME),
                    new DriftGenerationService(openedLedger, inventory, openedDispatcher),
                    new AddPoliciesService(openedLedger, backupSets, policies, openedDispatcher),
                    inventory, findings, backupSets, policies, RUN_TYPES, config.maxBodyBytes(),
                    new HealthCheck(pool, openedLedger.queries(), () -> userDirectory.tenants().stream().map(Tenant::id).toList(),
                            runner.runTypes(), config.workerHeartbeatInterval(), config.staleHeartbeatTimeout(),
                            openedMaintenance, b.clock),
                    config.secureCookies(), config.retention());
            this.http = HttpApi.start(services, config.host(), config.port());
            this.database = openedDatabase;
            this.dataSource = pool;
            this.ledger = openedLedger;
            this.users = userDirectory;
            this.dispatcher = openedDispatcher;
            this.runner = openedRunner;
            this.maintenance = openedMaintenance;
        } catch (RuntimeException e) {
            if (openedMaintenance != null) {
                openedMaintenance.close();
            }
            if (openedDispatcher != null) {
                openedDispatcher.shutdown(Duration.ZERO);
            }
            if (openedRunner != null) {
                openedRunner.close();
            }
            openedDatabase.close();
            throw e;
        }
    }

    /** @return how often running jobs' claims get a heartbeat: the setting, and at least three per lease */
    private static Duration heartbeatInterval(AppConfig config) {
        Duration perLease = config.claimLease().dividedBy(3);
        return perLease.compareTo(config.workerHeartbeatInterval()) < 0 ? perLease : config.workerHeartbeatInterval();
    }

    /**
     * The dispatcher the settings choose. Both claim before a job works, so instances of the app on one
     * database never run one run twice: db-scheduler delivers each run to one instance, and the
     * in-process pool's sweeper offers every instance the runs that need a worker.
     */
    private static JobDispatcher defaultDispatcher(AppConfig config, DataSource pool, RunLedger ledger, JobRunner runner) {
        return switch (config.dispatcher()) {
            case IN_PROCESS -> new SweepingJobDispatcher(new InProcessJobDispatcher(runner, config.workerThreads()),
                    ledger.maintenance(), config.dispatchPollInterval());
            case DB_SCHEDULER -> new DbSchedulerJobDispatcher(pool, ledger, runner.jobs(), config.workerThreads(),
                    config.dispatchPollInterval(), config.shutdownGrace(),
                    "opsruns-app-" + ProcessHandle.current().pid() + "-" + config.port());
        };
    }

    /**
     * Starts the app with the defaults for everything but the settings.
     *
     * @param config the settings
     * @return the running app
     */
    public static ExampleAppServer start(AppConfig config) {
        return builder(config).start();
    }

    /**
     * @param config the settings
     * @return a builder to replace parts (clock, ledger, job dispatcher, policy source) before starting
     */
    public static Builder builder(AppConfig config) {
        return new Builder(config);
    }

    /** @return the port the HTTP server listens on */
    public int port() {
        return http.port();
    }

    /** @return the base URL, such as {@code http://127.0.0.1:7070} */
    public String baseUrl() {
        String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
        return "http://" + host + ":" + port();
    }

    /** @return the settings it runs with */
    public AppConfig config() {
        return config;
    }

    /** @return the run ledger */
    public RunLedger ledger() {
        return ledger;
    }

    /** @return the database pool */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return the database: which one, and the embedded server's port if the app started one */
    public AppDatabase database() {
        return database;
    }

    /** @return the maintenance schedule, to run a pass now */
    public LedgerMaintenanceScheduler maintenance() {
        return maintenance;
    }

    /** @return the users with their roles */
    public List<DemoUserCard> demoUsers() {
        return users.userCards();
    }

    /** @return the app's users, their memberships and bearer tokens */
    public UserDirectory users() {
        return users;
    }

    /**
     * @return the bearer tokens created at this start (when the demo data was seeded), by user id; empty
     *     on later starts, since only the tokens' hashes are stored. Show them once.
     */
    public Map<String, String> issuedTokens() {
        return issuedTokens;
    }

    /**
     * Graceful shutdown: stops taking HTTP requests, stops taking jobs and waits up to the shutdown
     * grace for running ones, stops the maintenance schedule, then closes the pool and stops the embedded
     * database: never before the jobs are done with it. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("shutting down");
        try {
            http.stop();
        } finally {
            try {
                dispatcher.shutdown(config.shutdownGrace());
            } finally {
                runner.close();
                maintenance.close();
                database.close();
            }
        }
    }

    /** Replaces parts of the app before it starts; everything defaults to the production wiring. */
    public static final class Builder {
        private final AppConfig config;
        private Clock clock = Clock.systemUTC();
        private LedgerFactory ledgerFactory = LedgerFactory.durable();
        private Function<JobRunner, JobDispatcher> dispatcherFactory;
        private Function<PolicyRepository, PolicySource> policySource;

        private Builder(AppConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            this.policySource = policies -> new DemoPolicySource(policies, config.demoSourceLatency(),
                    new StoreRetry(config.storeRetryTimeout()));
            // dispatcherFactory null: the dispatcher the settings choose (see defaultDispatcher)
        }

        /** @param value the clock of the ledger and the app @return this builder */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @param value how the run ledger is opened (default: the durable JDBI store) @return this builder */
        public Builder ledgerFactory(LedgerFactory value) {
            this.ledgerFactory = Objects.requireNonNull(value, "ledgerFactory");
            return this;
        }

        /**
         * @param value builds the job dispatcher around the job runner (default: the one the settings
         *     choose, the in-process pool with its sweeper or db-scheduler) @return this builder
         */
        public Builder jobDispatcher(Function<JobRunner, JobDispatcher> value) {
            this.dispatcherFactory = Objects.requireNonNull(value, "jobDispatcher");
            return this;
        }

        /** @param value builds the policy source from the catalogue (default: the demo source) @return this builder */
        public Builder policySource(Function<PolicyRepository, PolicySource> value) {
            this.policySource = Objects.requireNonNull(value, "policySource");
            return this;
        }

        /** @return the running app */
        public ExampleAppServer start() {
            return new ExampleAppServer(this);
        }
    }
}
