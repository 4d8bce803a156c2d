package dev.opsruns.example.jobs;

import dev.opsruns.core.RunStoreUnavailableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database failure that a retry may cure (the connection was lost or refused, the pool timed
 * out, the server is restarting) from one it will not (a constraint, bad SQL). The ledger says so itself
 * with {@link RunStoreUnavailableException}; the app's own repositories throw JDBI's exceptions, whose
 * cause chain is read here.
 */
public final class TransientStoreErrors {

    /* PostgreSQL: admin_shutdown (pg_terminate_backend), crash_shutdown, cannot_connect_now, too_many_connections. */
    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private TransientStoreErrors() {
    }

    /**
     * @param error what a database call threw
     * @return true when retrying the call later may succeed
     */
    public static boolean isTransient(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof RunStoreUnavailableException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException
                    || t instanceof SocketTimeoutException
                    || t instanceof org.jdbi.v3.core.ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || TRANSIENT_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param error what a database call threw
     * @return true when the connection broke while the call was committing, so it may have taken effect
     */
    public static boolean outcomeUnknown(Throwable error) {
        return error instanceof RunStoreUnavailableException unavailable && unavailable.outcomeUnknown();
    }
}
