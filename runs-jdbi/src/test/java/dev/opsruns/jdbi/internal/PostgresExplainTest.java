package dev.opsruns.jdbi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.HeartbeatCutoffs;
import dev.opsruns.core.spi.PagePosition;
import dev.opsruns.jdbi.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store's own statements (from {@link Sql}, {@link RunFilterSql}, the dialect) against 200,000
 * runs in 100 tenants: each is PREPAREd and EXPLAINed both as a custom plan and as the generic plan
 * pgJDBC ends up with after five executions (DESIGN §12). None may scan opsruns_runs sequentially;
 * the list pages must come out of their index in order, without a sort; the bucket counts must be
 * answered by an index-only scan.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresExplainTest {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    private static final int RUNS = 200_000;
    private static final TenantId TENANT = TenantId.of("tenant-42");
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):([a-z_][a-z0-9_]*)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SUMMARY = new ArrayList<>();

    @BeforeAll
    static void seed() {
        DB.truncate();
        // one statement, not 200,000 API calls; every row satisfies the schema's constraints
        DB.execute("""
                INSERT INTO opsruns_runs (id, tenant_id, run_type, status, idempotency_key, initiator_kind,
                    initiator_id, initiator_name, context, total, succeeded, failed, created_at, started_at,
                    heartbeat_at, finished_at, failure_reason, failure_message)
                SELECT gen_random_uuid(), 'tenant-' || (g % 100),
                       (ARRAY['drift.generate', 'backup_set.add_policies', 'inventory.sync', 'policy.export',
                              'report.build'])[1 + (g / 100) % 5],
                       s.status, md5(g::text) || md5((g * 7)::text), 'system', 'seed', 'seed',
                       jsonb_build_object('n', g), 10, g % 5,
                       CASE WHEN s.status = 'completed' THEN 0 WHEN s.status = 'completed_with_errors' THEN 1 + g % 3
                            ELSE g % 2 END,
                       s.at,
                       CASE WHEN s.status <> 'pending' THEN s.at + interval '1 second' END,
                       CASE WHEN s.status <> 'pending' THEN s.at + interval '1 second' END,
                       CASE WHEN s.status NOT IN ('pending', 'running') THEN s.at + interval '2 minutes' END,
                       CASE WHEN s.status = 'failed' THEN 'seed.failure' END,
                       CASE WHEN s.status = 'failed' THEN 'seeded' END
                  FROM generate_series(1, RUNS) AS g,
                       LATERAL (SELECT CASE WHEN g % 500 = 0 THEN 'pending'
                                            WHEN g % 200 = 0 THEN 'running'
                                            WHEN g % 13 = 0 THEN 'failed'
                                            WHEN g % 7 = 0 THEN 'completed_with_errors'
                                            ELSE 'completed' END AS status,
                                       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute' AS at) AS s
                """.replace("RUNS", Integer.toString(RUNS)));
        DB.execute("VACUUM (ANALYZE) opsruns_runs"); // statistics, and the visibility map index-only scans need
    }

    @AfterAll
    static void cleanUp() {
        SUMMARY.forEach(System.out::println);
        DB.truncate();
    }

    @Test
    void the_seed_is_there() throws SQLException {
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT tenant_id) FROM opsruns_runs")) {
            rs.next();
            assertEquals(RUNS, rs.getLong(1));
            assertEquals(100, rs.getLong(2));
        }
    }

    @Test
    void the_list_pages_use_an_index() throws SQLException {
        Instant position = Instant.parse("2026-02-15T10:00:00Z");
        RunId positionId = RunId.generate(Clock.fixed(position, java.time.ZoneOffset.UTC));
        RunFilterSql first = RunFilterSql.of(TENANT, RunFilter.ALL, true);
        assertIndexedInOrder("list, newest page", Sql.listPage(first, false), params(first, 51));

        RunFilterSql older = RunFilterSql.of(TENANT, RunFilter.ALL, true)
                .beyond(PagePosition.Direction.OLDER, position, positionId.value());
        assertIndexedInOrder("list, an older page", Sql.listPage(older, false), params(older, 51));

        RunFilterSql newer = RunFilterSql.of(TENANT, RunFilter.ALL, true)
                .beyond(PagePosition.Direction.NEWER, position, positionId.value());
        assertIndexedInOrder("list, a newer page", Sql.listPage(newer, true), params(newer, 51));

        RunFilterSql byType = RunFilterSql.of(TENANT, RunFilter.ALL.withRunTypes(Set.of(RunType.of("drift.generate"))), true);
        assertIndexedInOrder("list, by run type", Sql.listPage(byType, false), params(byType, 51));

        RunFilterSql byBucket = RunFilterSql.of(TENANT, RunFilter.ALL.withBuckets(Set.of(StatusBucket.FAILED)), true);
        assertIndexedInOrder("list, by bucket", Sql.listPage(byBucket, false), params(byBucket, 51));

        RunFilterSql byTime = RunFilterSql.of(TENANT, RunFilter.ALL.withCreatedBetween(
                Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z")), true);
        assertIndexedInOrder("list, by time", Sql.listPage(byTime, false), params(byTime, 51));
    }

    @Test
    void the_bucket_counts_are_index_only() throws SQLException {
        RunFilterSql all = RunFilterSql.of(TENANT, RunFilter.ALL, false);
        assertIndexOnly("counts", Sql.countByBucket(all), params(all, null));

        RunFilterSql timed = RunFilterSql.of(TENANT, RunFilter.ALL.withCreatedBetween(
                Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z")), false);
        assertIndexOnly("counts, by time", Sql.countByBucket(timed), params(timed, null));

        RunFilterSql typed = RunFilterSql.of(TENANT, RunFilter.ALL.withRunTypes(
                Set.of(RunType.of("drift.generate"), RunType.of("report.build"))), false);
        assertIndexOnly("counts, by run type", Sql.countByBucket(typed), params(typed, null));
    }

    @Test
    void the_active_run_lookup_uses_the_partial_unique_index() throws SQLException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tenant", "'" + TENANT.value() + "'");
        p.put("key", "'" + "a".repeat(64) + "'");
        List<String> indexes = assertIndexed("active run by key", Sql.selectActiveRun(new PostgresDialect()), p);
        assertTrue(indexes.contains("opsruns_runs_active_key_ux"), "uses the partial unique index: " + indexes);
    }

    @Test
    void the_reaper_finds_stale_and_never_started_runs_by_index() throws SQLException {
        StaleRunSql stale = new StaleRunSql(new HeartbeatCutoffs(Instant.parse("2026-03-01T00:00:00Z"), Map.of()));
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cutoff", "'2026-03-01T00:00:00Z'");
        p.put("limit", "500");
        assertIndexed("reaper, stale runs", stale.sql(), p);
        assertIndexed("reaper, never started", Sql.NEVER_STARTED_CANDIDATES, p);
    }

    private static Map<String, String> params(RunFilterSql where, Integer limit) {
        Map<String, String> literals = new LinkedHashMap<>();
        String condition = where.condition();
        Matcher m = PARAMETER.matcher(condition);
        while (m.find()) {
            String name = m.group(1);
            literals.put(name, switch (name) {
                case "tenant" -> "'" + TENANT.value() + "'";
                case "from" -> "'2026-02-01T00:00:00Z'";
                case "to" -> "'2026-03-01T00:00:00Z'";
                case "pos_at" -> "'2026-02-15T10:00:00Z'";
                case "pos_id" -> "'" + RunId.generate(Clock.systemUTC()) + "'";
                default -> name.startsWith("type") ? "'drift.generate'" : "'failed'";
            });
        }
        if (limit != null) {
            literals.put("limit", limit.toString());
        }
        return literals;
    }

    /** EXPLAINs the statement with a custom and a generic plan; returns the indexes used. */
    private static List<String> assertIndexed(String what, String namedSql, Map<String, String> literals) throws SQLException {
        List<String> indexes = new ArrayList<>();
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            List<JsonNode> nodes = plan(namedSql, literals, mode);
            for (JsonNode n : nodes) {
                assertFalse("Seq Scan".equals(n.path("Node Type").asText()) && "opsruns_runs".equals(n.path("Relation Name").asText()),
                        what + " (" + mode + ") scans opsruns_runs sequentially: " + nodes);
                if (n.has("Index Name")) {
                    indexes.add(n.get("Index Name").asText());
                }
            }
            assertFalse(indexes.isEmpty(), what + " (" + mode + ") uses no index: " + nodes);
            SUMMARY.add(String.format("EXPLAIN %-26s %-19s %s", what, mode, describe(nodes)));
        }
        return indexes;
    }

    /** As {@link #assertIndexed}, and the rows come out of the index in the list's order: no sort of the matches. */
    private static void assertIndexedInOrder(String what, String namedSql, Map<String, String> literals) throws SQLException {
        assertIndexed(what, namedSql, literals);
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            List<JsonNode> nodes = plan(namedSql, literals, mode);
            assertFalse(nodes.stream().anyMatch(n -> n.path("Node Type").asText().contains("Sort")),
                    what + " (" + mode + ") sorts its matches: " + nodes);
        }
    }

    private static void assertIndexOnly(String what, String namedSql, Map<String, String> literals) throws SQLException {
        assertIndexed(what, namedSql, literals);
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            List<JsonNode> nodes = plan(namedSql, literals, mode);
            assertTrue(nodes.stream().anyMatch(n -> "Index Only Scan".equals(n.path("Node Type").asText())),
                    what + " (" + mode + ") is not index-only: " + nodes);
        }
    }

    private static String describe(List<JsonNode> nodes) {
        List<String> parts = new ArrayList<>();
        for (JsonNode n : nodes) {
            if (n.has("Index Name")) {
                parts.add(n.get("Node Type").asText() + " using " + n.get("Index Name").asText()
                        + (n.has("Index Cond") ? " on " + n.get("Index Cond").asText() : ""));
            }
        }
        return String.join(", ", parts);
    }

    /** PREPAREs the statement with positional parameters, then EXPLAINs an EXECUTE of it. */
    private static List<JsonNode> plan(String namedSql, Map<String, String> literals, String planCacheMode) throws SQLException {
        Map<String, Integer> positions = new LinkedHashMap<>();
        Matcher m = PARAMETER.matcher(namedSql);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            int position = positions.computeIfAbsent(m.group(1), k -> positions.size() + 1);
            m.appendReplacement(sql, "\\$" + position);
        }
        m.appendTail(sql);
        List<String> values = new ArrayList<>();
        for (String name : positions.keySet()) {
            String literal = literals.get(name);
            if (literal == null) {
                throw new IllegalArgumentException("no value for :" + name + " in " + namedSql);
            }
            values.add(literal);
        }
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = " + planCacheMode);
            s.execute("PREPARE explained AS " + sql);
            try (ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE explained"
                    + (values.isEmpty() ? "" : "(" + String.join(", ", values) + ")"))) {
                rs.next();
                List<JsonNode> nodes = new ArrayList<>();
                collect(JSON.readTree(rs.getString(1)).get(0).get("Plan"), nodes);
                return nodes;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            } finally {
                s.execute("DEALLOCATE explained");
                s.execute("RESET plan_cache_mode");
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        into.add(node);
        for (JsonNode child : node.path("Plans")) {
            collect(child, into);
        }
    }
}
