package dev.opsruns.jdbi.internal;

import dev.opsruns.core.IdempotencyKey;
import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Notification;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunException;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunStoreException;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.internal.Checks;
import dev.opsruns.core.internal.Times;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side on a database. Every method is one transaction; transitions are compare-and-set
 * updates ({@code WHERE id = ? AND status IN (...)}) and counters change by SQL increments. Only a
 * refused update reads the run again, to tell "not found" from "not in an allowed status".
 */
public final class JdbiRunRegistry implements RunRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiRunRegistry.class);

    private static final Set<RunStatus> ACTIVE = EnumSet.of(RunStatus.PENDING, RunStatus.RUNNING);
    private static final Set<RunStatus> RUNNING = EnumSet.of(RunStatus.RUNNING);

    private final JdbiStore store;
    private final RunsConfig config;

    /**
     * @param store the database
     */
    public JdbiRunRegistry(JdbiStore store) {
        this.store = store;
        this.config = store.config();
    }

    @Override
    public StartOutcome startOrReuse(StartRequest request) {
        Checks.notNull(request, "request");
        request.userPrincipal().ifPresent(
                p -> config.accessPolicy().checkStart(p, request.tenantId(), request.runType()));
        IdempotencyKey key = request.idempotencyKey();
        // the first attempt plus the retries of a race lost to a run that ended before we could read it
        for (int attempt = 0; attempt <= config.startRetries(); attempt++) {
            Instant now = Times.now(config.clock());
            // The reuse path is this one read (plus the requester's notification): no insert that the
            // unique index would refuse, and no transaction.
            Optional<Run> active = store.read("find the active run", (h, d) -> selectActive(h, d, request, key));
            if (active.isPresent()) {
                return reuse(active.get(), request, now);
            }
            Run run = new Run(RunId.generate(config.clock()), request.tenantId(), request.runType(),
                    RunStatus.PENDING, key, request.initiator(), request.context(), RunCounts.ZERO, null, now,
                    null, null, null);
            NewRun newRun = new NewRun(run, store.notificationRules().started(run).orElse(null));
            JdbiStore.Work<Boolean> insert = (h, d) -> d.insertUnlessActive(h, newRun);
            boolean inserted = store.dialect().insertIsOneStatement()
                    ? store.writeOneStatement("start a run", insert)
                    : store.inTransaction("start a run", insert);
            if (inserted) {
                return new StartOutcome.Started(run);
            }
            // Lost the race to the unique index. This read starts after the insert waited for the
            // winner to commit, so it sees the winner (READ COMMITTED) unless the winner has ended.
            active = store.read("find the active run", (h, d) -> selectActive(h, d, request, key));
            if (active.isPresent()) {
                return reuse(active.get(), request, now);
            }
            LOG.debug("start of a {} run lost a race to a run that has since ended; retrying", request.runType());
            Thread.yield(); // let the churning callers move on before trying again
        }
        throw new RunStoreException("could not start or reuse a " + request.runType() + " run in tenant "
                + request.tenantId() + ": the active run with its key ended " + (config.startRetries() + 1)
                + " times before it could be reused; try again", null);
    }

    private static Optional<Run> selectActive(Handle h, Dialect d, StartRequest request, IdempotencyKey key) {
        return h.createQuery(Sql.selectActiveRun(d))
                .bind("tenant", request.tenantId().value())
                .bind("key", key.value())
                .map(RunRows.INSTANCE)
                .findOne();
    }

    private StartOutcome reuse(Run active, StartRequest request, Instant now) {
        store.notificationRules().reused(active, request.principal(), now).ifPresent(
                n -> store.writeOneStatement("notify a reused run", (h, d) -> {
                    insertNotification(h, n);
                    return null;
                }));
        return new StartOutcome.Reused(active);
    }

    @Override
    public Run markRunning(RunId runId) {
        Checks.notNull(runId, "runId");
        Instant now = Times.now(config.clock());
        return store.writeOneStatement("mark a run running", (h, d) -> h
                .createQuery(d.returning(Sql.MARK_RUNNING, Sql.RUN_COLUMNS))
                .bind("id", Binds.uuid(runId.value()))
                .bind("now", Binds.instant(now))
                .map(RunRows.INSTANCE)
                .findOne()
                .orElseThrow(() -> refusal(h, runId, "markRunning", ACTIVE)));
    }

    @Override
    public void heartbeat(RunId runId) {
        Checks.notNull(runId, "runId");
        Instant now = Times.now(config.clock());
        store.writeOneStatement("record a heartbeat", (h, d) -> {
            int changed = h.createUpdate(Sql.HEARTBEAT)
                    .bind("id", Binds.uuid(runId.value()))
                    .bind("now", Binds.instant(now))
                    .execute();
            return requireChanged(h, changed, runId, "heartbeat");
        });
    }

    @Override
    public void setTotal(RunId runId, long total) {
        Checks.notNull(runId, "runId");
        Checks.notNegative(total, "total");
        Instant now = Times.now(config.clock());
        store.writeOneStatement("set a run's total", (h, d) -> {
            int changed = h.createUpdate(Sql.SET_TOTAL)
                    .bind("id", Binds.uuid(runId.value()))
                    .bind("total", total)
                    .bind("now", Binds.instant(now))
                    .execute();
            return requireChanged(h, changed, runId, "setTotal");
        });
    }

    @Override
    public void recordProgress(RunId runId, ProgressDelta delta) {
        Checks.notNull(runId, "runId");
        Checks.notNull(delta, "delta");
        Instant now = Times.now(config.clock());
        store.writeOneStatement("record progress", (h, d) -> {
            int changed = h.createUpdate(Sql.RECORD_PROGRESS)
                    .bind("id", Binds.uuid(runId.value()))
                    .bind("succeeded", delta.succeeded())
                    .bind("failed", delta.failed())
                    .bind("skipped", delta.skipped())
                    .bind("now", Binds.instant(now))
                    .bind("refreshBefore", Binds.instant(now.minus(Times.PROGRESS_HEARTBEAT_GRANULARITY)))
                    .execute();
            return requireChanged(h, changed, runId, "recordProgress");
        });
    }

    @Override
    public void recordItemFailure(RunId runId, String itemKey, ReasonCode reasonCode, String message) {
        Checks.notNull(runId, "runId");
        ItemFailure.checkItemKey(itemKey);
        Checks.notNull(reasonCode, "reasonCode");
        Checks.notNull(message, "message");
        String sanitized = Messages.sanitized(config.sanitizer(), message);
        int cap = config.itemFailureCap();
        Instant now = Times.now(config.clock());
        store.inTransaction("record an item failure", (h, d) -> {
            // the update holds the run's row lock until commit, so concurrent writers take slots one by one
            Optional<Long> priorStored = h.createQuery(d.countItemFailure())
                    .bind("id", Binds.uuid(runId.value()))
                    .bind("cap", cap)
                    .bind("now", Binds.instant(now))
                    .mapTo(Long.class)
                    .findOne();
            if (priorStored.isEmpty()) {
                throw refusal(h, runId, "recordItemFailure", RUNNING);
            }
            if (priorStored.get() < cap) {
                h.createUpdate(Sql.INSERT_ITEM_FAILURE)
                        .bind("id", Binds.uuid(runId.value()))
                        .bind("seq", priorStored.get() + 1)
                        .bind("item_key", itemKey)
                        .bind("reason_code", reasonCode.value())
                        .bind("message", sanitized)
                        .bind("now", Binds.instant(now))
                        .execute();
            }
            return null;
        });
    }

    @Override
    public Run finish(RunId runId) {
        Checks.notNull(runId, "runId");
        Instant now = Times.now(config.clock());
        return store.inTransaction("finish a run", (h, d) -> {
            Run ended = h.createQuery(d.returning(Sql.FINISH, Sql.RUN_COLUMNS))
                    .bind("id", Binds.uuid(runId.value()))
                    .bind("now", Binds.instant(now))
                    .map(RunRows.INSTANCE)
                    .findOne()
                    .orElseThrow(() -> refusal(h, runId, "finish", RUNNING));
            notifyEnded(h, ended);
            return ended;
        });
    }

    @Override
    public Run fail(RunId runId, ReasonCode reasonCode, String message) {
        return endWithFailure(runId, RunStatus.FAILED, "fail", reasonCode, message);
    }

    @Override
    public Run abort(RunId runId, ReasonCode reasonCode, String message) {
        return endWithFailure(runId, RunStatus.ABORTED, "abort", reasonCode, message);
    }

    private Run endWithFailure(RunId runId, RunStatus status, String action, ReasonCode reasonCode, String message) {
        Checks.notNull(runId, "runId");
        Checks.notNull(reasonCode, "reasonCode");
        Checks.notNull(message, "message");
        String sanitized = Messages.sanitized(config.sanitizer(), message);
        Instant now = Times.now(config.clock());
        return store.inTransaction(action + " a run", (h, d) -> {
            Run ended = h.createQuery(d.returning(Sql.END_WITH_FAILURE, Sql.RUN_COLUMNS))
                    .bind("id", Binds.uuid(runId.value()))
                    .bind("status", status.storageName())
                    .bind("reason", reasonCode.value())
                    .bind("message", sanitized)
                    .bind("now", Binds.instant(now))
                    .map(RunRows.INSTANCE)
                    .findOne()
                    .orElseThrow(() -> refusal(h, runId, action, ACTIVE));
            notifyEnded(h, ended);
            return ended;
        });
    }

    @Override
    public Run get(RunId runId) {
        Checks.notNull(runId, "runId");
        return store.read("read a run", (h, d) -> h.createQuery(Sql.SELECT_RUN)
                .bind("id", Binds.uuid(runId.value()))
                .map(RunRows.INSTANCE)
                .findOne()
                .orElseThrow(() -> new RunNotFoundException(runId)));
    }

    private void notifyEnded(Handle h, Run ended) {
        store.notificationRules().ended(ended).ifPresent(n -> insertNotification(h, n));
    }

    static void insertNotification(Handle h, Notification n) {
        NewRun.bindNotification(h.createUpdate(Sql.INSERT_NOTIFICATION), n).execute();
    }

    private static Void requireChanged(Handle h, int changed, RunId runId, String action) {
        if (changed == 0) {
            throw refusal(h, runId, action, RUNNING);
        }
        return null;
    }

    /** Why a compare-and-set changed nothing: the run is missing, or in a status the action does not accept. */
    static RunException refusal(Handle h, RunId runId, String action, Set<RunStatus> allowed) {
        return h.createQuery(Sql.SELECT_STATUS)
                .bind("id", Binds.uuid(runId.value()))
                .mapTo(String.class)
                .findOne()
                .<RunException>map(status -> new IllegalRunTransitionException(runId, action,
                        RunStatus.fromStorageName(status), allowed))
                .orElseGet(() -> new RunNotFoundException(runId));
    }
}
