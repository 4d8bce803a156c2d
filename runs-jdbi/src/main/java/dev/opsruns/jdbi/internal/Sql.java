package dev.opsruns.jdbi.internal;

/**
 * Every SQL statement of the store, in one place (STYLE 10). Statements that differ between H2 and
 * PostgreSQL are completed by the {@link Dialect}; the few built at run time (filters, keyset
 * positions, per-run-type cutoffs) are assembled in {@link RunFilterSql} and {@link StaleRunSql}
 * from named parameters only: no caller text is ever spliced into SQL.
 */
final class Sql {

    /** The columns {@link RunRows} reads. */
    static final String RUN_COLUMNS = """
            id, tenant_id, run_type, status, idempotency_key, initiator_kind, initiator_id, initiator_name,
            context, total, succeeded, failed, skipped, failures_recorded, failures_stored, failure_reason,
            failure_message, created_at, started_at, finished_at, heartbeat_at""";

    /** {@link #RUN_COLUMNS} and the claim, as {@code ClaimRows} reads them. */
    static final String CLAIM_COLUMNS = RUN_COLUMNS + ", claim_token, attempt";

    /** A worker call without a claim applies only to a run never claimed. */
    static final String UNCLAIMED = "claim_token IS NULL";
    /** A fenced worker call applies only while its token is the run's current claim. */
    static final String FENCED = "claim_token = :token";

    static final String NOTIFICATION_COLUMNS = """
            id, tenant_id, user_id, run_id, run_type, kind, title, body, action_label, action_url, created_at,
            read_at""";

    /** The parameters {@link NewRun#bindNotification} binds, in the order of the insert's columns. */
    static final String NOTIFICATION_VALUES = """
            :n_id, :n_tenant, :n_user, :n_run, :n_run_type, :n_kind, :n_title, :n_body, :n_label, :n_url, \
            :n_created_at""";

    static final String INSERT_NOTIFICATION_COLUMNS = """
            INSERT INTO opsruns_notifications
                (id, tenant_id, user_id, run_id, run_type, kind, title, body, action_label, action_url, created_at)
            """;

    static final String INSERT_NOTIFICATION = INSERT_NOTIFICATION_COLUMNS
            + "VALUES (" + NOTIFICATION_VALUES + ")";

    static final String SELECT_RUN = "SELECT " + RUN_COLUMNS + " FROM opsruns_runs WHERE id = :id";

    static final String SELECT_RUN_IN_TENANT = "SELECT " + RUN_COLUMNS
            + " FROM opsruns_runs WHERE tenant_id = :tenant AND id = :id";

    static final String SELECT_STATUS = "SELECT status FROM opsruns_runs WHERE id = :id";

    static final String SELECT_CLAIM = "SELECT " + CLAIM_COLUMNS + " FROM opsruns_runs WHERE id = :id";

    /** A retried job resumes: running stays running, with a fresh heartbeat and its first start time. */
    static final String MARK_RUNNING = """
            UPDATE opsruns_runs
               SET status = 'running', started_at = COALESCE(started_at, :now), heartbeat_at = :now
             WHERE id = :id AND status IN ('pending', 'running') AND claim_token IS NULL""";

    /** Followed by {@link #UNCLAIMED} or {@link #FENCED}. */
    static final String HEARTBEAT = """
            UPDATE opsruns_runs SET heartbeat_at = :now WHERE id = :id AND status = 'running' AND """;

    /** Followed by {@link #UNCLAIMED} or {@link #FENCED}. */
    static final String SET_TOTAL = """
            UPDATE opsruns_runs SET total = :total, heartbeat_at = :now WHERE id = :id AND status = 'running' AND """;

    /** Increments in SQL: concurrent workers never lose an update. Followed by {@link #UNCLAIMED} or {@link #FENCED}. */
    static final String RECORD_PROGRESS = """
            UPDATE opsruns_runs
               SET succeeded = succeeded + :succeeded, failed = failed + :failed, skipped = skipped + :skipped,
                   heartbeat_at = CASE WHEN heartbeat_at < :refreshBefore THEN :now ELSE heartbeat_at END
             WHERE id = :id AND status = 'running' AND """;

