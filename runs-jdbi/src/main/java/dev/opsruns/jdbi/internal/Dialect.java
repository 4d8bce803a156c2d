package dev.opsruns.jdbi.internal;

import dev.opsruns.jdbi.DatabaseVendor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What differs between H2 and PostgreSQL, and nothing else (STYLE 9). Chosen once per ledger from
 * the database's metadata; every other statement lives in {@link Sql} and is the same on both.
 */
sealed interface Dialect permits H2Dialect, PostgresDialect {

    /** @return the vendor this dialect speaks to */
    DatabaseVendor vendor();

    /**
     * @param parameter a named parameter holding JSON text, such as {@code :context}
     * @return the SQL expression turning it into a value of the JSON column
     */
    String jsonValue(String parameter);

    /**
     * @return the condition that finds the active run of {@code :tenant} with key {@code :key}, in
     *     the form the one-active-run-per-key index answers
     */
    String activeRunCondition();

    /**
     * Inserts a new pending run, and its "queued" notification when there is one, unless an active
     * run of the same tenant already holds the key. The unique index decides, so concurrent callers
     * in any process agree; a loser leaves nothing behind and the transaction usable.
     *
     * @param connection the connection, in auto-commit when {@link #insertIsOneStatement} or inside the
     *     caller's transaction
     * @param newRun the run and its notification
     * @return true when inserted, false when an active run holds the key
     * @throws SQLException when the database fails
     */
    boolean insertUnlessActive(Connection connection, NewRun newRun) throws SQLException;

    /**
     * @return {@link Sql#selectActiveRun} for this database, compiled for plain JDBC
     */
    PlainSql selectActiveRun();

    /**
     * @param newRun the run about to be inserted
     * @return true when {@link #insertUnlessActive} of it is a single statement, so it needs no
     *     transaction of its own (auto-commit makes it atomic)
     */
    boolean insertIsOneStatement(NewRun newRun);

    /**
     * @param update an UPDATE statement
     * @param columns the columns to return, comma separated
     * @return a query running the update and returning those columns of the updated rows, after the
     *     update
     */
    String returning(String update, String columns);

    /**
     * Counts one item failure on a running run {@code :id} (failed, failures_recorded, heartbeat at
     * {@code :now}) and takes a storage slot when fewer than {@code :cap} failures are stored.
     *
     * @param fenced true for a claimed worker's call ({@link Sql#FENCED}, with {@code :token}), false for
     *     an unclaimed run ({@link Sql#UNCLAIMED})
     * @return a query returning one row with the {@code failures_stored} value from before the
     *     update (a slot was taken when it is below the cap), or no row when the run is not running
     *     (or its claim does not match); compiled once
     */
    PlainSql countItemFailure(boolean fenced);

    /**
     * {@link #countItemFailure} and, when a slot was taken, the insert of the failure
     * ({@link Sql#INSERT_ITEM_FAILURE}'s parameters) in one statement, for a dialect that can: then a
     * failure is one round trip in auto-commit instead of a transaction of two statements.
     *
     * @param fenced as for {@link #countItemFailure}
     * @return the statement, returning {@code prior_stored} as {@link #countItemFailure} does; empty when
     *     the dialect needs the two statements
     */
    default Optional<PlainSql> countAndStoreItemFailure(boolean fenced) {
        return Optional.empty();
    }

    /**
     * Deletes at most {@code limit} ended runs (with their failures and notifications) whose
     * {@code finished_at} is before {@code cutoff}; never an active run.
     *
     * @param handle the handle, inside the caller's transaction
     * @param cutoff runs that finished before it go
     * @param limit the most runs to delete
     * @return how many runs it deleted
     * @throws SQLException when the database fails
     */
    int purgeBatch(Handle handle, Instant cutoff, int limit) throws SQLException;

    /**
     * @param rows how many runs, at least one
     * @return a statement inserting {@link Sql#insertRuns} rows and skipping those whose key an active
     *     run holds, returning the ids inserted; empty when the database has no such statement (then
     *     runs are inserted one by one)
     */
    java.util.Optional<String> insertRunsUnlessActive(int rows);

    /**
     * Records a visit of {@code :user} to {@code :tenant} at {@code :at}, keeping the later of the
     * stored time and this one. Concurrent callers for the same pair, in any process, all succeed and
     * leave the latest of their times.
     *
     * @param handle the handle, in auto-commit mode: every statement is its own transaction
     * @param visit the statement's parameters: tenant, user and time
     */
    void recordVisit(Handle handle, Visit visit);
}
