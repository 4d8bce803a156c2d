package dev.opsruns.example;

import dev.opsruns.example.db.EmbeddedEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference app's settings, immutable and validated once (in {@link Builder#build()}). Read them
 * from the environment with {@link #fromEnvironment(Map)}; every variable is optional and its default
 * is the {@code DEFAULT_*} constant of the same name (README-app.md lists them).
 *
 * <p>Durations accept {@code 250ms}, {@code 60s}, {@code 10m}, {@code 1h}, {@code 90d} or ISO-8601
 * ({@code PT60S}, {@code P90D}).
 */
public final class AppConfig {

    /** Interface the HTTP server binds to; the demo signs people in with one click, so loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** HTTP port; 0 picks a free one. */
    public static final int DEFAULT_PORT = 7070;
    /** Folder of the embedded database, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    /** The database used when no URL is given: PostgreSQL, started by the app (README: durability). */
    public static final EmbeddedEngine DEFAULT_EMBEDDED_DB = EmbeddedEngine.POSTGRESQL;
    /** How long a caller waits for a pooled connection before the database counts as unreachable. */
    public static final Duration DEFAULT_DB_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Connections in the pool. */
    public static final int DEFAULT_DB_POOL_SIZE = 10;
    /** Threads of the in-process job worker pool. */
    public static final int DEFAULT_WORKER_THREADS = 4;
    /** How long a graceful shutdown waits for running jobs. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    /** How often the stale-run reaper runs. */
    public static final Duration DEFAULT_REAPER_INTERVAL = Duration.ofSeconds(5);
    /**
     * A running run whose heartbeat is older than this is ended as {@code run.stale}. Every job of this
     * app heartbeats each {@link #DEFAULT_WORKER_HEARTBEAT_INTERVAL}, so only a run whose worker is gone
     * gets this old.
     */
    public static final Duration DEFAULT_STALE_HEARTBEAT_TIMEOUT = Duration.ofSeconds(20);
    /** How often the app refreshes the heartbeat of each run its workers are running. */
    public static final Duration DEFAULT_WORKER_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    /** How long a job retries a failed store write (with backoff) before it gives the run up. */
    public static final Duration DEFAULT_STORE_RETRY_TIMEOUT = Duration.ofSeconds(8);
    /** A pending run not started within this is ended as {@code run.never_started}. */
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofMinutes(30);
    /** How often the retention purge runs. */
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofHours(1);
    /** Ended runs older than this are purged. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    /** The largest accepted request body. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** Attempts per policy when the policy source throttles. */
    public static final int DEFAULT_SOURCE_ATTEMPTS = 3;
    /** First wait after a throttled policy-source call; doubles per attempt. */
    public static final Duration DEFAULT_SOURCE_BACKOFF = Duration.ofMillis(200);
    /** How long each call to the demo policy source takes (a remote API's latency; zero: none). */
    public static final Duration DEFAULT_DEMO_SOURCE_LATENCY = Duration.ZERO;
    /** Longest wait between policy-source attempts, whatever Retry-After says. */
    public static final Duration DEFAULT_SOURCE_MAX_BACKOFF = Duration.ofSeconds(2);

    /**
     * The embedded H2 file's settings: the app closes the database itself after its jobs, so H2's own
     * shutdown hook must not (DB_CLOSE_ON_EXIT=FALSE).
     */
    private static final String H2_SETTINGS = ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE";
    /** Session cookies without {@code Secure}: the demo runs on plain HTTP. */
    public static final boolean DEFAULT_SECURE_COOKIES = false;

    /** Which dispatcher hands runs to workers. */
    public enum Dispatcher {
        /** A worker pool in this process (the default; H2 or PostgreSQL). */
        IN_PROCESS,
        /** db-scheduler on the app's PostgreSQL database: the instances of a fleet share the work. */
        DB_SCHEDULER
    }

    /** The in-process pool. */
    public static final Dispatcher DEFAULT_DISPATCHER = Dispatcher.IN_PROCESS;
    /**
     * The share of {@link #staleHeartbeatTimeout()} a worker's claim lasts without a heartbeat, when no
     * lease is set: a run whose worker is gone is taken over by another instance before the reaper would
     * end it, and a live worker (heartbeat each {@link #DEFAULT_WORKER_HEARTBEAT_INTERVAL}) keeps it.
     */
    public static final double DEFAULT_CLAIM_LEASE_SHARE = 0.75;
    /** Claims a run may have: the first and two takeovers. */
    public static final int DEFAULT_CLAIM_MAX_ATTEMPTS = 3;
    /** How often the dispatcher looks for work (db-scheduler's poll) and sweeps for runs that need a worker. */
    public static final Duration DEFAULT_DISPATCH_POLL_INTERVAL = Duration.ofSeconds(5);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private final String host;
    private final int port;
    private final Path dataDir;
    private final EmbeddedEngine embeddedDb;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final int dbPoolSize;
    private final Duration dbConnectTimeout;
    private final int workerThreads;
    private final Duration workerHeartbeatInterval;
    private final Duration storeRetryTimeout;
    private final Duration shutdownGrace;
    private final Duration reaperInterval;
    private final Duration staleHeartbeatTimeout;
    private final Duration queueTimeout;
    private final Duration purgeInterval;
    private final Duration retention;
    private final boolean seedDemoData;
    private final int maxBodyBytes;
    private final int sourceAttempts;
    private final Duration sourceBackoff;
    private final Duration sourceMaxBackoff;
    private final Duration demoSourceLatency;
    private final boolean secureCookies;
    private final Dispatcher dispatcher;
    private final Duration claimLease;
    private final int claimMaxAttempts;
    private final Duration dispatchPollInterval;

    private AppConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.dataDir = b.dataDir;
        this.embeddedDb = b.embeddedDb;
        this.dbUrl = b.dbUrl;
        this.dbUser = b.dbUser;
        this.dbPassword = b.dbPassword;
        this.dbPoolSize = b.dbPoolSize;
        this.dbConnectTimeout = b.dbConnectTimeout;
        this.workerThreads = b.workerThreads;
        this.workerHeartbeatInterval = b.workerHeartbeatInterval;
        this.storeRetryTimeout = b.storeRetryTimeout;
        this.shutdownGrace = b.shutdownGrace;
        this.reaperInterval = b.reaperInterval;
        this.staleHeartbeatTimeout = b.staleHeartbeatTimeout;
        this.queueTimeout = b.queueTimeout;
        this.purgeInterval = b.purgeInterval;
        this.retention = b.retention;
        this.seedDemoData = b.seedDemoData;
        this.maxBodyBytes = b.maxBodyBytes;
        this.sourceAttempts = b.sourceAttempts;
        this.sourceBackoff = b.sourceBackoff;
        this.sourceMaxBackoff = b.sourceMaxBackoff;
        this.demoSourceLatency = b.demoSourceLatency;
        this.secureCookies = b.secureCookies;
        this.dispatcher = b.dispatcher;
        this.claimLease = b.effectiveClaimLease();
        this.claimMaxAttempts = b.claimMaxAttempts;
        this.dispatchPollInterval = b.dispatchPollInterval;
    }

    /** @return which dispatcher hands runs to workers */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** @return the lease of a worker's claim */
    public Duration claimLease() {
        return claimLease;
    }

    /** @return how many claims a run may have */
    public int claimMaxAttempts() {
        return claimMaxAttempts;
    }

    /** @return how often the dispatcher polls and sweeps */
    public Duration dispatchPollInterval() {
        return dispatchPollInterval;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the settings from environment variables ({@code OPSRUNS_PORT}, {@code OPSRUNS_DB_URL}, ...).
     *
     * @param env the environment, usually {@code System.getenv()}
     * @return the settings
     * @throws IllegalArgumentException naming the variable whose value is not accepted
     */
    public static AppConfig fromEnvironment(Map<String, String> env) {
        Builder b = builder();
        EnvReader r = new EnvReader(env);
        r.text("OPSRUNS_HOST").ifPresent(b::host);
        r.integer("OPSRUNS_PORT").ifPresent(b::port);
        r.text("OPSRUNS_DATA_DIR").ifPresent(v -> b.dataDir(Path.of(v)));
        r.engine("OPSRUNS_EMBEDDED_DB").ifPresent(b::embeddedDb);
        r.text("OPSRUNS_DB_URL").ifPresent(b::dbUrl);
        r.text("OPSRUNS_DB_USER").ifPresent(b::dbUser);
        r.raw("OPSRUNS_DB_PASSWORD").ifPresent(b::dbPassword);
        r.integer("OPSRUNS_DB_POOL_SIZE").ifPresent(b::dbPoolSize);
        r.duration("OPSRUNS_DB_CONNECT_TIMEOUT").ifPresent(b::dbConnectTimeout);
        r.integer("OPSRUNS_WORKER_THREADS").ifPresent(b::workerThreads);
        r.duration("OPSRUNS_WORKER_HEARTBEAT_INTERVAL").ifPresent(b::workerHeartbeatInterval);
        r.duration("OPSRUNS_STORE_RETRY_TIMEOUT").ifPresent(b::storeRetryTimeout);
        r.duration("OPSRUNS_SHUTDOWN_GRACE").ifPresent(b::shutdownGrace);
        r.duration("OPSRUNS_REAPER_INTERVAL").ifPresent(b::reaperInterval);
        r.duration("OPSRUNS_STALE_HEARTBEAT_TIMEOUT").ifPresent(b::staleHeartbeatTimeout);
        r.duration("OPSRUNS_QUEUE_TIMEOUT").ifPresent(b::queueTimeout);
        r.duration("OPSRUNS_PURGE_INTERVAL").ifPresent(b::purgeInterval);
        r.duration("OPSRUNS_RETENTION").ifPresent(b::retention);
        r.bool("OPSRUNS_SEED_DEMO_DATA").ifPresent(b::seedDemoData);
        r.integer("OPSRUNS_MAX_BODY_BYTES").ifPresent(b::maxBodyBytes);
        r.integer("OPSRUNS_POLICY_SOURCE_ATTEMPTS").ifPresent(b::sourceAttempts);
        r.duration("OPSRUNS_POLICY_SOURCE_BACKOFF").ifPresent(b::sourceBackoff);
        r.duration("OPSRUNS_POLICY_SOURCE_MAX_BACKOFF").ifPresent(b::sourceMaxBackoff);
        r.duration("OPSRUNS_DEMO_SOURCE_LATENCY").ifPresent(b::demoSourceLatency);
        r.bool("OPSRUNS_SECURE_COOKIES").ifPresent(b::secureCookies);
        r.text("OPSRUNS_DISPATCHER").ifPresent(v -> b.dispatcher(switch (v.toLowerCase(Locale.ROOT)) {
            case "in-process" -> Dispatcher.IN_PROCESS;
            case "db-scheduler" -> Dispatcher.DB_SCHEDULER;
            default -> throw new IllegalArgumentException("OPSRUNS_DISPATCHER must be in-process or db-scheduler, but was '"
                    + v + "'");
        }));
        r.duration("OPSRUNS_CLAIM_LEASE").ifPresent(b::claimLease);
        r.integer("OPSRUNS_CLAIM_MAX_ATTEMPTS").ifPresent(b::claimMaxAttempts);
        r.duration("OPSRUNS_DISPATCH_POLL_INTERVAL").ifPresent(b::dispatchPollInterval);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^(\\w+)", "OPSRUNS_$1"), e);
        }
    }

    /**
     * Parses a duration as this class accepts it.
     *
     * @param text {@code 250ms}, {@code 60s}, {@code 10m}, {@code 1h}, {@code 90d} or ISO-8601
     * @return the duration
     * @throws IllegalArgumentException when the text is neither form
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a duration such as 250ms, 60s, 10m, 1h, 90d or PT60S, but was '"
                    + text + "'");
        }
    }

    /** @return the interface the HTTP server binds to */
    public String host() {
        return host;
    }

    /** @return the HTTP port (0 = any free port) */
    public int port() {
        return port;
    }

    /** @return the folder of the embedded database */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the engine of the embedded database, used when {@link #dbUrl()} is null */
    public EmbeddedEngine embeddedDb() {
        return embeddedDb;
    }

    /** @return the JDBC URL to use, or null for the embedded database under {@link #dataDir()} */
    public String dbUrl() {
        return dbUrl;
    }

    /**
     * @return the JDBC URL known before start-up: {@link #dbUrl()}, or the embedded H2 file database; null
     *     for the embedded PostgreSQL, whose port is chosen when it starts
     */
    public String effectiveDbUrl() {
        if (dbUrl != null) {
            return dbUrl;
        }
        return switch (embeddedDb) {
            case POSTGRESQL -> null;
            case H2 -> "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("opsruns-demo") + H2_SETTINGS;
        };
    }

    /** @return the database user (embedded H2: {@code sa}) */
    public String dbUser() {
        return dbUser != null ? dbUser : (dbUrl == null && embeddedDb == EmbeddedEngine.H2 ? "sa" : null);
    }

    /** @return how long a caller waits for a pooled connection */
    public Duration dbConnectTimeout() {
        return dbConnectTimeout;
    }

    /** @return how often the app refreshes the heartbeat of each running job's run */
    public Duration workerHeartbeatInterval() {
        return workerHeartbeatInterval;
    }

    /** @return how long a job retries a failed store write before giving the run up */
    public Duration storeRetryTimeout() {
        return storeRetryTimeout;
    }

    /** @return the database password, or null */
    public String dbPassword() {
        return dbPassword;
    }

    /** @return the connection pool size */
    public int dbPoolSize() {
        return dbPoolSize;
    }

    /** @return the worker pool size */
    public int workerThreads() {
        return workerThreads;
    }

    /** @return how long shutdown waits for running jobs */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** @return the reaper's interval */
    public Duration reaperInterval() {
        return reaperInterval;
    }

    /** @return the heartbeat age after which a running run is stale */
    public Duration staleHeartbeatTimeout() {
        return staleHeartbeatTimeout;
    }

    /** @return how long a run may stay pending */
    public Duration queueTimeout() {
        return queueTimeout;
    }

    /** @return the purge's interval */
    public Duration purgeInterval() {
        return purgeInterval;
    }

    /** @return how long ended runs are kept */
    public Duration retention() {
        return retention;
    }

    /** @return true to seed the demo data into an empty database */
    public boolean seedDemoData() {
        return seedDemoData;
    }

    /** @return the largest accepted request body in bytes */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** @return attempts per policy against a throttling policy source */
    public int sourceAttempts() {
        return sourceAttempts;
    }

    /** @return the first backoff after a throttled call */
    public Duration sourceBackoff() {
        return sourceBackoff;
    }

    /** @return the longest backoff between attempts */
    public Duration sourceMaxBackoff() {
        return sourceMaxBackoff;
    }

    /** @return how long each call to the demo policy source takes */
    public Duration demoSourceLatency() {
        return demoSourceLatency;
    }

    /**
     * @return true when the app is reached over HTTPS: the session cookie is then {@code Secure} and named
     *     with the {@code __Host-} prefix (so no subdomain or plain-HTTP page can set or replace it)
     */
    public boolean secureCookies() {
        return secureCookies;
    }

    /** Collects settings; {@link #build()} validates them once. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir = DEFAULT_DATA_DIR;
        private EmbeddedEngine embeddedDb = DEFAULT_EMBEDDED_DB;
        private String dbUrl;
        private String dbUser;
        private String dbPassword;
        private int dbPoolSize = DEFAULT_DB_POOL_SIZE;
        private Duration dbConnectTimeout = DEFAULT_DB_CONNECT_TIMEOUT;
        private int workerThreads = DEFAULT_WORKER_THREADS;
        private Duration workerHeartbeatInterval = DEFAULT_WORKER_HEARTBEAT_INTERVAL;
        private Duration storeRetryTimeout = DEFAULT_STORE_RETRY_TIMEOUT;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private Duration reaperInterval = DEFAULT_REAPER_INTERVAL;
        private Duration staleHeartbeatTimeout = DEFAULT_STALE_HEARTBEAT_TIMEOUT;
        private Duration queueTimeout = DEFAULT_QUEUE_TIMEOUT;
        private Duration purgeInterval = DEFAULT_PURGE_INTERVAL;
        private Duration retention = DEFAULT_RETENTION;
        private boolean seedDemoData = true;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int sourceAttempts = DEFAULT_SOURCE_ATTEMPTS;
        private Duration sourceBackoff = DEFAULT_SOURCE_BACKOFF;
        private Duration sourceMaxBackoff = DEFAULT_SOURCE_MAX_BACKOFF;
        private Duration demoSourceLatency = DEFAULT_DEMO_SOURCE_LATENCY;
        private boolean secureCookies = DEFAULT_SECURE_COOKIES;
        private Dispatcher dispatcher = DEFAULT_DISPATCHER;
        /** Null: {@link #DEFAULT_CLAIM_LEASE_SHARE} of the stale timeout. */
        private Duration claimLease;
        private int claimMaxAttempts = DEFAULT_CLAIM_MAX_ATTEMPTS;
        private Duration dispatchPollInterval = DEFAULT_DISPATCH_POLL_INTERVAL;

        private Builder() {
        }

        /** @param value the interface to bind to ({@code 0.0.0.0} for all) @return this builder */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** @param value the HTTP port, 0-65535 (0 = any free port) @return this builder */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** @param value the folder of the embedded database @return this builder */
        public Builder dataDir(Path value) {
            this.dataDir = Objects.requireNonNull(value, "dataDir");
            return this;
        }

        /** @param value the embedded database's engine, used when no URL is given @return this builder */
        public Builder embeddedDb(EmbeddedEngine value) {
            this.embeddedDb = Objects.requireNonNull(value, "embeddedDb");
            return this;
        }

        /** @param value how long a caller waits for a pooled connection, 250 ms or more @return this builder */
        public Builder dbConnectTimeout(Duration value) {
            this.dbConnectTimeout = value;
            return this;
        }

        /** @param value how often running jobs' runs get a heartbeat @return this builder */
        public Builder workerHeartbeatInterval(Duration value) {
            this.workerHeartbeatInterval = value;
            return this;
        }

        /** @param value how long a job retries a failed store write @return this builder */
        public Builder storeRetryTimeout(Duration value) {
            this.storeRetryTimeout = value;
            return this;
        }

        /** @param value a JDBC URL (PostgreSQL or H2), or null for the embedded default @return this builder */
        public Builder dbUrl(String value) {
            this.dbUrl = value;
            return this;
        }

        /** @param value the database user @return this builder */
        public Builder dbUser(String value) {
            this.dbUser = value;
            return this;
        }

        /** @param value the database password @return this builder */
        public Builder dbPassword(String value) {
            this.dbPassword = value;
            return this;
        }

        /** @param value connections in the pool, 2-100 @return this builder */
        public Builder dbPoolSize(int value) {
            this.dbPoolSize = value;
            return this;
        }

        /** @param value job worker threads, 1-64 @return this builder */
        public Builder workerThreads(int value) {
            this.workerThreads = value;
            return this;
        }

        /** @param value how long shutdown waits for running jobs @return this builder */
        public Builder shutdownGrace(Duration value) {
            this.shutdownGrace = value;
            return this;
        }

        /** @param value the reaper's interval @return this builder */
        public Builder reaperInterval(Duration value) {
            this.reaperInterval = value;
            return this;
        }

        /** @param value heartbeat age after which a running run is stale @return this builder */
        public Builder staleHeartbeatTimeout(Duration value) {
            this.staleHeartbeatTimeout = value;
            return this;
        }

        /** @param value how long a run may stay pending @return this builder */
        public Builder queueTimeout(Duration value) {
            this.queueTimeout = value;
            return this;
        }

        /** @param value the purge's interval @return this builder */
        public Builder purgeInterval(Duration value) {
            this.purgeInterval = value;
            return this;
        }

        /** @param value how long ended runs are kept @return this builder */
        public Builder retention(Duration value) {
            this.retention = value;
            return this;
        }

        /** @param value true to seed demo data into an empty database @return this builder */
        public Builder seedDemoData(boolean value) {
            this.seedDemoData = value;
            return this;
        }

        /** @param value the largest accepted request body, 1 KiB - 16 MiB @return this builder */
        public Builder maxBodyBytes(int value) {
            this.maxBodyBytes = value;
            return this;
        }

        /** @param value attempts per throttled policy, 1-10 @return this builder */
        public Builder sourceAttempts(int value) {
            this.sourceAttempts = value;
            return this;
        }

        /** @param value the first backoff after a throttled call @return this builder */
        public Builder sourceBackoff(Duration value) {
            this.sourceBackoff = value;
            return this;
        }

        /** @param value the longest backoff between attempts @return this builder */
        public Builder sourceMaxBackoff(Duration value) {
            this.sourceMaxBackoff = value;
            return this;
        }

        /** @param value how long each demo policy-source call takes @return this builder */
        public Builder demoSourceLatency(Duration value) {
            this.demoSourceLatency = value;
            return this;
        }

        /** @param value true when the app is reached over HTTPS (Secure, __Host- session cookie) @return this builder */
        public Builder secureCookies(boolean value) {
            this.secureCookies = value;
            return this;
        }

        /** The lease set, or the share of the stale timeout (at least 1 second) when none is. */
        private Duration effectiveClaimLease() {
            if (claimLease != null) {
                return claimLease;
            }
            long millis = (long) (staleHeartbeatTimeout.toMillis() * DEFAULT_CLAIM_LEASE_SHARE);
            return Duration.ofMillis(Math.max(1_000, millis));
        }

        /** @param value which dispatcher hands runs to workers @return this builder */
        public Builder dispatcher(Dispatcher value) {
            this.dispatcher = value;
            return this;
        }

        /**
         * @param value the lease of a worker's claim, 1 second to 1 hour and shorter than the stale timeout
         *     (null: {@link #DEFAULT_CLAIM_LEASE_SHARE} of the stale timeout, at least 1 second) @return this builder
         */
        public Builder claimLease(Duration value) {
            this.claimLease = value;
            return this;
        }

        /** @param value how many claims a run may have, 1-100 @return this builder */
        public Builder claimMaxAttempts(int value) {
            this.claimMaxAttempts = value;
            return this;
        }

        /** @param value how often the dispatcher polls and sweeps, 100 ms to 1 hour @return this builder */
        public Builder dispatchPollInterval(Duration value) {
            this.dispatchPollInterval = value;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public AppConfig build() {
            range("PORT", port, 0, 65_535);
            range("DB_POOL_SIZE", dbPoolSize, 2, 100);
            range("WORKER_THREADS", workerThreads, 1, 64);
            range("MAX_BODY_BYTES", maxBodyBytes, 1024, 16 * 1024 * 1024);
            range("POLICY_SOURCE_ATTEMPTS", sourceAttempts, 1, 10);
            notNegative("SHUTDOWN_GRACE", shutdownGrace);
            positive("REAPER_INTERVAL", reaperInterval);
            positive("STALE_HEARTBEAT_TIMEOUT", staleHeartbeatTimeout);
            positive("WORKER_HEARTBEAT_INTERVAL", workerHeartbeatInterval);
            notNegative("STORE_RETRY_TIMEOUT", storeRetryTimeout);
            if (dbConnectTimeout == null || dbConnectTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("DB_CONNECT_TIMEOUT must be 250ms or more, but was " + dbConnectTimeout);
            }
            // A live worker must never look dead: two missed heartbeats plus a full store retry stay under the timeout.
            Duration liveWorstCase = workerHeartbeatInterval.multipliedBy(2).plus(storeRetryTimeout);
            if (staleHeartbeatTimeout.compareTo(liveWorstCase) <= 0) {
                throw new IllegalArgumentException("STALE_HEARTBEAT_TIMEOUT must be longer than twice WORKER_HEARTBEAT_INTERVAL"
                        + " plus STORE_RETRY_TIMEOUT (" + liveWorstCase + "), but was " + staleHeartbeatTimeout);
            }
            positive("QUEUE_TIMEOUT", queueTimeout);
            positive("PURGE_INTERVAL", purgeInterval);
            positive("RETENTION", retention);
            notNegative("POLICY_SOURCE_BACKOFF", sourceBackoff);
            notNegative("POLICY_SOURCE_MAX_BACKOFF", sourceMaxBackoff);
            notNegative("DEMO_SOURCE_LATENCY", demoSourceLatency);
            range("CLAIM_MAX_ATTEMPTS", claimMaxAttempts, 1, 100);
            Duration lease = effectiveClaimLease();
            if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("CLAIM_LEASE must be 1 second to 1 hour, but was " + lease);
            }
            if (dispatchPollInterval == null || dispatchPollInterval.compareTo(Duration.ofMillis(100)) < 0
                    || dispatchPollInterval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("DISPATCH_POLL_INTERVAL must be 100ms to 1 hour, but was " + dispatchPollInterval);
            }
            if (lease.compareTo(staleHeartbeatTimeout) >= 0) {
                throw new IllegalArgumentException("CLAIM_LEASE must be shorter than STALE_HEARTBEAT_TIMEOUT ("
                        + staleHeartbeatTimeout + "), or the reaper would fail runs whose worker still holds them");
            }
            if (dispatcher == null) {
                throw new IllegalArgumentException("DISPATCHER must be in-process or db-scheduler");
            }
            boolean postgres = dbUrl != null ? dbUrl.startsWith("jdbc:postgresql:") : embeddedDb == EmbeddedEngine.POSTGRESQL;
            if (dispatcher == Dispatcher.DB_SCHEDULER && !postgres) {
                throw new IllegalArgumentException("DISPATCHER db-scheduler needs PostgreSQL (the embedded default, or "
                        + "DB_URL set to a jdbc:postgresql: URL); H2 uses the in-process dispatcher");
            }
            if (dbUrl != null && !(dbUrl.startsWith("jdbc:postgresql:") || dbUrl.startsWith("jdbc:h2:"))) {
                throw new IllegalArgumentException("DB_URL must start with jdbc:postgresql: or jdbc:h2:, but was '"
                        + dbUrl.replaceAll("[?;].*", "...") + "'");
            }
            return new AppConfig(this);
        }

        private static void range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be " + min + "-" + max + ", but was " + value);
            }
        }

        private static void positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, but was " + d);
            }
        }

        private static void notNegative(String name, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be zero or a positive duration, but was " + d);
            }
        }
    }

    /** Reads and parses environment variables, naming the variable in every error. */
    private record EnvReader(Map<String, String> env) {

        java.util.Optional<String> raw(String name) {
            return java.util.Optional.ofNullable(env.get(name));
        }

        java.util.Optional<String> text(String name) {
            return raw(name).map(String::trim).filter(v -> !v.isEmpty());
        }

        java.util.Optional<Integer> integer(String name) {
            return text(name).map(v -> {
                try {
                    return Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " must be an integer, but was '" + v + "'");
                }
            });
        }

        java.util.Optional<Duration> duration(String name) {
            return text(name).map(v -> {
                try {
                    return parseDuration(v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + " " + e.getMessage());
                }
            });
        }

        java.util.Optional<EmbeddedEngine> engine(String name) {
            return text(name).map(v -> {
                try {
                    return EmbeddedEngine.parse(v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + " " + e.getMessage());
                }
            });
        }

        java.util.Optional<Boolean> bool(String name) {
            return text(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false, but was '" + v + "'");
            });
        }
    }
}
