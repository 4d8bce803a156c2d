package dev.opsruns.dbscheduler;

import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.jdbi.OpsRunsMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL database of its own for one test class, on the server of {@code opsruns.pg.url}: created
 * with a unique name, migrated (opsruns and this module's table), dropped on {@link #close()}. A server
 * that cannot be reached fails the tests under CI=true and skips them otherwise.
 */
final class TestPostgres implements AutoCloseable {

    private final String adminUrl;
    private final String name;
    private final String url;
    private final String user;
    private final HikariDataSource pool;

    private TestPostgres(int poolSize) {
        String base = System.getProperty("opsruns.pg.url", "jdbc:postgresql://127.0.0.1:5432/opsruns_test");
        this.user = System.getProperty("opsruns.pg.user", "postgres");
        String host = base.substring(0, base.indexOf('/', "jdbc:postgresql://".length()));
        this.adminUrl = host + "/postgres";
        this.name = "opsruns_dbs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.url = host + "/" + name;
        try (Connection c = DriverManager.getConnection(adminUrl, user, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String reason = "PostgreSQL is not reachable at " + adminUrl + ": " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName(name);
        this.pool = new HikariDataSource(config);
        OpsRunsMigrations.migrate(pool);
        DbSchedulerMigrations.migrate(pool);
    }

    static TestPostgres create(int poolSize) {
        return new TestPostgres(poolSize);
    }

    HikariDataSource dataSource() {
        return pool;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    /** Runs SQL directly (test set-up only). */
    void execute(String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        pool.close();
        try (Connection c = DriverManager.getConnection(adminUrl, user, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
