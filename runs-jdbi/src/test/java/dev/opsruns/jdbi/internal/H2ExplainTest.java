package dev.opsruns.jdbi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.PagePosition;
import dev.opsruns.jdbi.testing.H2Extension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monitoring list's statements on H2 against 100,000 runs in 20 tenants, run under EXPLAIN
 * ANALYZE: a page filtered by nothing, by one run type, by one bucket or by an initiator must read
 * its index in the list's order and stop at the page's limit, not read every matching row and sort
 * them. H2 only does so when the ORDER BY names the index's leading columns (see
 * {@link RunFilterSql#pinnedColumns()}), so this fails when they are left out.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class H2ExplainTest {

    @RegisterExtension
    static final H2Extension DB = H2Extension.inFile();

    private static final int RUNS = 100_000;
    private static final int LIMIT = 51;
    private static final TenantId TENANT = TenantId.of("tenant-7");
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");
    private static final List<String> SUMMARY = new ArrayList<>();

    @BeforeAll
    static void seed() throws SQLException {
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement()) {
            // one statement, not 100,000 API calls; every row satisfies the schema's constraints
            s.execute("""
                    INSERT INTO opsruns_runs (id, tenant_id, run_type, status, idempotency_key, initiator_kind,
                        initiator_id, initiator_name, context, total, succeeded, failed, created_at, started_at,
                        heartbeat_at, finished_at, failure_reason, failure_message)
                    SELECT RANDOM_UUID(), 'tenant-' || MOD(X, 20),
                           ARRAY['drift.generate', 'backup_set.add_policies', 'inventory.sync', 'policy.export',
                                 'report.build'][1 + MOD(X / 20, 5)],
                           ST, RAWTOHEX(HASH('SHA-256', CAST(X AS VARCHAR))), 'user', 'user-' || MOD(X / 100, 10),
                           'seed', JSON '{}', 10, MOD(X, 5),
                           CASE WHEN ST = 'completed' THEN 0 WHEN ST = 'completed_with_errors' THEN 1 + MOD(X, 3)
                                ELSE MOD(X, 2) END,
                           AT,
                           CASE WHEN ST <> 'pending' THEN DATEADD(SECOND, 1, AT) END,
                           CASE WHEN ST <> 'pending' THEN DATEADD(SECOND, 1, AT) END,
                           CASE WHEN ST NOT IN ('pending', 'running') THEN DATEADD(MINUTE, 2, AT) END,
                           CASE WHEN ST = 'failed' THEN 'seed.failure' END,
                           CASE WHEN ST = 'failed' THEN 'seeded' END
                      FROM (SELECT X,
                                   CASE WHEN MOD(X, 500) = 0 THEN 'pending'
                                        WHEN MOD(X, 200) = 0 THEN 'running'
                                        WHEN MOD(X, 13) = 0 THEN 'failed'
                                        WHEN MOD(X, 7) = 0 THEN 'completed_with_errors'
                                        ELSE 'completed' END AS ST,
                                   DATEADD(MINUTE, X, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00') AS AT
                              FROM SYSTEM_RANGE(1, RUNS))
                    """.replace("RUNS", Integer.toString(RUNS)));
            s.execute("ANALYZE");
        }
    }

    @AfterAll
    static void summary() {
        SUMMARY.forEach(System.out::println);
    }

    @Test
    void the_seed_is_there() {
        long rows = Jdbi.create(DB.dataSource()).withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM opsruns_runs WHERE tenant_id = :t").bind("t", TENANT.value()).mapTo(Long.class).one());
        assertEquals(RUNS / 20, rows);
    }

    @Test
    void the_newest_page_reads_only_the_page() {
        assertReadsOnlyThePage("list, newest page", RunFilterSql.of(TENANT, RunFilter.ALL, true));
    }

    @Test
    void a_page_of_one_run_type_reads_only_the_page() {
        assertReadsOnlyThePage("list, one run type",
                RunFilterSql.of(TENANT, RunFilter.ALL.withRunTypes(Set.of(RunType.of("inventory.sync"))), true));
    }

    @Test
    void a_page_of_one_bucket_reads_only_the_page() {
        assertReadsOnlyThePage("list, one bucket",
                RunFilterSql.of(TENANT, RunFilter.ALL.withBuckets(Set.of(StatusBucket.PARTIALLY_SUCCEEDED)), true));
    }

    @Test
    void an_older_page_of_one_bucket_reads_only_the_page() {
        Instant position = Instant.parse("2026-02-15T10:00:00Z");
        RunFilterSql older = RunFilterSql.of(TENANT, RunFilter.ALL.withBuckets(Set.of(StatusBucket.SUCCEEDED)), true)
                .beyond(PagePosition.Direction.OLDER, position, RunId.generate(Clock.fixed(position, ZoneOffset.UTC)).value());
        assertReadsOnlyThePage("list, one bucket, older page", older);
    }

    @Test
    void a_page_of_one_initiator_reads_only_the_page() {
        assertReadsOnlyThePage("list, one initiator",
                RunFilterSql.of(TENANT, RunFilter.ALL.withInitiator("user-3"), true));
    }

    private static void assertReadsOnlyThePage(String what, RunFilterSql where) {
        String plan = Jdbi.create(DB.dataSource()).withHandle(h -> where.bind(
                h.createQuery("EXPLAIN ANALYZE " + Sql.listPage(where, false))).bind("limit", LIMIT).mapTo(String.class).one());
        Matcher scanned = SCAN_COUNT.matcher(plan);
        assertTrue(scanned.find(), what + ": no scan count in " + plan);
        int rows = Integer.parseInt(scanned.group(1));
        SUMMARY.add(String.format(Locale.ROOT, "EXPLAIN ANALYZE %-30s scanned %,d rows", what, rows));
        // a run at the position's edge or a row the filter drops may be read too, never the whole range
        assertTrue(rows <= 2 * LIMIT, what + " read " + rows + " rows for a page of " + LIMIT + ":\n" + plan);
    }
}
