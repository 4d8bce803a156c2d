package org.example.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.jdbi.JdbiRunLedger;
import dev.opsruns.jdbi.OpsRunsMigrations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store end to end under the host's library versions, on H2 and on PostgreSQL: migrations
 * (twice: the second applies nothing), a run with progress and a failure that carries a secret,
 * and the monitoring reads. Also records which versions actually ran, for verify.groovy.
 */
class StoreSmokeTest {

    private static final TenantId TENANT = TenantId.of("contoso");
    private static final Principal OWNER = new Principal("u-1", "Olga Owner", Map.of(TENANT, TenantRole.OWNER));

    private static String pgAdminUrl;
    private static String pgDatabase;

    @BeforeAll
    static void recordVersions() throws IOException {
        Properties versions = new Properties();
        versions.setProperty("flyway", version("org.flywaydb", "flyway-core", org.flywaydb.core.Flyway.class));
        versions.setProperty("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        versions.setProperty("h2", org.h2.engine.Constants.VERSION);
        versions.setProperty("junit", Test.class.getPackage().getImplementationVersion());
        try (OutputStream out = Files.newOutputStream(Path.of(System.getProperty("versions.file")))) {
            versions.store(out, "library versions on the test classpath");
        }
    }

    @AfterAll
    static void dropPostgresDatabase() throws SQLException {
        if (pgDatabase != null) {
            try (Connection c = DriverManager.getConnection(pgAdminUrl, "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
            }
        }
    }

    @Test
    void h2() {
        HikariDataSource ds = pool("jdbc:h2:mem:smoke_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1", "sa");
        try (ds) {
            exercise(ds);
        }
    }

    @Test
    void postgresql() throws SQLException {
        String url = System.getProperty("opsruns.pg.url");
        pgAdminUrl = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        pgDatabase = "opsruns_host_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(pgAdminUrl, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + pgDatabase);
        }
        HikariDataSource ds = pool(url.substring(0, url.lastIndexOf('/') + 1) + pgDatabase, "postgres");
        try (ds) {
            exercise(ds);
        }
    }

    private static void exercise(DataSource dataSource) {
        RunLedger ledger = JdbiRunLedger.builder(dataSource).migrate(true).build();
        assertEquals(0, OpsRunsMigrations.migrate(dataSource), "a second migration applies nothing");

        RunType type = RunType.of("report.nightly");
        RunContext context = RunContext.builder().put("day", "2026-03-01").put("pages", 3).build();
        StartOutcome started = ledger.registry().startOrReuse(StartRequest.bySystem("scheduler", TENANT, type, context));
        assertInstanceOf(StartOutcome.Started.class, started);
        StartOutcome again = ledger.registry().startOrReuse(StartRequest.bySystem("scheduler", TENANT, type, context));
        assertInstanceOf(StartOutcome.Reused.class, again);
        assertEquals(started.run().id(), again.run().id());

        var runId = started.run().id();
        ledger.registry().markRunning(runId);
        ledger.registry().setTotal(runId, 3);
        ledger.registry().recordProgress(runId, ProgressDelta.succeeded(2));
        ledger.registry().recordItemFailure(runId, "page-3", ReasonCode.of("report.render_failed"),
                "renderer said: password=hunter2");
        Run done = ledger.registry().finish(runId);
        assertEquals(RunStatus.COMPLETED_WITH_ERRORS, done.status());
        assertEquals(context, done.context(), "the context survives the JSON round trip");

        assertEquals(1, ledger.queries().list(OWNER, TENANT, RunFilter.ALL, PageRequest.FIRST).runs().size());
        RunDetail detail = ledger.queries().detail(OWNER, TENANT, runId);
        assertEquals(1, detail.itemFailures().size());
        String stored = detail.itemFailures().get(0).message();
        assertFalse(stored.contains("hunter2"), "the secret is sanitized before it is stored: " + stored);
        assertTrue(stored.startsWith("renderer said"), stored);
    }

    private static HikariDataSource pool(String url, String user) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static String version(String group, String artifact, Class<?> type) throws IOException {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                return String.valueOf(type.getPackage().getImplementationVersion());
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }
}
