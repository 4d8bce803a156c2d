package dev.opsruns.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Fills {@code opsruns_runs} with set-based SQL: one {@code INSERT ... SELECT} over a generated range
 * per data set, with the secondary indexes rebuilt afterwards. Random draws are integers in [0, 1,000,000) so that H2 stays in integer arithmetic.
 *
 * <p>The shape of the data: {@code tenants} tenants named {@code tenant-0000}.., skewed as real tenants
 * are (tenant k gets {@code sqrt((k+1)/T) - sqrt(k/T)} of the runs: with 1,000,000 runs over 1,000
 * tenants the largest has about 32,000 runs, the smallest about 500), six run types (30/25/20/10/10/5 %),
 * every status, counts and times consistent with the status (the schema's checks hold), system
 * initiators, and UUIDv7 ids carrying the run's creation millisecond.
 */
final class Seeds {

    /** Days of history in the monitoring data set. */
    static final int HISTORY_DAYS = 60;

    private static final long DAY_MS = 86_400_000L;
    private static final long MILLION = 1_000_000L;

    /** Which runs a data set holds, and when they were created. */
    enum Kind {
        /**
         * The monitoring set: 3 % pending and 5 % running (created in the last day), 70 % completed, 12 %
         * completed with errors, 8 % failed, 2 % aborted, created over the last {@value #HISTORY_DAYS} days.
         */
        MONITORING(1, 0, HISTORY_DAYS),
        /** Ended runs only, created 100 to 130 days ago. */
        ENDED_100_DAYS_AGO(2, 100, 30),
        /** Ended runs only, created 200 to 230 days ago. */
        ENDED_200_DAYS_AGO(3, 200, 30);

        final int tag;
        final long minAgeDays;
        final long spanDays;

        Kind(int tag, long minAgeDays, long spanDays) {
            this.tag = tag;
            this.minAgeDays = minAgeDays;
            this.spanDays = spanDays;
        }
    }

    /** The tenant of the statistics runs mixed into the monitoring set. */
    static final String STATISTICS_TENANT = "tenant-stats";
    /** Days of history of the statistics tenant: the longest named statistics window. */
    static final int STATISTICS_DAYS = 30;

    private Seeds() {
    }

    /**
     * Inserts {@code count} runs in one statement.
     *
     * @param c a connection in auto-commit mode
     * @param database the vendor
     * @param kind which data set (one set of each kind per table: the kind is part of every id and key)
     * @param count how many runs
     * @param tenants over how many tenants
     * @param reference the "now" the data is generated around
     * @return the runs inserted
     */
    static long insert(Connection c, Database database, Kind kind, long count, int tenants, Instant reference)
            throws SQLException {
        return insert(c, database, kind, count, tenants, 0, reference);
    }

    /**
     * Inserts the monitoring set with the statistics tenant's runs among them, in one statement: every
     * {@code count / statisticsRuns}-th generated row is a run of {@value #STATISTICS_TENANT}, so that
     * tenant's rows are spread over the whole table as a busy tenant's are (not in one stretch of pages),
     * created over the last {@value #STATISTICS_DAYS} days, with skewed durations (1 s to 30 min, most
     * short), queue latencies from 0.2 s to a minute (most short) and five failure reasons (40/25/20/10/5 %).
     *
     * @param c a connection in auto-commit mode
     * @param database the vendor
     * @param count how many runs in all
     * @param tenants over how many tenants the other runs are spread
     * @param statisticsRuns how many of them belong to the statistics tenant (at most {@code count})
     * @param reference the "now" the data is generated around
     * @return the runs inserted
     */
    static long insertMonitoring(Connection c, Database database, long count, int tenants, long statisticsRuns,
            Instant reference) throws SQLException {
        return insert(c, database, Kind.MONITORING, count, tenants, statisticsRuns == 0 ? 0 : count / statisticsRuns,
                reference);
    }

    private static long insert(Connection c, Database database, Kind kind, long count, int tenants, long statisticsEvery,
            Instant reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql(Fragments.of(database), kind, tenants, statisticsEvery))) {
            ps.setLong(1, reference.toEpochMilli());
            ps.setLong(2, count);
            return ps.executeLargeUpdate();
        }
    }

    /**
     * Stores one item failure row for each partially succeeded run of the statistics tenant (the rows
     * its runs' detail pages would list), in one statement, and counts it in the run.
     *
     * @param c a connection in auto-commit mode
     * @return the rows stored
     */
    static long insertStatisticsItemFailures(Connection c) throws SQLException {
        long stored;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO opsruns_item_failures (run_id, seq, item_key, reason_code, message, occurred_at)
                SELECT id, 1, 'policy-' || CAST(total AS VARCHAR),
                       CASE WHEN MOD(total, 3) = 0 THEN 'graph.not_found' ELSE 'graph.throttled' END,
                       'Graph API returned an error for this item', finished_at
                  FROM opsruns_runs WHERE tenant_id = ? AND status = 'completed_with_errors'""")) {
            ps.setString(1, STATISTICS_TENANT);
            stored = ps.executeLargeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE opsruns_runs SET failures_stored = 1 WHERE tenant_id = ? AND status = 'completed_with_errors'")) {
            ps.setString(1, STATISTICS_TENANT);
            ps.executeLargeUpdate();
        }
        return stored;
    }

    /**
     * Runs a bulk load with the secondary indexes of {@code opsruns_runs} dropped, then rebuilds them
     * from the definitions the database reports: a sorted build is several times faster than a million
     * index insertions on both vendors. Constraint indexes (the primary key) stay.
     */
    static void withIndexesRebuilt(Connection c, Database database, SqlWork load) throws SQLException {
        List<String[]> indexes = secondaryIndexes(c, database);
        try (Statement s = c.createStatement()) {
            for (String[] index : indexes) {
                s.execute("DROP INDEX " + index[0]);
            }
            load.run();
            if (database == Database.POSTGRES) {
                s.execute("SET maintenance_work_mem = '256MB'");
            }
            for (String[] index : indexes) {
                s.execute(index[1]);
            }
            if (database == Database.POSTGRES) {
                s.execute("RESET maintenance_work_mem");
            }
        }
    }

    /** @return name and CREATE statement of each index of opsruns_runs that backs no constraint */
    private static List<String[]> secondaryIndexes(Connection c, Database database) throws SQLException {
        List<String[]> indexes = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            switch (database) {
                case POSTGRES -> {
                    try (ResultSet rs = s.executeQuery("""
                            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                              FROM pg_index i
                             WHERE i.indrelid = 'opsruns_runs'::regclass
                               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)""")) {
                        while (rs.next()) {
                            indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                        }
                    }
                }
                case H2 -> {
                    String name = null;
                    StringBuilder ddl = null;
                    try (ResultSet rs = s.executeQuery("""
                            SELECT i.INDEX_NAME, i.INDEX_TYPE_NAME, ic.COLUMN_NAME, ic.ORDERING_SPECIFICATION
                              FROM INFORMATION_SCHEMA.INDEXES i
                              JOIN INFORMATION_SCHEMA.INDEX_COLUMNS ic
                                ON ic.INDEX_SCHEMA = i.INDEX_SCHEMA AND ic.INDEX_NAME = i.INDEX_NAME
                             WHERE i.TABLE_NAME = 'OPSRUNS_RUNS' AND i.INDEX_TYPE_NAME IN ('INDEX', 'UNIQUE INDEX')
                               AND NOT EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS k
                                                WHERE k.INDEX_NAME = i.INDEX_NAME AND k.INDEX_SCHEMA = i.INDEX_SCHEMA)
                             ORDER BY i.INDEX_NAME, ic.ORDINAL_POSITION""")) {
                        while (rs.next()) {
                            if (!rs.getString(1).equals(name)) {
                                if (ddl != null) {
                                    indexes.add(new String[] {name, ddl.append(')').toString()});
                                }
                                name = rs.getString(1);
                                ddl = new StringBuilder("CREATE ").append(rs.getString(2)).append(' ').append(name)
                                        .append(" ON opsruns_runs (");
                            } else {
                                ddl.append(", ");
                            }
                            ddl.append(rs.getString(3)).append(' ').append(rs.getString(4));
                        }
                    }
                    if (ddl != null) {
                        indexes.add(new String[] {name, ddl.append(')').toString()});
                    }
                }
            }
        }
        return indexes;
    }

    /** A bulk load. */
    @FunctionalInterface
    interface SqlWork {
        void run() throws SQLException;
    }

    /**
     * Makes the planner's statistics current and, on PostgreSQL, sets the visibility map (as in a table
     * at steady state, so index-only scans need no heap visits) and checkpoints, so that the seed's WAL
     * is not flushed during the measurements.
     *
     * @param c a connection in auto-commit mode
     * @param database the vendor
     */
    static void settle(Connection c, Database database) throws SQLException {
        try (Statement s = c.createStatement()) {
            switch (database) {
                case POSTGRES -> {
                    s.execute("VACUUM (ANALYZE) opsruns_runs");
                    s.execute("CHECKPOINT");
                }
                case H2 -> s.execute("ANALYZE");
            }
        }
    }

    /** Empties the runs table (and what references it). */
    static void truncate(Connection c, Database database) throws SQLException {
        try (Statement s = c.createStatement()) {
            switch (database) {
                case POSTGRES -> s.execute("TRUNCATE opsruns_item_failures, opsruns_notifications, opsruns_runs,"
                        + " opsruns_statistics_hours, opsruns_statistics_marks");
                case H2 -> {
                    // H2 cannot truncate a table other tables reference; here it is nearly empty anyway
                    s.execute("DELETE FROM opsruns_item_failures");
                    s.execute("DELETE FROM opsruns_notifications");
                    s.execute("DELETE FROM opsruns_runs");
                }
            }
        }
    }

    /*
     * Three levels: the random draws (fenced with OFFSET 0 so that each draw is taken once per row, not
     * once per reference), the status and sizes they decide, then the counts and times that follow.
     */
    private static String sql(Fragments f, Kind kind, int tenants, long statisticsEvery) {
        String stats = statisticsEvery > 0 ? "MOD(g, " + statisticsEvery + ") = 0" : "1 = 0";
        String status = kind == Kind.MONITORING ? """
                CASE WHEN r_status < 30000 THEN 'pending' WHEN r_status < 80000 THEN 'running'
                     WHEN r_status < 780000 THEN 'completed' WHEN r_status < 900000 THEN 'completed_with_errors'
                     WHEN r_status < 980000 THEN 'failed' ELSE 'aborted' END""" : """
                CASE WHEN r_status < 800000 THEN 'completed' WHEN r_status < 920000 THEN 'completed_with_errors'
                     WHEN r_status < 990000 THEN 'failed' ELSE 'aborted' END""";
        // how long before the reference the run was created; active runs are recent
        String age = kind.minAgeDays * DAY_MS + " + " + (kind == Kind.MONITORING
                ? "CASE WHEN status IN ('pending', 'running') THEN r_age * " + DAY_MS / 1000 + " / 1000"
                        + " WHEN " + stats + " THEN r_age * " + STATISTICS_DAYS * DAY_MS / 1000 + " / 1000"
                        + " ELSE r_age * " + kind.spanDays * DAY_MS / 1000 + " / 1000 END"
                : "r_age * " + kind.spanDays * DAY_MS / 1000 + " / 1000");
        String tag = String.format("%03x", kind.tag);
        return """
                INSERT INTO opsruns_runs (id, tenant_id, run_type, status, idempotency_key, initiator_kind, initiator_id,
                        initiator_name, context, total, succeeded, failed, skipped, failures_recorded, failures_stored,
                        failure_reason, failure_message, created_at, started_at, finished_at, heartbeat_at)
                SELECT CAST(%1$s || '7%2$s8' || %3$s AS UUID),
                       tenant_id, run_type, status, %4$s, 'system', 'bench-seed', 'bench-seed', %5$s,
                       total, succeeded, failed, 0, failed, 0,
                       CASE WHEN status IN ('failed', 'aborted') THEN reason END,
                       CASE WHEN status IN ('failed', 'aborted')
                            THEN 'Graph API 429 Too Many Requests (request-id 5f1c0b7e); retry after 30 s' END,
                       %6$s,
                       CASE WHEN status <> 'pending' THEN %7$s END,
                       CASE WHEN status NOT IN ('pending', 'running') THEN %8$s END,
                       CASE WHEN status <> 'pending' THEN %8$s END
                  FROM (SELECT c.*, ref_ms - (%9$s) AS created_ms,
                               CASE status WHEN 'completed' THEN total
                                           WHEN 'completed_with_errors' THEN total - failed_cwe
                                           WHEN 'running' THEN r_fail * total / 1000000
                                           WHEN 'pending' THEN 0
                                           ELSE r_fail * total / 2000000 END AS succeeded,
                               CASE status WHEN 'completed_with_errors' THEN failed_cwe
                                           WHEN 'failed' THEN r_fail * 3 / 1000000
                                           WHEN 'aborted' THEN r_fail * 3 / 1000000
                                           ELSE 0 END AS failed
                          FROM (SELECT s.*, %10$s AS status,
                                       %11$s AS tenant_id,
                                       CASE WHEN r_type < 300000 THEN 'drift.generate' WHEN r_type < 550000 THEN 'backup_set.add_policies'
                                            WHEN r_type < 750000 THEN 'inventory.sync' WHEN r_type < 850000 THEN 'policy.export'
                                            WHEN r_type < 950000 THEN 'report.generate' ELSE 'tenant.cleanup' END AS run_type,
                                       1 + r_total / 5000 AS total,
                                       LEAST(1 + r_total / 5000, 1 + (r_fail * r_fail / 1000000) * 12 * (1 + r_total / 5000) / 10000000)
                                           AS failed_cwe,
                                       %14$s AS duration_ms, %15$s AS latency_ms, %16$s AS reason
                                  FROM (SELECT g, CAST(? AS BIGINT) AS ref_ms, %12$s AS r_tenant, %12$s AS r_type,
                                               %12$s AS r_status, %12$s AS r_age, %12$s AS r_total, %12$s AS r_fail,
                                               %12$s AS r_other
                                          FROM %13$s
                                        OFFSET 0) s) c) d
                """.formatted(
                f.hex.apply("created_ms", 12), tag, f.hex.apply("g", 15), f.key.apply(tag), f.context,
                f.timestamp.apply("created_ms"), f.timestamp.apply("created_ms + latency_ms"),
                f.timestamp.apply("created_ms + latency_ms + duration_ms"), age, status, tenant(stats, tenants), f.draw,
                f.range, duration(stats), latency(stats), reason(stats));
    }

    /** The tenant of a run: the statistics tenant, or skewed over {@code tenants} (see the class comment). */
    private static String tenant(String stats, int tenants) {
        return "CASE WHEN " + stats + " THEN '" + STATISTICS_TENANT + "' ELSE 'tenant-' || LPAD(CAST((r_tenant * r_tenant / 1000000) * "
                + tenants + " / 1000000 AS VARCHAR), 4, '0') END";
    }

    /** Milliseconds from start to end: statistics 1 s to 30 min, most of them short; others 5 s to 10 min evenly. */
    private static String duration(String stats) {
        return "CASE WHEN " + stats + " THEN 1000 + (r_total * r_total / 1000000) * 1799 / 1000"
                + " ELSE 5000 + r_total * 600 / 1000 END";
    }

    /** Milliseconds from creation to start: statistics 0.2 s to a minute, most of them short; others 2 s. */
    private static String latency(String stats) {
        return "CASE WHEN " + stats + " THEN 200 + (r_other * r_other / 1000000) * 59800 / 1000000 ELSE 2000 END";
    }

    /** The reason code of a failed or aborted run: statistics five at 40/25/20/10/5 %; others always one. */
    private static String reason(String stats) {
        return "CASE WHEN NOT (" + stats + ") THEN 'graph.throttled'"
                + " WHEN MOD(r_other, 100) < 40 THEN 'graph.throttled' WHEN MOD(r_other, 100) < 65 THEN 'graph.forbidden'"
                + " WHEN MOD(r_other, 100) < 85 THEN 'source.timeout' WHEN MOD(r_other, 100) < 95 THEN 'auth.expired'"
                + " ELSE 'job.unexpected_error' END";
    }

    /** Lowercase hex of a non-negative BIGINT expression, left-padded to a width of at most 16. */
    @FunctionalInterface
    private interface Hex {
        String apply(String expression, int width);
    }

    /** The expressions that differ between the vendors; everything else above is common SQL. */
    private record Fragments(String draw, String range, String context, Hex hex, UnaryOperator<String> key,
            UnaryOperator<String> timestamp) {

        static Fragments of(Database database) {
            return switch (database) {
                case POSTGRES -> new Fragments("CAST(floor(random() * " + MILLION + ") AS BIGINT)",
                        "generate_series(1, CAST(? AS BIGINT)) AS gs(g)",
                        "jsonb_build_object('scope_key', 'scope-' || MOD(g, 97), 'baseline_run_id', g, 'current_run_id', g + 1)",
                        (e, w) -> "LPAD(to_hex(" + e + "), " + w + ", '0')",
                        tag -> "encode(sha256(convert_to('" + tag + "-' || g, 'UTF8')), 'hex')",
                        ms -> "to_timestamp((" + ms + ") / 1000.0)");
                case H2 -> new Fragments("CAST(FLOOR(RAND() * " + MILLION + ") AS BIGINT)",
                        "SYSTEM_RANGE(1, CAST(? AS BIGINT)) AS gs(g)",
                        "JSON_OBJECT('scope_key': 'scope-' || MOD(g, 97), 'baseline_run_id': g, 'current_run_id': g + 1)",
                        (e, w) -> "SUBSTRING(LOWER(RAWTOHEX(CAST(" + e + " AS BINARY(8)))), " + (17 - w) + ", " + w + ")",
                        // not a hash (SHA-256 per row doubles H2's seeding time) but as unique and as long
                        tag -> "'" + tag + "' || REPEAT(SUBSTRING(LOWER(RAWTOHEX(CAST(g AS BINARY(8)))), 2, 15), 4) || '0'",
                        ms -> "DATEADD(MILLISECOND, " + ms + ", TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00')");
            };
        }
    }
}
