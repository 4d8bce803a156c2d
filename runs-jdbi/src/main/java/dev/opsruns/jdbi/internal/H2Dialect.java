package dev.opsruns.jdbi.internal;

import dev.opsruns.jdbi.DatabaseVendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * H2 2.x: a JSON column fed with {@code FORMAT JSON}, a generated {@code active_key} column with a
 * unique index standing in for the partial index, and data-change delta tables
 * ({@code FINAL TABLE}, {@code OLD TABLE}) standing in for {@code RETURNING}.
 */
final class H2Dialect implements Dialect {

    /**
     * Rounds of advance-or-insert before a visit gives up. A round is lost only while another caller's
     * insert of the same row is committing, which in auto-commit takes the length of one statement.
     */
    private static final int VISIT_ATTEMPTS = 50;
    /** H2's "concurrent update": an insert met another transaction's uncommitted row with the same key. */
    private static final String CONCURRENT_UPDATE = "90131";

    private final PlainSql insertRun = PlainSql.of(Sql.insertRun(this));
    private final PlainSql selectActiveRun = PlainSql.of(Sql.selectActiveRun(this));
    private final PlainSql countItemFailureUnclaimed = countItemFailureWhere(Sql.UNCLAIMED);
    private final PlainSql countItemFailureFenced = countItemFailureWhere(Sql.FENCED);

    @Override
    public DatabaseVendor vendor() {
        return DatabaseVendor.H2;
    }

    @Override
    public String jsonValue(String parameter) {
        // a plain string parameter would become a JSON string, not the object it spells
        return parameter + " FORMAT JSON";
    }

    @Override
    public String activeRunCondition() {
        return "active_key = :key";
    }

    /*
     * H2 has no ON CONFLICT for this index: insert and let the unique index refuse a duplicate. H2
     * undoes only the failed statement, so the transaction goes on to read the winner.
     */
    @Override
    public boolean insertUnlessActive(Connection connection, NewRun newRun) throws SQLException {
        try (PlainStatement insert = insertRun.prepare(connection)) {
            newRun.bindRun(insert);
            insert.jdbc().executeUpdate();
        } catch (SQLException e) {
            if (StoreErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
        if (newRun.notification() != null) {
            NewRun.insertNotification(connection, newRun.notification());
        }
        return true;
    }

    @Override
    public PlainSql selectActiveRun() {
        return selectActiveRun;
    }

    /*
     * The run and its notification are two statements; a system start has none, and then a refused
     * insert is a failed statement in auto-commit that leaves nothing behind.
     */
    @Override
    public boolean insertIsOneStatement(NewRun newRun) {
        return newRun.notification() == null;
    }

    @Override
    public String returning(String update, String columns) {
        return "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
    }

    @Override
    public PlainSql countItemFailure(boolean fenced) {
        return fenced ? countItemFailureFenced : countItemFailureUnclaimed;
    }

    private static PlainSql countItemFailureWhere(String claimCondition) {
        return PlainSql.of("SELECT failures_stored FROM OLD TABLE (UPDATE opsruns_runs SET " + Sql.COUNT_ITEM_FAILURE_SET
                + " WHERE id = :id AND status = 'running' AND " + claimCondition + ")");
    }

    /*
     * Two steps, because H2 2.5 miscounts a one-statement batch: DELETE ... FETCH FIRST n ROWS ONLY
     * deleted more rows than it reported, and DELETE ... WHERE id IN (SELECT ... LIMIT n) fewer than n
     * with n to spare. Locking the chosen rows first makes a concurrent purger wait for them rather
     * than count them twice.
     */
    // finished_at is set exactly when a run has ended (a check constraint says so); without a status
    // predicate H2 picks the finished_at index instead of scanning by status.
    @Override
    public int purgeBatch(Handle handle, Instant cutoff, int limit) throws SQLException {
        List<UUID> ids = handle.createQuery("""
                        SELECT id FROM opsruns_runs
                         WHERE finished_at < :cutoff
                         ORDER BY finished_at
                         LIMIT :limit
                           FOR UPDATE""")
                .bind("cutoff", Binds.instant(cutoff))
                .bind("limit", limit)
                .map((rs, ctx) -> Binds.uuid(rs, "id"))
                .list();
        if (ids.isEmpty()) {
            return 0;
        }
        // one statement over an array of the ids: a JDBC batch of a thousand deletes cost a statement each
        try (PreparedStatement delete = handle.getConnection().prepareStatement("""
                DELETE FROM opsruns_runs
                 WHERE id = ANY(?) AND status IN ('completed', 'completed_with_errors', 'failed', 'aborted')""")) {
            delete.setArray(1, handle.getConnection().createArrayOf("UUID", ids.toArray()));
            return delete.executeUpdate();
        }
    }

    /* no ON CONFLICT for the active_key index: a batch goes one insert at a time */
    @Override
    public java.util.Optional<String> insertRunsUnlessActive(int rows) {
        return java.util.Optional.empty();
    }

    /*
     * No ON CONFLICT: advance the row when there is one, insert it when not, and when another caller
     * inserted it in between (a unique violation, or H2's concurrent update while that insert commits)
     * advance it again. Each statement is atomic on its own and only ever moves the time forwards, so
     * the rounds need no transaction around them.
     */
    @Override
    public void recordVisit(Handle handle, Visit visit) {
        for (int attempt = 1; ; attempt++) {
            if (visit.bind(handle.createUpdate(Sql.ADVANCE_VISIT)).execute() == 1) {
                return;
            }
            try {
                visit.bind(handle.createUpdate(Sql.INSERT_VISIT)).execute();
                return;
            } catch (UnableToExecuteStatementException e) {
                boolean lostToAnotherInsert = StoreErrors.isUniqueViolation(e) || StoreErrors.hasSqlState(e, CONCURRENT_UPDATE);
                if (!lostToAnotherInsert || attempt == VISIT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
