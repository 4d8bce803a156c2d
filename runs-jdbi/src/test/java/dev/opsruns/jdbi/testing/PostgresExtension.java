package dev.opsruns.jdbi.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.opsruns.jdbi.DatabaseVendor;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test JVM's PostgreSQL database (see {@link PostgresServer}): created and migrated once per JVM,
 * shared by every test class that registers this extension, dropped at the end. {@link #reset()}
 * empties the tables; sessions run in {@link TimeZones#POSTGRES_SESSION}.
 *
 * <p>When PostgreSQL cannot be reached the test class is skipped with the reason, except when the
 * environment variable {@code CI} is {@code true}: there it fails, so a CI run cannot pass by
 * skipping the PostgreSQL tests.
 * <pre>{@code @RegisterExtension static final PostgresExtension DB = new PostgresExtension();}</pre>
 */
public final class PostgresExtension implements BeforeAllCallback, TestDatabase {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    private PostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(PostgresServer.class, k -> PostgresServer.start(), PostgresServer.class);
        if (server.unavailable() != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(server.unavailable() + " (CI=true: PostgreSQL tests must run, not skip)");
            }
            Assumptions.abort(server.unavailable() + "; skipping (set CI=true to fail instead)");
        }
    }

    @Override
    public DataSource dataSource() {
        return server.dataSource();
    }

    @Override
    public DatabaseVendor vendor() {
        return DatabaseVendor.POSTGRESQL;
    }

    /**
     * Deletes every row. DELETE, not TRUNCATE: on the few rows a test leaves it takes a fraction of a
     * millisecond, where TRUNCATE takes about 30 ms (new files for every table and index), and the
     * contract suites reset hundreds of times. Tests that load many rows call {@link #truncate()}.
     */
    @Override
    public void reset() {
        execute("DELETE FROM opsruns_item_failures", "DELETE FROM opsruns_notifications", "DELETE FROM opsruns_runs",
                "DELETE FROM opsruns_visits", "DELETE FROM opsruns_statistics_hours", "DELETE FROM opsruns_statistics_marks");
    }

    /** Empties the tables at once, whatever their size. */
    public void truncate() {
        execute("TRUNCATE opsruns_item_failures, opsruns_notifications, opsruns_runs, opsruns_visits, opsruns_statistics_hours,"
                + " opsruns_statistics_marks");
    }

    /** @return the JDBC URL of the test database, for child processes */
    public String jdbcUrl() {
        return server.jdbcUrl();
    }

    /** @return the user of the test database */
    public String user() {
        return server.user();
    }

    /** @return the password of the test database */
    public String password() {
        return server.password();
    }

    @Override
    public String toString() {
        return "PostgreSQL";
    }
}
