package dev.opsruns.jdbi.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.jdbi.OpsRunsMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * One PostgreSQL database for the whole test JVM: created on the server named by the system
 * properties {@code opsruns.pg.url} (default {@value #DEFAULT_URL}; only host, port and parameters
 * are used) and {@code opsruns.pg.user} / {@code opsruns.pg.password}, migrated once, dropped when
 * the JVM's tests are done.
 */
final class PostgresServer implements AutoCloseable {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/opsruns_test";

    private final String user;
    private final String password;
    private final String adminUrl;
    private final String databaseName;
    private final String jdbcUrl;
    private final HikariDataSource dataSource;
    private final String unavailable;

    private PostgresServer(String baseUrl, String user, String password) {
        this.user = user;
        this.password = password;
        this.adminUrl = withDatabase(baseUrl, "postgres");
        this.databaseName = "opsruns_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.jdbcUrl = withDatabase(baseUrl, databaseName);
        String reason = null;
        HikariDataSource pool = null;
        try (Connection admin = adminConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + databaseName);
        } catch (SQLException e) {
            reason = "PostgreSQL is not reachable at " + adminUrl + " as " + user + ": " + e.getMessage();
        }
        if (reason == null) {
            pool = pool(jdbcUrl, user, password, 20);
            OpsRunsMigrations.migrate(pool);
        }
        this.dataSource = pool;
        this.unavailable = reason;
    }

    static PostgresServer start() {
        return new PostgresServer(System.getProperty("opsruns.pg.url", DEFAULT_URL),
                System.getProperty("opsruns.pg.user", "postgres"),
                System.getProperty("opsruns.pg.password", ""));
    }

    /**
     * @return a pool over {@code url} whose sessions run in {@link TimeZones#POSTGRES_SESSION}
     */
    static HikariDataSource pool(String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setConnectionInitSql("SET TIME ZONE '" + TimeZones.POSTGRES_SESSION + "'");
        config.setPoolName("pg-test");
        return new HikariDataSource(config);
    }

    private Connection adminConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(adminUrl, props);
    }

    /** Replaces the database name of a JDBC URL, keeping host, port and parameters. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + database + params;
    }

    /** @return why PostgreSQL cannot be used, or null when it can */
    String unavailable() {
        return unavailable;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    @Override
    public void close() throws SQLException {
        if (dataSource == null) {
            return;
        }
        dataSource.close();
        try (Connection admin = adminConnection(); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        }
    }
}
