package dev.opsruns.spring;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The host application on the real PostgreSQL named by {@code opsruns.pg.url} (host and port; a
 * uniquely named database is created for this class and dropped after it). Without a server the test
 * is skipped, except under {@code CI=true}, where it fails.
 */
class PostgresHostApplicationTest extends HostApplicationContract {

    private static final String DATABASE = "opsruns_boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String USER = System.getProperty("opsruns.pg.user", "postgres");
    private static final String PASSWORD = System.getProperty("opsruns.pg.password", "");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            String why = "PostgreSQL is not reachable at " + adminUrl() + ": " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (CI=true: PostgreSQL tests must run, not skip)");
            }
            Assumptions.abort(why + "; skipping (set CI=true to fail instead)");
        }
        registry.add("spring.datasource.url", () -> withDatabase(DATABASE));
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            // the cached application context still holds pooled connections: end them with the database
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl(), USER, PASSWORD);
    }

    private static String adminUrl() {
        return withDatabase("postgres");
    }

    /** The configured URL's host, port and parameters, with another database. */
    private static String withDatabase(String name) {
        String url = System.getProperty("opsruns.pg.url", "jdbc:postgresql://127.0.0.1:5432/opsruns_test");
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
    }
}
