package dev.opsruns.jdbi.internal;

import dev.opsruns.core.Initiator;
import dev.opsruns.core.Notification;
import dev.opsruns.core.Run;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A run about to be inserted, with the "queued" notification that must be written in the same
 * transaction (null for a system start).
 *
 * @param run the new pending run, exactly as it will be stored
 * @param notification its notification, or null
 */
record NewRun(Run run, Notification notification) {

    /** Binds the parameters of {@link Sql#insertRun}. */
    <S extends SqlStatement<S>> S bindRun(S statement) {
        return bindRun(statement, "");
    }

    /** Binds the parameters of row {@code suffix} of {@link Sql#insertRuns}: each name ends in the suffix. */
    <S extends SqlStatement<S>> S bindRun(S statement, String suffix) {
        Initiator initiator = run.initiator();
        // Initiator is sealed to User and System; Java 17 cannot switch over it exhaustively yet
        String kind = initiator instanceof Initiator.User ? RunRows.USER : RunRows.SYSTEM;
        return statement
                .bind("id" + suffix, Binds.uuid(run.id().value()))
                .bind("tenant" + suffix, run.tenantId().value())
                .bind("run_type" + suffix, run.runType().value())
                .bind("key" + suffix, run.idempotencyKey().value())
                .bind("initiator_kind" + suffix, kind)
                .bind("initiator_id" + suffix, initiator.id())
                .bind("initiator_name" + suffix, initiator.displayName())
                .bind("context" + suffix, run.context().toJson())
                .bind("created_at" + suffix, Binds.instant(run.createdAt()));
    }

    /** Binds {@link Sql#NOTIFICATION_VALUES} to {@code n}. */
    static <S extends SqlStatement<S>> S bindNotification(S statement, Notification n) {
        return statement
                .bind("n_id", Binds.uuid(n.id()))
                .bind("n_tenant", n.tenantId().value())
                .bind("n_user", n.userId())
                .bind("n_run", Binds.uuid(n.runId().value()))
                .bind("n_run_type", n.runType().value())
                .bind("n_kind", n.kind().storageName())
                .bind("n_title", n.title())
                .bind("n_body", n.body())
                .bind("n_label", n.actionLabel())
                .bind("n_url", n.actionUrl())
                .bind("n_created_at", Binds.instant(n.createdAt()));
    }
}
