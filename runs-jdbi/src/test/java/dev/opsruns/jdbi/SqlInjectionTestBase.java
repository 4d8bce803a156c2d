package dev.opsruns.jdbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.Notification;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.jdbi.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Every caller string the store writes or filters on, filled with SQL and JSON meta-characters: it is
 * stored and read back verbatim, matches only itself, and no statement is ever broken or injected.
 * (Run types and reason codes cannot hold quotes: their formats are validated.)
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class SqlInjectionTestBase {

    private static final TenantId EVIL_TENANT = TenantId.of("t';DROP/**/TABLE/**/opsruns_runs;--");
    private static final TenantId LIKE_TENANT = TenantId.of("t'%");
    private static final Principal EVIL_USER = new Principal("u'||(SELECT/**/1)||'", "O'Brien\"; DELETE FROM opsruns_notifications; --",
            Map.of(EVIL_TENANT, TenantRole.OWNER, LIKE_TENANT, TenantRole.OWNER));
    private static final RunType TYPE = RunType.of("drift.generate");

    private RunLedger ledger;

    abstract TestDatabase db();

    @BeforeEach
    void openLedger() {
        ledger = db().emptyLedger(RunsConfig.defaults());
    }

    @Test
    void hostile_tenant_ids_user_names_and_context_values_round_trip_verbatim() throws SQLException {
        RunContext context = RunContext.builder()
                .put("scope_key", "x'); DROP TABLE opsruns_runs; --")
                .put("json", "\"},{\"injected\":true,\"a\":\"")
                .put("backslash", "\\'\\\"\\\\")
                .put("nested", Map.of("k'ey", List.of("'", "\"", "--", "/*", "$1", ":tenant", "?")))
                .put("unicode", "Grüße ✓ 𝄞 \u2028")
                .build();
        StartOutcome outcome = ledger.registry().startOrReuse(StartRequest.byUser(EVIL_USER, EVIL_TENANT, TYPE, context));
        Run run = outcome.run();
        Run read = ledger.registry().get(run.id());
        assertEquals(run, read, "stored and read back exactly");
        assertEquals(context, read.context());
        assertEquals(EVIL_TENANT, read.tenantId());
        assertEquals(EVIL_USER.asInitiator(), read.initiator());

        // the same request finds the same active run: the key and tenant match as plain values
        assertTrue(ledger.registry().startOrReuse(StartRequest.byUser(EVIL_USER, EVIL_TENANT, TYPE, context)).reused());
        assertTablesIntact(1);
    }

    @Test
    void hostile_item_keys_and_messages_are_stored_verbatim_apart_from_sanitizing() throws SQLException {
        Run run = ledger.registry().startOrReuse(StartRequest.byUser(EVIL_USER, EVIL_TENANT, TYPE, RunContext.empty())).run();
        ledger.registry().markRunning(run.id());
        String itemKey = "policy'); DELETE FROM opsruns_item_failures WHERE ('1'='1";
        String message = "it's \"quoted\"; DROP TABLE opsruns_notifications; -- and :id and $1 and ?";
        ledger.registry().recordItemFailure(run.id(), itemKey, ReasonCode.of("graph.forbidden"), message);
        ledger.registry().recordProgress(run.id(), ProgressDelta.succeeded(1));
        Run failed = ledger.registry().fail(run.id(), ReasonCode.of("graph.throttled"), message);

        RunDetail detail = ledger.queries().detail(EVIL_USER, EVIL_TENANT, run.id());
        assertEquals(itemKey, detail.itemFailures().get(0).itemKey());
        assertEquals(RunsConfig.defaults().sanitizer().sanitize(message), detail.itemFailures().get(0).message());
        assertEquals(RunsConfig.defaults().sanitizer().sanitize(message), failed.failure().message());
        List<Notification> inbox = ledger.notifications().list(EVIL_USER, EVIL_TENANT, false, 10);
        assertEquals(2, inbox.size(), "queued and failed");
        assertEquals(2, ledger.notifications().markRead(EVIL_USER, EVIL_TENANT, List.of()));
        assertTablesIntact(1);
    }

    @Test
    void hostile_user_and_tenant_ids_keep_visits_apart_and_break_nothing() throws SQLException {
        Run run = ledger.registry().startOrReuse(StartRequest.byUser(EVIL_USER, EVIL_TENANT, TYPE, RunContext.empty())).run();
        ledger.queries().markVisited(EVIL_USER, EVIL_TENANT);
        ledger.registry().fail(run.id(), ReasonCode.of("graph.throttled"), "after the visit");
        assertEquals(1, ledger.queries().newFailures(EVIL_USER, EVIL_TENANT).count());
        assertTrue(ledger.queries().newFailures(EVIL_USER, LIKE_TENANT).lastVisit().isEmpty(), "a visit matches only its tenant");
        assertTablesIntact(1);
    }

    @Test
    void a_tenant_id_with_quotes_and_wildcards_matches_only_itself() throws SQLException {
        ledger.registry().startOrReuse(StartRequest.byUser(EVIL_USER, EVIL_TENANT, TYPE, RunContext.empty()));
        ledger.registry().startOrReuse(StartRequest.byUser(EVIL_USER, LIKE_TENANT, TYPE, RunContext.empty()));
        Principal plain = new Principal("plain", "Plain", Map.of(TenantId.of("t"), TenantRole.OWNER));
        assertEquals(0, ledger.queries().countByBucket(plain, TenantId.of("t"), RunFilter.ALL).total());
        assertEquals(1, ledger.queries().countByBucket(EVIL_USER, LIKE_TENANT, RunFilter.ALL).total());
        assertEquals(1, ledger.queries().list(EVIL_USER, EVIL_TENANT, RunFilter.ALL, PageRequest.FIRST).runs().size());
        assertTablesIntact(2);
    }

    @Test
    void a_hostile_cursor_is_refused_as_bad_input_before_any_sql() throws SQLException {
        ledger.registry().startOrReuse(StartRequest.byUser(EVIL_USER, EVIL_TENANT, TYPE, RunContext.empty()));
        for (String cursor : List.of("'; DROP TABLE opsruns_runs; --", "AAAA' OR '1'='1", "%27%3B--", "\u0000")) {
            assertThrows(InvalidRunInputException.class, () -> ledger.queries()
                    .list(EVIL_USER, EVIL_TENANT, RunFilter.ALL, new PageRequest(10, cursor)));
        }
        RunPage page = ledger.queries().list(EVIL_USER, EVIL_TENANT,
                RunFilter.ALL.withRunTypes(Set.of(TYPE)), PageRequest.first(1));
        assertEquals(1, page.runs().size());
        assertTablesIntact(1);
    }

    /** @return the tables the store's statements touch on this database */
    private List<String> tables() {
        List<String> tables = new ArrayList<>(List.of("opsruns_runs", "opsruns_item_failures", "opsruns_notifications",
                "opsruns_visits"));
        if (db().vendor() == DatabaseVendor.POSTGRESQL) {
            tables.addAll(List.of("opsruns_statistics_hours", "opsruns_statistics_marks"));
        }
        return tables;
    }

    private void assertTablesIntact(int runs) throws SQLException {
        try (Connection c = db().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : tables()) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    if (table.equals("opsruns_runs")) {
                        assertEquals(runs, rs.getLong(1), "runs");
                    }
                }
            }
        }
    }
}
