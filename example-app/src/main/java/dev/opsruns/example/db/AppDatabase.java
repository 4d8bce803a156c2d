package dev.opsruns.example.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.FailureSanitizer;
import dev.opsruns.example.AppConfig;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's database as one resource: the embedded PostgreSQL server when the app starts one, and the
 * connection pool over it. {@link #close()} closes the pool first and the server after, so nothing
 * stops the database while connections are still in use; the app closes it after its job pool.
 */
public final class AppDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppDatabase.class);

    private final EmbeddedPostgresServer server;
    private final HikariDataSource pool;
    private final String description;

    private AppDatabase(EmbeddedPostgresServer server, HikariDataSource pool, String description) {
        this.server = server;
        this.pool = pool;
        this.description = description;
    }

    /**
     * Starts the embedded server (when no URL is configured and the engine is PostgreSQL), opens the pool
     * and checks that one connection works.
     *
     * @param config the app's settings
     * @return the open database
     * @throws DatabaseStartupException when the database cannot be started or reached
     */
    public static AppDatabase open(AppConfig config) {
        EmbeddedPostgresServer server = null;
        String url = config.effectiveDbUrl();
        String user = config.dbUser();
        if (url == null) {
            server = EmbeddedPostgresServer.start(config.dataDir());
            url = server.jdbcUrl();
            user = EmbeddedPostgresServer.USER;
            if (Files.exists(config.dataDir().resolve("opsruns-demo.mv.db"))) {
                LOG.warn("{} also holds an H2 database from an earlier default; set OPSRUNS_EMBEDDED_DB=h2 to use it",
                        config.dataDir().toAbsolutePath());
            }
        }
        String description = describe(config, url);
        HikariDataSource pool;
        try {
            pool = ConnectionPool.open(config, url, user);
        } catch (RuntimeException e) {
            closeQuietly(server);
            throw unreachable(description, user, e);
        }
        try (Connection c = pool.getConnection()) {
            c.isValid(5);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            closeQuietly(server);
            throw unreachable(description, user, e);
        }
        return new AppDatabase(server, pool, description);
    }

    /** @return the connection pool */
    public HikariDataSource pool() {
        return pool;
    }

    /** @return which database this is, for people: no credentials, no URL parameters */
    public String description() {
        return description;
    }

    /** @return the embedded server's port, or -1 when the app runs on a database it did not start */
    public int embeddedPort() {
        return server == null ? -1 : server.port();
    }

    /** Closes the pool, then stops the embedded server if the app started one. Idempotent. */
    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            closeQuietly(server);
        }
    }

    private static String describe(AppConfig config, String url) {
        if (config.dbUrl() == null) {
            return switch (config.embeddedDb()) {
                case POSTGRESQL -> "embedded PostgreSQL in " + config.dataDir().toAbsolutePath().resolve("postgres");
                case H2 -> "embedded H2 file in " + config.dataDir().toAbsolutePath();
            };
        }
        return url.replaceAll("[?;].*", "");
    }

    private static DatabaseStartupException unreachable(String description, String user, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // A driver's message may quote what it was given; keep the one line free of credentials.
        why = FailureSanitizer.standard().sanitize(why.replaceAll("\\s+", " ").trim());
        return new DatabaseStartupException("cannot reach the database (" + description
                + (user == null ? "" : " as " + user) + "): " + why, e);
    }

    private static void closeQuietly(EmbeddedPostgresServer server) {
        if (server != null) {
            server.close();
        }
    }
}
