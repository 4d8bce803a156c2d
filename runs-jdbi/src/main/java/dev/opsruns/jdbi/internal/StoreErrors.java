package dev.opsruns.jdbi.internal;

import dev.opsruns.core.RunException;
import dev.opsruns.core.RunStoreException;
import dev.opsruns.core.RunStoreUnavailableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;

/**
 * Turns database and JDBI exceptions into the runs-core hierarchy, so that no {@code SQLException} or
 * {@code JdbiException} crosses the store's boundary (STYLE 5). "Cannot reach the database" becomes
 * {@link RunStoreUnavailableException} (safe to retry); everything else {@link RunStoreException}.
 */
public final class StoreErrors {

    /** SQLState of a unique violation, the same on H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    /*
     * PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
     * H2 reports its own codes as SQLState: connection broken, database closed, called at shutdown,
     * file locked by another process, database missing with IFEXISTS.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "57P01", "57P02", "57P03", "53300",
            "90067", "90098", "90121", "90020", "90146");

    private StoreErrors() {
    }

    /**
     * @param action what the store was doing, for the message ("start a run")
     * @param error what it caught
     * @return the exception to throw: {@code error} itself when it already is a {@link RunException}
     */
    public static RunException translate(String action, Throwable error) {
        if (error instanceof RunException runException) {
            return runException;
        }
        if (isUnavailable(error)) {
            return new RunStoreUnavailableException("the opsruns database could not be reached to " + action
                    + "; nothing was changed, retry later", error);
        }
        return new RunStoreException("the opsruns database failed to " + action + "; nothing was changed", error);
    }

    /**
     * The COMMIT itself failed. When the connection broke, the server may have committed before it
     * went away (its answer lost on the way), so the outcome is unknown and the message says so.
     *
     * @param action what the store was doing
     * @param error what it caught
     * @return the exception to throw
     */
    public static RunException translateCommitFailure(String action, Throwable error) {
        if (isUnavailable(error)) {
            return new RunStoreUnavailableException("the opsruns database connection was lost while committing to "
                    + action + "; the call may or may not have taken effect", error, true);
        }
        return translate(action, error);
    }

    /**
     * @param error an exception from JDBI or JDBC
     * @return true when its cause chain holds a unique violation
     */
    static boolean isUniqueViolation(Throwable error) {
        return hasSqlState(error, UNIQUE_VIOLATION);
    }

    /**
     * @param error an exception from JDBI or JDBC
     * @param state an SQLState
     * @return true when its cause chain holds an {@code SQLException} with that state
     */
    static boolean hasSqlState(Throwable error, String state) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isUnavailable(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof ConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains("Connection is not available")) {
                    return true; // HikariCP's pool timeout, whatever SQLState it carries
                }
            }
        }
        return false;
    }
}
