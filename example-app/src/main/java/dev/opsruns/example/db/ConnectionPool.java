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
     * Opens the pool: the configured database, or the embedded H2 file database under the data folder
     * (created when missing).
     *
     * @param config the app's settings
     * @return the open pool; close it on shutdown
     * @throws UncheckedIOException when the data folder cannot be created
     */
    public static HikariDataSource open(AppConfig config) {
        if (config.dbUrl() == null) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data folder " + config.dataDir().toAbsolutePath(), e);
            }
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("opsruns-example");
        hikari.setJdbcUrl(config.effectiveDbUrl());
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setMaximumPoolSize(config.dbPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.dbPoolSize()));
        hikari.setConnectionTimeout(10_000);
        return new HikariDataSource(hikari);
    }
}
