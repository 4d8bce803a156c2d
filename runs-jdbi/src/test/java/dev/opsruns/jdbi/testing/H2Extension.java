package dev.opsruns.jdbi.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.jdbi.DatabaseVendor;
import dev.opsruns.jdbi.OpsRunsMigrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated H2 database per test class, in memory or in a file under {@code target/h2}, behind a
 * HikariCP pool whose sessions run in {@link TimeZones#H2_SESSION}. Register it as a static field:
 * <pre>{@code @RegisterExtension static final H2Extension DB = H2Extension.inMemory();}</pre>
 */
public final class H2Extension implements BeforeAllCallback, AfterAllCallback, TestDatabase {

    private final boolean file;
    private HikariDataSource dataSource;
    private Path directory;
    /** The class that opened the database: @Nested classes see the extension too, and must not reopen it. */
    private String owner;

    private H2Extension(boolean file) {
        this.file = file;
    }

    /** @return an in-memory database per test class */
    public static H2Extension inMemory() {
        return new H2Extension(false);
    }

    /** @return a file database per test class, under target/h2 */
    public static H2Extension inFile() {
        return new H2Extension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (owner != null) {
            return;
        }
        owner = context.getUniqueId();
        String name = context.getRequiredTestClass().getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8);
        String url;
        if (file) {
            directory = Paths.get("target", "h2", name).toAbsolutePath();
            deleteRecursively(directory);
            Files.createDirectories(directory);
            url = "jdbc:h2:file:" + directory.resolve("opsruns");
        } else {
            url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        }
        dataSource = pool(url);
        OpsRunsMigrations.migrate(dataSource);
    }

    /**
     * @param url an H2 JDBC URL
     * @return a pool over it, with the H2 test session time zone
     */
    public static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(20);
        config.setConnectionInitSql("SET TIME ZONE '" + TimeZones.H2_SESSION + "'");
        config.setPoolName("h2-test");
        return new HikariDataSource(config);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (!context.getUniqueId().equals(owner)) {
            return;
        }
        owner = null;
        if (dataSource != null) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // SHUTDOWN closes the connection under the pool's feet; the database is gone either way
            }
            dataSource.close();
        }
        if (directory != null) {
            deleteRecursively(directory);
        }
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public DatabaseVendor vendor() {
        return DatabaseVendor.H2;
    }

    @Override
    public void reset() {
        // H2 refuses TRUNCATE on a table other tables reference; deleting is quick on test-sized tables
        execute("DELETE FROM opsruns_item_failures", "DELETE FROM opsruns_notifications", "DELETE FROM opsruns_runs",
                "DELETE FROM opsruns_visits");
    }

    @Override
    public String toString() {
        return file ? "H2 file" : "H2 in-memory";
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
