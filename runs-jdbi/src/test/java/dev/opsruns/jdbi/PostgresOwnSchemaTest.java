package dev.opsruns.jdbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.jdbi.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * opsruns' tables in a schema of their own on PostgreSQL, chosen with pgJDBC's {@code currentSchema}
 * on the connection: the migrations create the tables and their history table there, and every
 * call of the store reads and writes there, not in {@code public}.
 */
class PostgresOwnSchemaTest {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    private static final List<String> TABLES = List.of(
            "opsruns_item_failures", "opsruns_notifications", "opsruns_runs", "opsruns_schema_history",
            "opsruns_statistics_hours", "opsruns_statistics_marks", "opsruns_visits");
    private static final TenantId TENANT = TenantId.of("contoso");
    private static final Principal OWNER = new Principal("u-1", "Olga Owner", Map.of(TENANT, TenantRole.OWNER));

    private final String schema = "ops_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private HikariDataSource pool;

    @BeforeEach
    void openPoolOnOwnSchema() throws SQLException {
        DB.execute("CREATE SCHEMA " + schema);
        String url;
        try (Connection c = DB.dataSource().getConnection()) {
            url = c.getMetaData().getURL();
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername(System.getProperty("opsruns.pg.user", "postgres"));
        config.setPassword(System.getProperty("opsruns.pg.password", ""));
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
    }

    @AfterEach
    void dropSchema() {
        if (pool != null) {
            pool.close();
        }
        DB.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void the_migrations_create_every_table_in_the_connections_current_schema() throws SQLException {
        JdbiRunLedger.builder(pool).migrate(true).build();

        assertEquals(TABLES, tablesIn(schema));
        assertEquals(0, OpsRunsMigrations.migrate(pool), "the history in the schema says it is current");
    }

    @Test
    void the_store_reads_and_writes_only_there() throws SQLException {
        RunLedger ledger = JdbiRunLedger.builder(pool).migrate(true).build();
        DB.reset();

        RunContext context = RunContext.builder().put("day", "2026-03-01").build();
        StartRequest request = StartRequest.bySystem("scheduler", TENANT, RunType.of("report.nightly"), context);
        StartOutcome started = ledger.registry().startOrReuse(request);
        assertInstanceOf(StartOutcome.Reused.class, ledger.registry().startOrReuse(request),
                "the partial unique index over active runs works in the schema");
        RunId id = started.run().id();
        ledger.registry().markRunning(id);
        ledger.registry().setTotal(id, 2);
        ledger.registry().recordProgress(id, ProgressDelta.succeeded(1));
        ledger.registry().recordItemFailure(id, "page-2", ReasonCode.of("report.render_failed"), "no font");
        Run done = ledger.registry().finish(id);

        assertEquals(RunStatus.COMPLETED_WITH_ERRORS, done.status());
        assertEquals(List.of(id), ledger.queries().list(OWNER, TENANT, RunFilter.ALL, PageRequest.FIRST).runs()
                .stream().map(Run::id).toList());
        assertEquals(1, ledger.queries().detail(OWNER, TENANT, id).itemFailures().size());
        assertEquals(1, count(schema + ".opsruns_runs"));
        assertEquals(1, count(schema + ".opsruns_item_failures"));
        assertEquals(0, count("public.opsruns_runs"), "nothing reached the tables in public");
    }

    private List<String> tablesIn(String name) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static long count(String table) throws SQLException {
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
