package dev.opsruns.bench;

/**
 * The baselines: the SQL a careful hand-written implementation on the same schema would issue, one
 * statement per round trip, single statements in auto-commit. Where H2 and PostgreSQL need different
 * text it is because the schema differs (H2 has no partial index, so its active-key column stands in),
 * not because the baseline differs.
 */
final class BaselineSql {

    /** The columns the library reads for a run. */
    static final String RUN_COLUMNS = """
            id, tenant_id, run_type, status, idempotency_key, initiator_kind, initiator_id, initiator_name,
            context, total, succeeded, failed, skipped, failures_recorded, failures_stored, failure_reason,
            failure_message, created_at, started_at, finished_at, heartbeat_at""";

    /** A counter increment on one run by id: what a hot run's progress costs at the least. */
    static final String INCREMENT_SUCCEEDED = "UPDATE opsruns_runs SET succeeded = succeeded + 1 WHERE id = ?";

    static final String INSERT_ITEM_FAILURE = """
            INSERT INTO opsruns_item_failures (run_id, seq, item_key, reason_code, message, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?)""";

    /**
     * The list page as someone who knows both planners writes it: the ORDER BY names the bucket index's
     * leading columns, fixed by the WHERE clause, because H2 reads an index in order only then (PostgreSQL
     * drops them); the library writes its list the same way, so the two differ in client cost alone.
     */
    static final String LIST_PAGE = "SELECT " + RUN_COLUMNS + """
             FROM opsruns_runs
            WHERE tenant_id = ? AND run_type IN (?) AND bucket IN (?) AND created_at >= ? AND created_at < ?
            ORDER BY tenant_id, bucket, created_at DESC, id DESC
            LIMIT ?""";

    static final String COUNT_BY_BUCKET = """
            SELECT bucket, COUNT(*) FROM opsruns_runs
             WHERE tenant_id = ? AND run_type IN (?) AND created_at >= ? AND created_at < ?
             GROUP BY bucket""";

    /** The purge a hand-written store would loop: one bounded batch of ended runs past the cutoff. */
    static final String PURGE_BATCH_POSTGRES = """
            DELETE FROM opsruns_runs
             WHERE id IN (SELECT id FROM opsruns_runs
                           WHERE status IN ('completed', 'completed_with_errors', 'failed', 'aborted')
                             AND finished_at < ?
                           ORDER BY finished_at
                           LIMIT ?)""";

    /*
     * On H2 the status list is left out: finished_at is set exactly on ended runs (a check constraint),
     * and with the list H2 2.5 scans the (status, heartbeat_at) index and its DELETE ... FETCH FIRST
     * deletes more rows than the limit while reporting fewer.
     */
    static final String PURGE_BATCH_H2 = """
            DELETE FROM opsruns_runs
             WHERE finished_at < ?
             FETCH FIRST ? ROWS ONLY""";

    private BaselineSql() {
    }

    /**
     * The five statements of a hand-written statistics read of one tenant over {@code [from, to)}: runs
     * created by type; queue latency (p50, p95, max, count) of the runs started, by type; runs ended by
     * type and slot with a count per ended bucket and the slot's p95 duration; duration summary of the runs
     * ended, by type; failure reasons of the runs ended failed. Durations in microseconds.
     *
     * @param started created in the window: tenant, from, to
     * @param latency started in the window: tenant, from, to
     * @param endedBySlot ended in the window, by slot: from, slot length in microseconds, tenant, from, to
     * @param duration ended in the window: tenant, from, to
     * @param reasons ended failed in the window: tenant, from, to
     */
    record Statistics(String started, String latency, String endedBySlot, String duration, String reasons) {
    }

