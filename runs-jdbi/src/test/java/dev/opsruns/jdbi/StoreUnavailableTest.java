package dev.opsruns.jdbi;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RunAccessDeniedException;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStoreUnavailableException;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database that cannot be reached: every call fails with {@link RunStoreUnavailableException}
 * carrying the driver's exception as its cause, never a raw {@code SQLException} or JDBI exception.
 * The ledger itself can be created while the database is down (the vendor is detected on first use).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreUnavailableTest {

    private static final TenantId TENANT = TenantId.of("tenant-a");
    private static final Principal OWNER = new Principal("owner", "Owner", Map.of(TENANT, TenantRole.OWNER));

    @Test
    void postgresql_on_a_closed_port() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:1/opsruns?connectTimeout=2");
        ds.setUser("postgres");
        assertUnavailable(ds);
    }

    @Test
    void postgresql_on_a_closed_port_behind_a_pool_that_times_out() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/opsruns?connectTimeout=1");
        config.setUsername("postgres");
        config.setConnectionTimeout(250);
        config.setInitializationFailTimeout(-1); // a pool that starts while its database is down
        try (HikariDataSource ds = new HikariDataSource(config)) {
            assertUnavailable(ds);
        }
    }

    @Test
    void h2_server_on_a_closed_port() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:tcp://127.0.0.1:1/mem:opsruns");
        assertUnavailable(ds);
    }

    @Test
    void h2_after_the_database_was_shut_down() throws SQLException {
        String name = "closed_" + UUID.randomUUID().toString().replace("-", "");
        JdbcDataSource create = new JdbcDataSource();
        create.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        OpsRunsMigrations.migrate(create);
        JdbcDataSource existingOnly = new JdbcDataSource();
        existingOnly.setURL("jdbc:h2:mem:" + name + ";IFEXISTS=TRUE");
        JdbiRunLedger ledger = JdbiRunLedger.create(existingOnly, RunsConfig.defaults());
        RunId run = ledger.registry().startOrReuse(StartRequest.bySystem("test", TENANT, RunType.of("a.b"),
                RunContext.empty())).run().id();
        try (Connection c = create.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        assertUnavailable(ledger, run);
    }

    @Test
    void access_and_bad_input_are_refused_before_the_database_is_touched() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:1/opsruns?connectTimeout=2");
        JdbiRunLedger ledger = JdbiRunLedger.create(ds, RunsConfig.defaults());
        Principal readonly = new Principal("reader", "Reader", Map.of(TENANT, TenantRole.READONLY));
        Principal outsider = new Principal("outsider", "Outsider", Map.of());
        RunId run = RunId.generate(Clock.systemUTC());
        assertThrows(RunAccessDeniedException.class, () -> ledger.registry().startOrReuse(
                StartRequest.byUser(readonly, TENANT, RunType.of("drift.generate"), RunContext.empty())));
        assertThrows(RunAccessDeniedException.class, () -> ledger.queries().list(outsider, TENANT, RunFilter.ALL,
                PageRequest.FIRST));
        assertThrows(RunAccessDeniedException.class, () -> ledger.queries().detail(outsider, TENANT, run));
        assertThrows(RunAccessDeniedException.class, () -> ledger.notifications().list(outsider, TENANT, false, 10));
        assertThrows(InvalidRunInputException.class, () -> ledger.registry().startOrReuse(null));
        assertThrows(InvalidRunInputException.class, () -> ledger.registry().setTotal(run, -1));
        assertThrows(InvalidRunInputException.class, () -> ledger.registry().recordItemFailure(run, " ",
                ReasonCode.of("a.b"), "m"));
        assertThrows(InvalidRunInputException.class, () -> ledger.queries().list(OWNER, TENANT, RunFilter.ALL,
                new PageRequest(10, "not-a-cursor")));
        assertThrows(InvalidRunInputException.class, () -> ledger.maintenance().purgeEndedRuns(null));
    }

    private static void assertUnavailable(DataSource ds) {
        assertUnavailable(JdbiRunLedger.create(ds, RunsConfig.defaults()), RunId.generate(Clock.systemUTC()));
    }

    private static void assertUnavailable(JdbiRunLedger ledger, RunId run) {
        check("start", () -> ledger.registry().startOrReuse(
                StartRequest.byUser(OWNER, TENANT, RunType.of("drift.generate"), RunContext.empty())));
        check("progress", () -> ledger.registry().recordProgress(run, ProgressDelta.succeeded(1)));
        check("list", () -> ledger.queries().list(OWNER, TENANT, RunFilter.ALL, PageRequest.FIRST));
    }

    private static void check(String call, Runnable action) {
        RunStoreUnavailableException e = assertThrows(RunStoreUnavailableException.class, action::run, call);
        assertNotNull(e.getCause(), call + ": the driver's exception is the cause");
        assertTrue(e.getMessage().contains("nothing was changed"), call + ": " + e.getMessage());
    }
}