    /** The SET part of the item-failure count both dialects wrap; the CASE reads the prior value. */
    static final String COUNT_ITEM_FAILURE_SET = """
            failed = failed + 1, failures_recorded = failures_recorded + 1,
            failures_stored = failures_stored + CASE WHEN failures_stored < :cap THEN 1 ELSE 0 END,
            heartbeat_at = :now""";

    static final String INSERT_ITEM_FAILURE = """
            INSERT INTO opsruns_item_failures (run_id, seq, item_key, reason_code, message, occurred_at)
            VALUES (:id, :seq, :item_key, :reason_code, :message, :now)""";

    /** Followed by {@link #UNCLAIMED} or {@link #FENCED}. */
    static final String FINISH = """
            UPDATE opsruns_runs
               SET status = CASE WHEN failed = 0 THEN 'completed' ELSE 'completed_with_errors' END,
                   finished_at = :now
             WHERE id = :id AND status = 'running' AND """;

    /** fail and abort: any active run may end this way (fail adds the claim condition, abort does not). */
    static final String END_WITH_FAILURE = """
            UPDATE opsruns_runs
               SET status = :status, failure_reason = :reason, failure_message = :message, finished_at = :now
             WHERE id = :id AND status IN ('pending', 'running')""";

    static final String SELECT_ITEM_FAILURES = """
            SELECT item_key, reason_code, message, occurred_at
              FROM opsruns_item_failures
             WHERE run_id = :id AND seq <= :stored
             ORDER BY seq""";

    static final String INBOX = "SELECT " + NOTIFICATION_COLUMNS + """
             FROM opsruns_notifications
            WHERE tenant_id = :tenant AND user_id = :user
            ORDER BY created_at DESC, id DESC
            LIMIT :limit""";

    static final String INBOX_UNREAD = "SELECT " + NOTIFICATION_COLUMNS + """
             FROM opsruns_notifications
            WHERE tenant_id = :tenant AND user_id = :user AND read_at IS NULL
            ORDER BY created_at DESC, id DESC
            LIMIT :limit""";

    static final String MARK_ALL_READ = """
            UPDATE opsruns_notifications SET read_at = :now
             WHERE tenant_id = :tenant AND user_id = :user AND read_at IS NULL""";

    /** Followed by {@code AND id IN (...)} of bound ids. */
    static final String MARK_READ_PREFIX = MARK_ALL_READ + " AND id IN ";

    static final String LAST_VISIT = """
            SELECT visited_at FROM opsruns_visits WHERE tenant_id = :tenant AND user_id = :user""";

    /** A visit that never moves backwards: the row's lock makes GREATEST see the latest committed time. */
    static final String ADVANCE_VISIT = """
            UPDATE opsruns_visits SET visited_at = GREATEST(visited_at, :at)
             WHERE tenant_id = :tenant AND user_id = :user""";

    static final String INSERT_VISIT = """
            INSERT INTO opsruns_visits (tenant_id, user_id, visited_at) VALUES (:tenant, :user, :at)""";

    /** The stale-run CAS: only the heartbeat the pass judged stale; a newer one means the worker lives. */
    static final String REAP_STALE = """
            UPDATE opsruns_runs
               SET status = 'failed', failure_reason = :reason, failure_message = :message, finished_at = :now
             WHERE id = :id AND status = 'running' AND heartbeat_at = :seen""";

    static final String NEVER_STARTED_CANDIDATES = """
            SELECT id, run_type, created_at FROM opsruns_runs
             WHERE status = 'pending' AND created_at < :cutoff
             ORDER BY created_at
             LIMIT :limit""";

    static final String REAP_NEVER_STARTED = """
            UPDATE opsruns_runs
               SET status = 'failed', failure_reason = :reason, failure_message = :message, finished_at = :now
             WHERE id = :id AND status = 'pending' AND created_at < :cutoff""";

    private Sql() {
    }

    /**
     * @param statement a worker statement that ends in {@code AND}
     * @param fenced true for a call with a claim token ({@code :token}), false for one without
     * @return the statement with its claim condition
     */
    static String claimed(String statement, boolean fenced) {
        return statement + " " + (fenced ? FENCED : UNCLAIMED);
    }

