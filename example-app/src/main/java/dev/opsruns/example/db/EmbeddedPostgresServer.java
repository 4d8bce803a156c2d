package dev.opsruns.example.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default database: a PostgreSQL server (binaries from the {@code io.zonky.test}
 * artifacts on Maven Central) that the app starts on a free loopback port over a persistent data
 * directory, and stops after its connection pool is closed.
 *
 * <p>Durability is PostgreSQL's own: {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} are on (the embedding library turns fsync off by default, for tests), so a
 * commit the app acknowledged is on disk before the app answers.
 *
 * <p>The server is a separate process. If the app dies without stopping it (SIGKILL), the server keeps
 * running; the next start finds it through {@code postmaster.pid} and stops it first. Another app that
 * is still using the same data folder holds the embedding library's lock file, and is never stopped.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database the app uses inside the server. */
    public static final String DATABASE = "opsruns";
    /** The server's superuser, with trust authentication on loopback only. */
    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    /** The embedding library's lock file in the data directory, held while a server is in use. */
    private static final String LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server over {@code <dataDir>/postgres} (created, with {@code initdb}, on first use) and
     * creates the app's database in it when missing. The server's log goes to
     * {@code <dataDir>/postgres.log}.
     *
     * @param dataDir the app's data folder
     * @return the running server
     * @throws DatabaseStartupException when it cannot start; the message says why in one line
     */
    public static EmbeddedPostgresServer start(Path dataDir) {
        Path data = dataDir.toAbsolutePath().resolve("postgres");
        Path log = dataDir.toAbsolutePath().resolve("postgres.log");
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(data);
            stopOrphanedServer(data);
            ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    // The app stops the server itself, after its job pool and connection pool: a hook of
                    // its own would stop it under running jobs.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(toLog)
                    .setErrorRedirector(toLog)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new DatabaseStartupException("the embedded PostgreSQL in " + data + " could not start ("
                    + rootMessage(e) + "; its log: " + log + "). As root it needs user namespaces (unshare -U); "
                    + "else run as another user, set OPSRUNS_EMBEDDED_DB=h2, or point OPSRUNS_DB_URL at a PostgreSQL server", e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, data);
        try {
            server.createDatabaseIfMissing();
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new DatabaseStartupException("the embedded PostgreSQL in " + data
                    + " started but the app's database could not be created: " + rootMessage(e), e);
        }
        LOG.info("embedded PostgreSQL running on 127.0.0.1:{} over {}", postgres.getPort(), data);
        return server;
    }

    /** @return the JDBC URL of the app's database on this server */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    /** @return the port the server listens on (loopback only) */
    public int port() {
        return postgres.getPort();
    }

    /** @return the server's data directory */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (fast shutdown: open transactions roll back, committed ones are kept). Idempotent. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("the embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (r.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
            LOG.info("embedded PostgreSQL: created database {}", DATABASE);
        }
    }

    /**
     * A server that a previous app process left running (it was killed before it could stop it) holds
     * the data directory; stop it, unless a live app still uses it.
     */
    private static void stopOrphanedServer(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(data.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("another opsruns app is using this data folder");
            }
            try {
                Optional<ProcessHandle> server = postmaster(pidFile, data);
                if (server.isPresent()) {
                    stop(server.get());
                }
            } finally {
                lock.release();
            }
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile, Path data) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // A stale pid file may name a process that has nothing to do with this server: check it is one.
        return ProcessHandle.of(pid).filter(p -> p.info().commandLine()
                .map(line -> line.contains("postgres") && line.contains(data.toString())).orElse(false));
    }

    private static void stop(ProcessHandle server) {
        LOG.warn("stopping the embedded PostgreSQL (pid {}) that an earlier app process left running", server.pid());
        List<ProcessHandle> backends = server.descendants().toList();
        // SIGTERM is PostgreSQL's smart shutdown; the dead app's sessions are gone, so it stops at once.
        server.destroy();
        try {
            server.onExit().get(ORPHAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("the left-over PostgreSQL did not stop within {}; killing it (its WAL recovers the data)", ORPHAN_STOP_WAIT);
            server.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not wait for the left-over PostgreSQL to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the left-over PostgreSQL", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
