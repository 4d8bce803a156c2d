package dev.opsruns.jdbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.jdbi.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The shipped migrations: one set per vendor, their own history table, at home in a schema that
 * already holds the host's tables and the host's own Flyway history.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MigrationsTest {

    private static final String HOST_TABLE = "host_orders";
    /** Every migration the vendor's location ships; a fresh database gets all of them, once. */
    private static final int H2_MIGRATIONS = shipped(OpsRunsMigrations.H2_LOCATION);
    private static final int POSTGRESQL_MIGRATIONS = shipped(OpsRunsMigrations.POSTGRESQL_LOCATION);

    @Nested
    class On_H2 {

        private final JdbcDataSource ds = freshH2();

        @Test
        void a_fresh_database_gets_the_schema_once() throws SQLException {
            assertEquals(H2_MIGRATIONS, OpsRunsMigrations.migrate(ds));
            assertEquals(0, OpsRunsMigrations.migrate(ds), "already current");
            List<String> tables = tables(ds);
            assertTrue(tables.containsAll(List.of("opsruns_runs", "opsruns_item_failures", "opsruns_notifications",
                    "opsruns_visits", OpsRunsMigrations.HISTORY_TABLE)), tables.toString());
            assertFalse(tables.contains("flyway_schema_history"), "Flyway's default table is left to the host");
        }

        @Test
        void the_schema_may_already_hold_the_hosts_tables_and_history() throws SQLException {
            execute(ds, "CREATE TABLE " + HOST_TABLE + " (id INT PRIMARY KEY)");
            execute(ds, "CREATE TABLE \"flyway_schema_history\" (installed_rank INT PRIMARY KEY)");
            assertEquals(H2_MIGRATIONS, OpsRunsMigrations.migrate(ds));
            JdbiRunLedger.create(ds, RunsConfig.defaults()).registry()
                    .startOrReuse(StartRequest.bySystem("test", TenantId.of("t"), RunType.of("a.b"), RunContext.empty()));
            assertTrue(tables(ds).contains(HOST_TABLE));
        }

        @Test
        void a_host_may_run_the_location_with_its_own_flyway_as_documented() throws SQLException {
            execute(ds, "CREATE TABLE " + HOST_TABLE + " (id INT PRIMARY KEY)");
            assertEquals(OpsRunsMigrations.H2_LOCATION, OpsRunsMigrations.locationFor(ds));
            Flyway.configure()
                    .dataSource(ds)
                    .locations(OpsRunsMigrations.locationFor(ds))
                    .table(OpsRunsMigrations.HISTORY_TABLE)
                    .baselineOnMigrate(true).baselineVersion("0")
                    .load().migrate();
            assertEquals(0, OpsRunsMigrations.migrate(ds), "the same history: nothing left to do");
        }

        @Test
        void the_builder_can_migrate_before_it_builds() {
            JdbiRunLedger ledger = JdbiRunLedger.builder(ds).migrate(true).vendor(DatabaseVendor.H2).build();
            assertFalse(ledger.registry().startOrReuse(StartRequest.bySystem("test", TenantId.of("t"),
                    RunType.of("a.b"), RunContext.empty())).reused());
        }
    }

    @Nested
    class On_PostgreSQL {

        @RegisterExtension
        static final PostgresExtension DB = new PostgresExtension();

        @Test
        void a_schema_holding_the_hosts_tables_gets_its_own_opsruns_tables_and_history() throws SQLException {
            String schema = "host_" + UUID.randomUUID().toString().substring(0, 8);
            DB.execute("CREATE SCHEMA " + schema, "CREATE TABLE " + schema + "." + HOST_TABLE + " (id int PRIMARY KEY)");
            try {
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setUrl(DB.jdbcUrl());
                ds.setUser(DB.user());
                ds.setPassword(DB.password());
                ds.setCurrentSchema(schema);
                assertEquals(OpsRunsMigrations.POSTGRESQL_LOCATION, OpsRunsMigrations.locationFor(ds));
                assertEquals(DatabaseVendor.POSTGRESQL, OpsRunsMigrations.detect(ds));
                assertEquals(POSTGRESQL_MIGRATIONS, OpsRunsMigrations.migrate(ds));
                assertEquals(0, OpsRunsMigrations.migrate(ds));
                List<String> tables = tables(ds);
                assertTrue(tables.containsAll(List.of(HOST_TABLE, "opsruns_runs", OpsRunsMigrations.HISTORY_TABLE)),
                        tables.toString());
            } finally {
                DB.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void a_missing_vendor_or_data_source_is_bad_input() {
        assertThrows(InvalidRunInputException.class, () -> OpsRunsMigrations.location(null));
        assertThrows(InvalidRunInputException.class, () -> OpsRunsMigrations.migrate(null));
        assertThrows(InvalidRunInputException.class, () -> JdbiRunLedger.create(null, RunsConfig.defaults()));
        assertThrows(InvalidRunInputException.class, () -> JdbiRunLedger.builder(freshH2()).config(null));
        assertThrows(InvalidRunInputException.class, () -> DatabaseVendor.fromProductName("MySQL"));
    }

    private static int shipped(String location) {
        java.net.URL dir = MigrationsTest.class.getClassLoader().getResource(location.substring("classpath:".length()));
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI()))) {
            int count = (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
            assertTrue(count >= 1, location);
            return count;
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JdbcDataSource freshH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:migrations_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** @return the tables of the connection's current schema, lowercase */
    private static List<String> tables(DataSource ds) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