    /**
     * @param where the tenant, filters and keyset position
     * @param oldestFirst true to read towards newer runs (nearest a NEWER position first)
     * @return a page of runs; {@code :limit} bounds it
     */
    static String listPage(RunFilterSql where, boolean oldestFirst) {
        return "SELECT " + RUN_COLUMNS + " FROM opsruns_runs WHERE " + where.condition()
                + " ORDER BY " + where.pinnedColumns()
                + (oldestFirst ? ", created_at, id" : ", created_at DESC, id DESC") + " LIMIT :limit";
    }

    /**
     * @param where the tenant and filters (without buckets)
     * @return the count of runs per stored bucket
     */
    static String countByBucket(RunFilterSql where) {
        return "SELECT bucket, COUNT(*) AS runs FROM opsruns_runs WHERE " + where.condition() + " GROUP BY bucket";
    }

    /**
     * @param dialect the dialect
     * @return the insert of a new pending run
     */
    static String insertRun(Dialect dialect) {
        return """
                INSERT INTO opsruns_runs (id, tenant_id, run_type, status, idempotency_key, initiator_kind,
                                          initiator_id, initiator_name, context, created_at)
                VALUES (:id, :tenant, :run_type, 'pending', :key, :initiator_kind, :initiator_id, :initiator_name, \
                """ + dialect.jsonValue(":context") + ", :created_at)";
    }

    /**
     * @param dialect the dialect
     * @return the lookup of the active run of {@code :tenant} with key {@code :key}
     */
    static String selectActiveRun(Dialect dialect) {
        return "SELECT " + RUN_COLUMNS + " FROM opsruns_runs WHERE tenant_id = :tenant AND "
                + dialect.activeRunCondition();
    }

    /**
     * @param dialect the dialect
     * @return {@link #selectActiveRun}, locking the row until the transaction ends
     */
    static String selectActiveRunForUpdate(Dialect dialect) {
        return selectActiveRun(dialect) + " FOR UPDATE";
    }

    /**
     * The most recent ended run of {@code :tenant} with key {@code :key} in the buckets
     * {@code :bucket0..n}, ended at or after {@code :cutoff} when {@code withCutoff}
     * (opsruns_runs_prior_ix answers it).
     *
     * @param buckets how many bucket parameters
     * @param withCutoff true when {@code :cutoff} bounds the end
     * @return the query
     */
    static String selectPriorRun(int buckets, boolean withCutoff) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < buckets; i++) {
            in.append(i == 0 ? ":bucket0" : ", :bucket" + i);
        }
        return "SELECT " + RUN_COLUMNS + " FROM opsruns_runs WHERE tenant_id = :tenant AND idempotency_key = :key"
                + " AND finished_at IS NOT NULL" + (withCutoff ? " AND finished_at >= :cutoff" : "")
                + " AND bucket IN (" + in + ") ORDER BY finished_at DESC, id DESC LIMIT 1";
    }

    /**
     * A multi-row insert of new pending runs: row {@code i} takes the parameters of {@link #insertRun}
     * with the suffix {@code i}.
     *
     * @param dialect the dialect
     * @param rows how many rows, at least one
     * @return the insert, without a conflict clause
     */
    static String insertRuns(Dialect dialect, int rows) {
        StringBuilder sql = new StringBuilder("""
                INSERT INTO opsruns_runs (id, tenant_id, run_type, status, idempotency_key, initiator_kind,
                                          initiator_id, initiator_name, context, created_at)
                VALUES """);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(:id").append(i).append(", :tenant").append(i)
                    .append(", :run_type").append(i).append(", 'pending', :key").append(i)
                    .append(", :initiator_kind").append(i).append(", :initiator_id").append(i)
                    .append(", :initiator_name").append(i).append(", ").append(dialect.jsonValue(":context" + i))
                    .append(", :created_at").append(i).append(')');
        }
        return sql.toString();
    }

    /**
     * @param pairs how many (tenant, key) pairs, at least one
     * @return the active runs holding any of the pairs {@code (:tenant<i>, :key<i>)}
     */
    static String selectActiveRuns(int pairs) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < pairs; i++) {
            in.append(i == 0 ? "" : ", ").append("(:tenant").append(i).append(", :key").append(i).append(')');
        }
        return "SELECT " + RUN_COLUMNS + " FROM opsruns_runs WHERE (tenant_id, idempotency_key) IN (" + in
                + ") AND status IN ('pending', 'running')";
    }
}
