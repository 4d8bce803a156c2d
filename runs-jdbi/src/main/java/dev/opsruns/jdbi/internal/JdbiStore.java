package dev.opsruns.jdbi.internal;

import dev.opsruns.core.RunException;
import dev.opsruns.jdbi.DatabaseVendor;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database behind one ledger: runs each call in one transaction, picks the {@link Dialect} on
 * first use, and translates every failure into the runs-core hierarchy at this one boundary.
 *
 * <p>The dialect is chosen lazily so that a ledger can be created while the database is down (an
 * app starting before its database): the first call that reaches the database reads its metadata.
 */
final class JdbiStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiStore.class);

    /** Work done with a handle and the dialect. */
    @FunctionalInterface
    interface Work<T> {
        T run(Handle handle, Dialect dialect) throws SQLException;
    }

    /** Work done on a plain connection with the dialect, on the hot paths that skip JDBI's set-up. */
    @FunctionalInterface
    interface PlainWork<T> {
        T run(Connection connection, Dialect dialect) throws SQLException;
    }

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private volatile Dialect dialect;

    /**
     * @param dataSource the database
     * @param vendor the vendor, or null to detect it on first use
     */
    JdbiStore(DataSource dataSource, DatabaseVendor vendor) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // statements are plain SQL with named parameters; no template syntax to misread a "<"
        this.jdbi.setTemplateEngine(TemplateEngine.NOP);
        if (vendor != null) {
            this.dialect = dialectFor(vendor);
        }
    }

    /**
     * Runs {@code work} in one transaction: it commits when work returns, rolls back when it throws.
     *
     * <p>The transaction is driven on the connection itself rather than through JDBI's transaction
     * handler, because that handler restores auto-commit inside its commit: when the database goes
     * away right after a successful COMMIT (a server shutting down), the restore fails and a call that
     * took effect would be reported as failed. Here, anything after a successful commit is cleanup.
     *
     * @param action what the call does, for error messages ("finish a run")
     */
    <T> T inTransaction(String action, Work<T> work) {
        Handle handle = openHandle(action);
        try {
            return transact(action, handle.getConnection(), () -> work.run(handle, dialect(handle)));
        } finally {
            closeQuietly(handle);
        }
    }

    /**
     * {@link #inTransaction} on a connection of the pool, without a JDBI handle: for the hot paths,
     * where a handle's set-up costs more client time than the statements.
     *
     * @param action what the call does, for error messages ("record an item failure")
     */
    <T> T inTransactionPlain(String action, PlainWork<T> work) {
        Connection connection = openConnection(action);
        try {
            return transact(action, connection, () -> work.run(connection, dialect(connection)));
        } finally {
            closeQuietly(connection);
        }
    }

    /** A connection that cannot be had means the call did not take effect. */
    private Handle openHandle(String action) {
        try {
            return jdbi.open();
        } catch (JdbiException e) {
            throw StoreErrors.translate(action, e);
        }
    }

    /** As {@link #openHandle}, without JDBI. */
    private Connection openConnection(String action) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw StoreErrors.translate(action, e);
        }
    }

    /** What a transaction runs, on the connection it was given. */
    @FunctionalInterface
    private interface TransactionBody<T> {
        T run() throws SQLException;
    }

    private <T> T transact(String action, Connection connection, TransactionBody<T> body) {
        boolean committing = false;
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            T result;
            try {
                result = body.run();
                committing = true;
                connection.commit();
            } catch (RuntimeException | SQLException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
            restoreQuietly(connection, autoCommit);
            return result;
        } catch (RunException e) {
            throw e;
        } catch (JdbiException | SQLException e) {
            // host code called inside (link template, sanitizer) may throw its own exceptions: they
            // roll the transaction back and reach the caller as they are
            throw committing ? StoreErrors.translateCommitFailure(action, e) : StoreErrors.translate(action, e);
        }
    }

    /**
     * Runs reads in auto-commit mode: one round trip per statement and no transaction to end. Under
     * READ COMMITTED a transaction would not give several reads one snapshot anyway.
     *
     * @param action what the call does, for error messages ("list runs")
     */
    <T> T read(String action, Work<T> work) {
        return inAutoCommit(action, false, work);
    }

    /**
     * Runs a write that is one statement (plus, when it changed nothing, a read explaining why) in
     * auto-commit mode: the statement is its own transaction, so it costs one round trip and holds a
     * hot row's lock only while it commits, not for an extra COMMIT round trip.
     *
     * <p>A connection lost after the statement was sent leaves its outcome unknown, and the exception
     * says so ({@link dev.opsruns.core.RunStoreUnavailableException#outcomeUnknown()}); failing to get
     * a connection at all means it did not take effect.
     *
     * @param action what the call does, for error messages ("record progress")
     */
    <T> T writeOneStatement(String action, Work<T> work) {
        return inAutoCommit(action, true, work);
    }

    private <T> T inAutoCommit(String action, boolean writes, Work<T> work) {
        Handle handle = openHandle(action);
        try {
            Connection connection = handle.getConnection();
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true); // pools hand out auto-commit connections unless told otherwise
            }
            return work.run(handle, dialect(handle));
        } catch (RunException e) {
            throw e;
        } catch (JdbiException | SQLException e) {
            throw writes ? StoreErrors.translateCommitFailure(action, e) : StoreErrors.translate(action, e);
        } finally {
            closeQuietly(handle);
        }
    }

    /**
     * {@link #read} on a connection of the pool, without a JDBI handle: for the start path, where a
     * handle's set-up costs more client time than the round trip.
     *
     * @param action what the call does, for error messages ("find the active run")
     */
    <T> T readPlain(String action, PlainWork<T> work) {
        return inAutoCommitPlain(action, false, work);
    }

    /**
     * {@link #writeOneStatement} on a connection of the pool, without a JDBI handle.
     *
     * @param action what the call does, for error messages ("start a run")
     */
    <T> T writeOneStatementPlain(String action, PlainWork<T> work) {
        return inAutoCommitPlain(action, true, work);
    }

    private <T> T inAutoCommitPlain(String action, boolean writes, PlainWork<T> work) {
        Connection connection = openConnection(action);
        try {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return work.run(connection, dialect(connection));
        } catch (SQLException e) {
            throw writes ? StoreErrors.translateCommitFailure(action, e) : StoreErrors.translate(action, e);
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a connection after a call; the call's own outcome stands", e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e); // the connection is likely gone; the server drops the transaction
        }
    }

    private static void restoreQuietly(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            LOG.debug("could not restore auto-commit after a committed call; the pool discards the connection", e);
        }
    }

    private static void closeQuietly(Handle handle) {
        try {
            handle.close();
        } catch (JdbiException e) {
            LOG.debug("closing a connection after a call failed; the call's own outcome stands", e);
        }
    }

    /**
     * @return the dialect, detecting it when no call has reached the database yet
     */
    Dialect dialect() {
        Dialect d = dialect;
        return d != null ? d : read("detect the database", (h, dd) -> dd);
    }

    private Dialect dialect(Handle handle) throws SQLException {
        return dialect(handle.getConnection());
    }

    private Dialect dialect(Connection connection) throws SQLException {
        Dialect d = dialect;
        if (d != null) {
            return d;
        }
        synchronized (this) { // so that the choice is made, and logged, once
            if (dialect == null) {
                dialect = dialectFor(DatabaseVendor.fromProductName(
                        connection.getMetaData().getDatabaseProductName()));
            }
            return dialect;
        }
    }

    private static Dialect dialectFor(DatabaseVendor vendor) {
        LOG.info("opsruns store uses the {} dialect", vendor);
        return switch (vendor) {
            case H2 -> new H2Dialect();
            case POSTGRESQL -> new PostgresDialect();
        };
    }
}
