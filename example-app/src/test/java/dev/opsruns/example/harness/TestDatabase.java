package dev.opsruns.example.harness;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The two databases every scenario runs on. Each {@link #create()} makes a fresh, empty database: an
 * H2 file database under {@code target/} (the app's default embedded mode), or a new PostgreSQL
 * database on the server named by the {@code opsruns.pg.url} system property, dropped again on close.
 * An unreachable PostgreSQL skips the PostgreSQL runs, unless {@code CI=true}, where it fails them.
 */
public enum TestDatabase {
    /** The embedded default: an H2 file database. */
    H2,
    /** A real PostgreSQL server. */
    POSTGRESQL;

    private static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/opsruns_test";

    /** A fresh database; closing drops it (PostgreSQL) or leaves its files under target/ (H2). */
    public interface Instance extends AutoCloseable {
        /** @param b the app's settings to point at this database */
        void configure(dev.opsruns.example.AppConfig.Builder b);

        /** @return a JDBC URL, user and password to inspect rows directly */
        String[] jdbc();

        /**
         * Makes the database unreachable for its clients, or reachable again: PostgreSQL refuses new
         * connections to this database and ends the open ones (the server itself keeps running).
         *
         * @param refuse true to refuse, false to accept again
         * @throws UnsupportedOperationException on H2, whose embedded database cannot be taken away
         */
        default void refuseConnections(boolean refuse) {
            throw new UnsupportedOperationException("only a PostgreSQL database can refuse connections");
        }

        @Override
        void close();
    }

    /** @return a fresh, empty database of this kind */
    public Instance create() {
        return switch (this) {
            case H2 -> h2();
            case POSTGRESQL -> postgres();
        };
    }

    private static Instance h2() {
        Path dir = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
        return new Instance() {
            @Override
            public void configure(dev.opsruns.example.AppConfig.Builder b) {
                b.dataDir(dir).dbUrl(null).embeddedDb(dev.opsruns.example.db.EmbeddedEngine.H2);
            }

            @Override
            public String[] jdbc() {
                return new String[] {"jdbc:h2:file:" + dir.resolve("opsruns-demo"), "sa", ""};
            }

            @Override
            public void close() {
            }
        };
    }

    private static Instance postgres() {
        String configured = System.getProperty("opsruns.pg.url", DEFAULT_PG_URL);
        String user = System.getProperty("opsruns.pg.user", "postgres");
        String password = System.getProperty("opsruns.pg.password", "");
        String name = "opsruns_app_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        String admin = adminUrl(configured, user, password);
        exec(admin, user, password, "CREATE DATABASE " + name);
        String url = withDatabase(configured, name);
        return new Instance() {
            @Override
            public void configure(dev.opsruns.example.AppConfig.Builder b) {
                b.dbUrl(url).dbUser(user).dbPassword(password);
            }

            @Override
            public String[] jdbc() {
                return new String[] {url, user, password};
            }

            @Override
            public void refuseConnections(boolean refuse) {
                exec(admin, user, password, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + !refuse);
                if (refuse) {
                    exec(admin, user, password, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                            + name + "' AND pid <> pg_backend_pid()");
                }
            }

            @Override
            public void close() {
                exec(admin, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        };
    }

    /** The configured database if reachable, else the server's {@code postgres} database. */
    private static String adminUrl(String configured, String user, String password) {
        SQLException first = null;
        for (String candidate : new String[] {configured, withDatabase(configured, "postgres")}) {
            try (Connection c = DriverManager.getConnection(candidate, user, password)) {
                return candidate;
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        String message = "PostgreSQL is not reachable at " + configured + " as " + user + ": " + first.getMessage();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: PostgreSQL is required)", first);
        }
        // Surefire does not report aborted class invocations as skipped, so say it in the build log too.
        System.err.println("WARNING: " + message + "; PostgreSQL runs are skipped (set CI=true to fail instead)");
        Assumptions.abort(message + "; PostgreSQL runs are skipped (set CI=true to fail instead)");
        throw new AssertionError("unreachable");
    }

    private static String withDatabase(String url, String database) {
        return url.replaceFirst("^(jdbc:postgresql://[^/?]+/)[^?]*", "$1" + database);
    }

    private static void exec(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on " + url, e);
        }
    }
}
