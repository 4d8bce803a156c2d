package org.example.boot;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.JdbiRunLedger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** One migrated in-memory H2 database per test class, emptied for every ledger the suite asks for. */
final class H2Database {

    private final HikariDataSource dataSource;

    H2Database() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:host_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(20);
        dataSource = new HikariDataSource(config);
        JdbiRunLedger.builder(dataSource).migrate(true).build();
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    RunLedger emptyLedger(RunsConfig config) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM opsruns_item_failures");
            s.execute("DELETE FROM opsruns_notifications");
            s.execute("DELETE FROM opsruns_runs");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JdbiRunLedger.builder(dataSource).config(config).build();
    }
}
