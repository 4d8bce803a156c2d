package dev.opsruns.example.db;

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
 * Tells "the database cannot be reached" apart from other failures of the app's own repositories, by
 * the same rules the opsruns store uses for its {@code RunStoreUnavailableException}: the web layer
 * answers both with 503 (retry later) instead of 500.
 */
public final class DatabaseUnavailable {

    /*
     * PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. H2: connection broken, database closed,
     * called at shutdown, file locked by another process, database missing with IFEXISTS.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "57P01", "57P02", "57P03", "53300",
            "90067", "90098", "90121", "90020", "90146");

    private DatabaseUnavailable() {
    }

    /**
     * @param error anything a repository threw
     * @return true when its cause chain says the database could not be reached
     */
    public static boolean is(Throwable error) {
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
