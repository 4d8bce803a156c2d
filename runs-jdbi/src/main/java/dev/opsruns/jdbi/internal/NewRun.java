package dev.opsruns.jdbi.internal;

import dev.opsruns.core.Initiator;
import dev.opsruns.core.Notification;
import dev.opsruns.core.Run;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A run about to be inserted, with the "queued" notification that must be written in the same
 * transaction (null for a system start).
 *
 * @param run the new pending run, exactly as it will be stored
 * @param notification its notification, or null
 */
record NewRun(Run run, Notification notification) {

    private static final PlainSql INSERT_NOTIFICATION = PlainSql.of(Sql.INSERT_NOTIFICATION);

    /**
     * Stores one notification: the store's one notification insert, inside the caller's transaction or
     * in auto-commit.
     *
     * @param connection the connection
     * @param n the notification
     * @throws SQLException when the database fails
     */
    static void insertNotification(Connection connection, Notification n) throws SQLException {
        try (PlainStatement insert = INSERT_NOTIFICATION.prepare(connection)) {
            bindNotification(insert, n);
            insert.jdbc().executeUpdate();
        }
    }

    /**
     * Binds the parameters of {@link Sql#insertRun}.
     *
     * @param parameters where they go
     * @throws SQLException when the driver refuses a value
     */
    void bindRun(NamedParameters parameters) throws SQLException {
        bindRun(parameters, "");
    }

    /**
     * Binds the parameters of row {@code suffix} of {@link Sql#insertRuns}: each name ends in the suffix.
     *
     * @param parameters where they go
     * @param suffix the row's suffix
     * @throws SQLException when the driver refuses a value
     */
    void bindRun(NamedParameters parameters, String suffix) throws SQLException {
        Initiator initiator = run.initiator();
        // Initiator is sealed to User and System; Java 17 cannot switch over it exhaustively yet
        String kind = initiator instanceof Initiator.User ? RunRows.USER : RunRows.SYSTEM;
        parameters
                .uuid("id" + suffix, run.id().value())
                .string("tenant" + suffix, run.tenantId().value())
                .string("run_type" + suffix, run.runType().value())
                .string("key" + suffix, run.idempotencyKey().value())
                .string("initiator_kind" + suffix, kind)
                .string("initiator_id" + suffix, initiator.id())
                .string("initiator_name" + suffix, initiator.displayName())
                .string("context" + suffix, run.context().toJson())
                .instant("created_at" + suffix, run.createdAt());
    }

    /**
     * Binds {@link Sql#NOTIFICATION_VALUES} to {@code n}.
     *
     * @param parameters where they go
     * @param n the notification
     * @throws SQLException when the driver refuses a value
     */
    static void bindNotification(NamedParameters parameters, Notification n) throws SQLException {
        parameters
                .uuid("n_id", n.id())
                .string("n_tenant", n.tenantId().value())
                .string("n_user", n.userId())
                .uuid("n_run", n.runId().value())
                .string("n_run_type", n.runType().value())
                .string("n_kind", n.kind().storageName())
                .string("n_title", n.title())
                .string("n_body", n.body())
                .string("n_label", n.actionLabel())
                .string("n_url", n.actionUrl())
                .instant("n_created_at", n.createdAt());
    }
}
