package dev.opsruns.jdbi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.Principal;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunStatistics;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.core.spi.StatisticsQuery;
import dev.opsruns.jdbi.testing.PostgresExtension;
import dev.opsruns.testkit.ManualClock;
import dev.opsruns.testkit.StatisticsAssertions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL statistics rollup against the exact read over the same runs. A read filtered by every
 * bucket there is means the same runs as no filter, and a bucket filter always takes the exact read,
 * so each test compares the two answers: counts and maxima equal, percentiles within the estimate.
 * Runs are inserted with the times each test needs, across ten days.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresStatisticsRollupTest {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    private static final TenantId TENANT = TenantId.of("tenant-rollup");
    private static final TenantId OTHER = TenantId.of("tenant-other");
    private static final Principal VIEWER = new Principal("viewer", "Viewer", Map.of(TENANT, TenantRole.READONLY));
    private static final RunFilter EVERY_BUCKET = RunFilter.ALL.withBuckets(EnumSet.allOf(StatusBucket.class));
    /** Ten days of runs end here; the clock stands a little later. */
    private static final Instant END = Instant.parse("2026-11-20T09:41:17.123456Z");

    private ManualClock clock;
    private RunLedger ledger;

    @BeforeEach
    void openLedger() {
        clock = new ManualClock(END.plus(Duration.ofMinutes(3)));
        ledger = DB.emptyLedger(RunsConfig.builder().clock(clock).build());
    }

    @Test
    void a_seven_day_read_comes_from_the_rollup_and_agrees_with_the_exact_read() throws SQLException {
        seed(TENANT, 4_000, END.minus(Duration.ofDays(10)), END, 1);
        seed(OTHER, 500, END.minus(Duration.ofDays(10)), END, 2);
        StatisticsWindow week = StatisticsWindow.last7Days(clock);

        assertAgrees(week);
        long hours = count("SELECT COUNT(*) FROM opsruns_statistics_hours WHERE tenant_id = '" + TENANT.value() + "'");
        assertTrue(hours > 7 * 24 * 3 / 2, "about one row per type and settled hour of the week: " + hours);
        assertEquals(0, count("SELECT COUNT(*) FROM opsruns_statistics_hours WHERE tenant_id = '" + OTHER.value() + "'"),
                "only the tenant read is rolled up");
        assertEquals(hours, count("SELECT COUNT(*) FROM opsruns_statistics_hours"));

        assertAgrees(week);
        assertEquals(hours, count("SELECT COUNT(*) FROM opsruns_statistics_hours"), "a second read rolls nothing up");
    }

    @Test
    void hours_that_settle_later_are_rolled_up_by_a_later_read_and_recent_runs_always_count() throws SQLException {
        seed(TENANT, 2_000, END.minus(Duration.ofDays(9)), END, 3);
        assertAgrees(StatisticsWindow.last7Days(clock));
        Instant markBefore = markTo();

        // two more hours of runs, the last of them ending a minute before the clock: not settled yet
        Instant later = END.plus(Duration.ofHours(2));
        seed(TENANT, 300, END, later, 4);
        clock.set(later.plus(Duration.ofMinutes(1)));
        assertAgrees(StatisticsWindow.last7Days(clock));
        assertTrue(markTo().isAfter(markBefore), "the mark moved on: " + markBefore + " -> " + markTo());
        assertTrue(!markTo().isAfter(clock.instant().minus(StatisticsRollup.SETTLED)), "only settled hours: " + markTo());
    }

    @Test
    void a_window_away_from_the_rolled_up_hours_rolls_up_the_gap_and_agrees() throws SQLException {
        seed(TENANT, 3_000, END.minus(Duration.ofDays(10)), END, 5);
        assertAgrees(StatisticsWindow.between(END.minus(Duration.ofDays(2)), END));
        assertAgrees(StatisticsWindow.between(END.minus(Duration.ofDays(10)), END.minus(Duration.ofDays(6))));
        assertAgrees(new StatisticsWindow(END.minus(Duration.ofDays(9)).minusSeconds(1234), END, Duration.ofHours(12)));
    }

    @Test
    void the_purge_forgets_the_hours_it_reaches_and_the_reads_stay_true() throws SQLException {
        seed(TENANT, 3_000, END.minus(Duration.ofDays(10)), END, 6);
        StatisticsWindow tenDays = new StatisticsWindow(END.minus(Duration.ofDays(10)), END, Duration.ofDays(1));
        assertAgrees(tenDays);
        Instant cutoff = END.minus(Duration.ofDays(6)).plusSeconds(1800);
        int purged = Jdbi.create(DB.dataSource()).inTransaction(h -> new PostgresDialect().purgeBatch(h, cutoff, 100_000));
        assertTrue(purged > 0, "something ended before the cutoff");
        assertEquals(0, count("SELECT COUNT(*) FROM opsruns_statistics_hours WHERE hour_start < '"
                + OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC) + "'"));
        assertFalse(markFrom().isBefore(cutoff), "the mark starts at the cutoff or later: " + markFrom());
        assertAgrees(tenDays);
    }

    @Test
    void a_bucket_filter_or_a_window_of_cut_hours_takes_the_exact_read_and_rolls_nothing_up() throws SQLException {
        seed(TENANT, 1_000, END.minus(Duration.ofDays(3)), END, 7);
        ledger.queries().statistics(VIEWER, TENANT, EVERY_BUCKET, StatisticsWindow.last7Days(clock));
        ledger.queries().statistics(VIEWER, TENANT, RunFilter.ALL, StatisticsWindow.last24Hours(clock));
        assertEquals(0, count("SELECT COUNT(*) FROM opsruns_statistics_hours"));
        assertEquals(0, count("SELECT COUNT(*) FROM opsruns_statistics_marks"));
    }

    @Test
    void readers_racing_to_roll_up_the_same_hours_all_get_the_same_answer() throws Exception {
        seed(TENANT, 2_000, END.minus(Duration.ofDays(8)), END, 8);
        StatisticsWindow week = StatisticsWindow.last7Days(clock);
        RunStatistics exact = ledger.queries().statistics(VIEWER, TENANT, EVERY_BUCKET, week);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RunStatistics>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<RunStatistics> read = () -> ledger.queries().statistics(VIEWER, TENANT, RunFilter.ALL, week);
                reads.add(pool.submit(read));
            }
            RunStatistics first = reads.get(0).get();
            for (Future<RunStatistics> read : reads) {
                assertEquals(first, read.get(), "every racer reads the same rollup");
            }
            assertClose(exact, first);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ helpers

    private void assertAgrees(StatisticsWindow window) {
        RunStatistics exact = ledger.queries().statistics(VIEWER, TENANT, EVERY_BUCKET, window);
        RunStatistics rolled = ledger.queries().statistics(VIEWER, TENANT, RunFilter.ALL, window);
        assertTrue(StatisticsRollup.plan(new StatisticsQuery(TENANT, Set.of(), Set.of(),
                window, clock.instant())).isPresent(), "the rollup answers " + window);
        assertFalse(exact.runTypes().isEmpty(), "runs in " + window);
        assertClose(exact, rolled);
    }

    private static void assertClose(RunStatistics exact, RunStatistics rolled) {
        StatisticsAssertions.assertAgree(exact.runTypes(), rolled.runTypes(), "rollup against exact in " + exact.window());
    }

    /**
     * Inserts {@code runs} runs of three types created evenly over [from, to): most ended (succeeded,
     * partly, failed with one of three reasons, or aborted before starting), some still running or queued;
     * durations from a second to an hour, queue latencies from a millisecond to ten minutes.
     */
    private static void seed(TenantId tenant, int runs, Instant from, Instant to, int seed) {
        DB.execute("SELECT setseed(0." + seed + ")", """
                INSERT INTO opsruns_runs (id, tenant_id, run_type, status, idempotency_key, initiator_kind, initiator_id,
                    initiator_name, context, total, succeeded, failed, created_at, started_at, heartbeat_at, finished_at,
                    failure_reason, failure_message)
                SELECT gen_random_uuid(), '%s', (ARRAY['drift.generate', 'backup.run', 'report.build'])[1 + g %% 3],
                       s.status, md5(random()::text), 'system', 'seed', 'seed', '{}'::jsonb, 10,
                       CASE WHEN s.status = 'completed' THEN 10 WHEN s.status = 'completed_with_errors' THEN 7 ELSE 0 END,
                       CASE WHEN s.status = 'completed_with_errors' THEN 3 ELSE 0 END,
                       t.created, t.started, t.started,
                       CASE WHEN s.status NOT IN ('pending', 'running') THEN COALESCE(t.started, t.created) + t.took END,
                       CASE WHEN s.status = 'failed' THEN (ARRAY['graph.throttled', 'source.timeout', 'job.unexpected_error'])[1 + g %% 3] END,
                       CASE WHEN s.status = 'failed' THEN 'seeded' END
                  FROM generate_series(1, %d) AS g,
                       LATERAL (SELECT CASE WHEN random() < 0.02 THEN 'pending' WHEN random() < 0.03 THEN 'running'
                                            WHEN random() < 0.04 THEN 'aborted' WHEN random() < 0.12 THEN 'failed'
                                            WHEN random() < 0.2 THEN 'completed_with_errors' ELSE 'completed' END AS status) s,
                       LATERAL (SELECT c AS created,
                                       CASE WHEN s.status NOT IN ('pending', 'aborted') THEN c + interval '1 millisecond'
                                            * floor(power(600000, random())) END AS started,
                                       interval '1 millisecond' * floor(1000 * power(3600, random())) AS took
                                  FROM (SELECT TIMESTAMPTZ '%s' + (TIMESTAMPTZ '%s' - TIMESTAMPTZ '%s') * (g - 1) / %d AS c) x) t
                """.formatted(tenant.value(), runs, from, to, from, runs));
        // runs may not end after the clock of the test: clip the few seeded later
        DB.execute("UPDATE opsruns_runs SET finished_at = TIMESTAMPTZ '" + to + "' WHERE finished_at > TIMESTAMPTZ '" + to + "'",
                "UPDATE opsruns_runs SET started_at = TIMESTAMPTZ '" + to + "', heartbeat_at = TIMESTAMPTZ '" + to
                        + "' WHERE started_at > TIMESTAMPTZ '" + to + "'");
    }

    private Instant markFrom() throws SQLException {
        return mark("rolled_from");
    }

    private Instant markTo() throws SQLException {
        return mark("rolled_to");
    }

    private static Instant mark(String column) throws SQLException {
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM opsruns_statistics_marks WHERE tenant_id = ?")) {
            ps.setString(1, TENANT.value());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the tenant has a mark");
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DB.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
