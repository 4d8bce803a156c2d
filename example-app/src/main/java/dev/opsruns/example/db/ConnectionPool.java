package dev.opsruns.example.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.example.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Builds the app's HikariCP pool from its settings. */
public final class ConnectionPool {

    private ConnectionPool() {
    }

    /**
     * Opens the pool over the given database. An H2 URL gets {@code DB_CLOSE_ON_EXIT=FALSE} unless it
     * says otherwise: H2's own shutdown hook would close the database under running jobs, while the app
     * closes it itself once they have finished. The pool does not connect yet; {@link AppDatabase}
     * checks the first connection.
     *
     * @param config the app's settings (pool size, data folder, password)
     * @param url the JDBC URL
     * @param user the database user, or null
     * @return the open pool; close it on shutdown
     * @throws UncheckedIOException when the data folder of an embedded database cannot be created
     */
    public static HikariDataSource open(AppConfig config, String url, String user) {
        if (config.dbUrl() == null) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data folder " + config.dataDir().toAbsolutePath(), e);
            }
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("opsruns-example");
        hikari.setJdbcUrl(withoutH2ExitHook(url));
        hikari.setUsername(user);
        hikari.setPassword(config.dbPassword());
        hikari.setMaximumPoolSize(config.dbPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.dbPoolSize()));
        hikari.setConnectionTimeout(config.dbConnectTimeout().toMillis());
        // Connect on first use: AppDatabase reports an unreachable database in one line, not the pool's trace.
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }

    /**
     * @param url a JDBC URL
     * @return the URL, with {@code ;DB_CLOSE_ON_EXIT=FALSE} added when it is an H2 URL without that setting
     */
    public static String withoutH2ExitHook(String url) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            return url + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
    }
}