    /** @return the statistics statements in the vendor's spelling (only the duration arithmetic differs) */
    static Statistics statistics(Database db) {
        // microseconds between two timestamps, in the type each vendor's PERCENTILE_CONT takes
        String micros = switch (db) {
            case POSTGRES -> "(date_part('epoch', %2$s - %1$s) * 1000000)";
            case H2 -> "DATEDIFF(MICROSECOND, %1$s, %2$s)";
        };
        String duration = String.format(micros, "started_at", "finished_at");
        String ended = "FROM opsruns_runs WHERE tenant_id = ? AND finished_at >= ? AND finished_at < ?";
        return new Statistics(
                "SELECT run_type, COUNT(*) FROM opsruns_runs WHERE tenant_id = ? AND created_at >= ? AND created_at < ?"
                        + " GROUP BY run_type",
                "SELECT run_type, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY d), PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY d),"
                        + " MAX(d), COUNT(*) FROM (SELECT run_type, " + String.format(micros, "created_at", "started_at")
                        + " AS d FROM opsruns_runs WHERE tenant_id = ? AND started_at >= ? AND started_at < ?) s GROUP BY run_type",
                "SELECT run_type, slot, COUNT(*) FILTER (WHERE bucket = 'succeeded'),"
                        + " COUNT(*) FILTER (WHERE bucket = 'partially_succeeded'), COUNT(*) FILTER (WHERE bucket = 'failed'),"
                        + " PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY d)"
                        + " FROM (SELECT run_type, bucket, CAST(" + String.format(micros, "CAST(? AS TIMESTAMP WITH TIME ZONE)",
                                "finished_at") + " AS BIGINT) / ? AS slot, " + duration + " AS d " + ended + ") s"
                        + " GROUP BY run_type, slot",
                "SELECT run_type, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY d), PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY d),"
                        + " MAX(d), COUNT(d) FROM (SELECT run_type, " + duration + " AS d " + ended + ") s GROUP BY run_type",
                "SELECT run_type, failure_reason, COUNT(*) " + ended + " AND bucket = 'failed' AND failure_reason IS NOT NULL"
                        + " GROUP BY run_type, failure_reason");
    }

    /** The insert of a new pending run: the same columns the library writes, context as JSON. */
    static String insertRun(Database db) {
        return """
                INSERT INTO opsruns_runs (id, tenant_id, run_type, status, idempotency_key, initiator_kind,
                                          initiator_id, initiator_name, context, created_at)
                VALUES (?, ?, ?, ?, ?, 'system', ?, ?, %s, ?)""".formatted(json(db));
    }

    /** The insert of a run that is already running (the baseline's own worker runs). */
    static String insertRunningRun(Database db) {
        return """
                INSERT INTO opsruns_runs (id, tenant_id, run_type, status, idempotency_key, initiator_kind,
                                          initiator_id, initiator_name, context, created_at, started_at, heartbeat_at)
                VALUES (?, ?, ?, 'running', ?, 'system', ?, ?, %s, ?, ?, ?)""".formatted(json(db));
    }

    /** The active run of a tenant with a key, through the schema's one-active-run-per-key index. */
    static String selectActiveRun(Database db) {
        return "SELECT " + RUN_COLUMNS + " FROM opsruns_runs WHERE tenant_id = ? AND " + switch (db) {
            case POSTGRES -> "idempotency_key = ? AND status IN ('pending', 'running')";
            case H2 -> "active_key = ?";
        };
    }

    /** Counts one item failure and returns the new number stored, which is the failure's sequence number. */
    static String countItemFailure(Database db) {
        String update = """
                UPDATE opsruns_runs
                   SET failed = failed + 1, failures_recorded = failures_recorded + 1,
                       failures_stored = failures_stored + 1, heartbeat_at = ?
                 WHERE id = ? AND status = 'running'""";
        return switch (db) {
            case POSTGRES -> update + " RETURNING failures_stored";
            case H2 -> "SELECT failures_stored FROM FINAL TABLE (" + update + ")";
        };
    }

    private static String json(Database db) {
        return switch (db) {
            case POSTGRES -> "CAST(? AS jsonb)";
            case H2 -> "? FORMAT JSON";
        };
    }
}
