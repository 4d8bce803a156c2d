package dev.opsruns.jdbi.internal;

import dev.opsruns.jdbi.DatabaseVendor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * PostgreSQL: jsonb, a partial unique index over active runs that {@code INSERT ... ON CONFLICT}
 * names, {@code RETURNING}, and {@code SKIP LOCKED} so concurrent purgers never wait on each other.
 */
final class PostgresDialect implements Dialect {

    /** The predicate of opsruns_runs_active_key_ux; ON CONFLICT must repeat it to pick that index. */
    private static final String ACTIVE = "status IN ('pending', 'running')";

    private final String insertRun = Sql.insertRun(this)
            + " ON CONFLICT (tenant_id, idempotency_key) WHERE " + ACTIVE + " DO NOTHING";

    /*
     * A user start is one statement: the notification insert reads the run insert's RETURNING, so it
     * happens exactly when the run was inserted.
     */
    private final String insertRunWithNotification = "WITH inserted AS (" + insertRun + " RETURNING id), "
            + "noted AS (" + Sql.INSERT_NOTIFICATION_COLUMNS + "SELECT " + Sql.NOTIFICATION_VALUES
            + " FROM inserted) SELECT COUNT(*) FROM inserted";

    private final PlainSql plainInsertRun = PlainSql.of(insertRun);
    private final PlainSql plainInsertRunWithNotification = PlainSql.of(insertRunWithNotification);
    private final PlainSql selectActiveRun = PlainSql.of(Sql.selectActiveRun(this));
    private final PlainSql countItemFailureUnclaimed = countItemFailureWhere(Sql.UNCLAIMED);
    private final PlainSql countItemFailureFenced = countItemFailureWhere(Sql.FENCED);
    private final PlainSql countAndStoreItemFailureUnclaimed = countAndStoreItemFailureWhere(Sql.UNCLAIMED);
    private final PlainSql countAndStoreItemFailureFenced = countAndStoreItemFailureWhere(Sql.FENCED);

    @Override
    public DatabaseVendor vendor() {
        return DatabaseVendor.POSTGRESQL;
    }

    @Override
    public String jsonValue(String parameter) {
        return "CAST(" + parameter + " AS jsonb)";
    }

    @Override
    public String activeRunCondition() {
        return "idempotency_key = :key AND " + ACTIVE;
    }

    @Override
    public boolean insertUnlessActive(Connection connection, NewRun newRun) throws SQLException {
        if (newRun.notification() == null) {
            try (PlainStatement insert = plainInsertRun.prepare(connection)) {
                newRun.bindRun(insert);
                return insert.jdbc().executeUpdate() == 1;
            }
        }
        try (PlainStatement insert = plainInsertRunWithNotification.prepare(connection)) {
            newRun.bindRun(insert);
            NewRun.bindNotification(insert, newRun.notification());
            try (ResultSet inserted = insert.jdbc().executeQuery()) {
                return inserted.next() && inserted.getLong(1) == 1L;
            }
        }
    }

    @Override
    public PlainSql selectActiveRun() {
        return selectActiveRun;
    }

    /* ON CONFLICT, with the notification in the same statement */
    @Override
    public boolean insertIsOneStatement(NewRun newRun) {
        return true;
    }

    @Override
    public String returning(String update, String columns) {
        return update + " RETURNING " + columns;
    }

    /*
     * RETURNING sees only the new row, so the prior value comes from a locking read of the same row
     * in the same statement. Once that read holds the row lock, no other writer can change the row
     * before this UPDATE does, so prior_stored is exactly the value the CASE in the SET compares.
     */
    @Override
    public PlainSql countItemFailure(boolean fenced) {
        return fenced ? countItemFailureFenced : countItemFailureUnclaimed;
    }

    private static PlainSql countItemFailureWhere(String claimCondition) {
        return PlainSql.of("WITH " + priorAndCount(claimCondition) + " UPDATE opsruns_runs SET " + Sql.COUNT_ITEM_FAILURE_SET
                + " FROM prior WHERE id = prior_id AND status = 'running' AND " + claimCondition
                + " RETURNING prior_stored");
    }

    /*
     * The same count, and the failure row inserted from its RETURNING exactly when it took a slot: one
     * statement in auto-commit, so the run's row lock is held only while it commits.
     */
    @Override
    public Optional<PlainSql> countAndStoreItemFailure(boolean fenced) {
        return Optional.of(fenced ? countAndStoreItemFailureFenced : countAndStoreItemFailureUnclaimed);
    }

    private static PlainSql countAndStoreItemFailureWhere(String claimCondition) {
        return PlainSql.of("WITH " + priorAndCount(claimCondition) + ", counted AS (UPDATE opsruns_runs SET "
                + Sql.COUNT_ITEM_FAILURE_SET + " FROM prior WHERE id = prior_id AND status = 'running' AND " + claimCondition
                + " RETURNING id, prior_stored), stored AS (INSERT INTO opsruns_item_failures (run_id, seq, item_key,"
                + " reason_code, message, occurred_at) SELECT id, prior_stored + 1, :item_key, :reason_code, :message, :now"
                + " FROM counted WHERE prior_stored < :cap) SELECT prior_stored FROM counted");
    }

    private static String priorAndCount(String claimCondition) {
        return "prior AS MATERIALIZED (SELECT id AS prior_id, failures_stored AS prior_stored"
                + " FROM opsruns_runs WHERE id = :id AND status = 'running' AND " + claimCondition + " FOR UPDATE)";
    }

    /*
     * SKIP LOCKED: concurrent purgers split the work instead of waiting on each other's batch. The
     * statistics rollup first forgets the hours before the cutoff (they may count runs this deletes);
     * marks before hours, the order a statistics read locks them in.
     */
    @Override
    public int purgeBatch(Handle handle, Instant cutoff, int limit) {
        Instant settledFrom = StatisticsRollup.ceilHour(cutoff);
        handle.createUpdate("UPDATE opsruns_statistics_marks SET rolled_from = GREATEST(rolled_from, :from),"
                + " rolled_to = GREATEST(rolled_to, :from) WHERE rolled_from < :from")
                .bind("from", Binds.instant(settledFrom)).execute();
        handle.createUpdate("DELETE FROM opsruns_statistics_hours WHERE hour_start < :cutoff")
                .bind("cutoff", Binds.instant(cutoff)).execute();
        return handle.createUpdate("""
                        DELETE FROM opsruns_runs
                         WHERE id IN (SELECT id FROM opsruns_runs
                                       WHERE status IN ('completed', 'completed_with_errors', 'failed', 'aborted')
                                         AND finished_at < :cutoff
                                       ORDER BY finished_at
                                       LIMIT :limit
                                         FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", Binds.instant(cutoff))
                .bind("limit", limit)
                .execute();
    }

    @Override
    public java.util.Optional<String> insertRunsUnlessActive(int rows) {
        return java.util.Optional.of(Sql.insertRuns(this, rows) + " ON CONFLICT (tenant_id, idempotency_key) WHERE "
                + ACTIVE + " DO NOTHING RETURNING id");
    }

    /* one statement: ON CONFLICT takes the existing row's lock, so concurrent visits queue on it */
    @Override
    public void recordVisit(Handle handle, Visit visit) {
        visit.bind(handle.createUpdate(Sql.INSERT_VISIT
                + " ON CONFLICT (tenant_id, user_id)"
                + " DO UPDATE SET visited_at = GREATEST(opsruns_visits.visited_at, EXCLUDED.visited_at)")).execute();
    }
}
