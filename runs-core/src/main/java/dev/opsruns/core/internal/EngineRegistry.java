package dev.opsruns.core.internal;

import dev.opsruns.core.IdempotencyKey;
import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunException;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStartContendedException;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.spi.InsertOutcome;
import dev.opsruns.core.spi.RunEnd;
import dev.opsruns.core.spi.RunStore;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The write side over any {@link RunStore}: input and access checks, the idempotency key, the start
 * retry loop, sanitizing, the clock, and the notifications each transition causes. The store only
 * applies compare-and-set primitives; a refused one is explained here by reading the run once.
 */
final class EngineRegistry implements RunRegistry, RecorderAware {

    private static final Set<RunStatus> RUNNING = EnumSet.of(RunStatus.RUNNING);
    private static final Set<RunStatus> ACTIVE = EnumSet.of(RunStatus.PENDING, RunStatus.RUNNING);

    private final RunStore store;
    private final RunsConfig config;
    private final NotificationRules notificationRules;
    private final OpenRecorders openRecorders = new OpenRecorders();
    /** Fired after each store primitive returned (committed), never from inside one. */
    private final EngineEvents events;

    EngineRegistry(RunStore store, RunsConfig config, NotificationRules notificationRules, EngineEvents events) {
        this.store = store;
        this.config = config;
        this.notificationRules = notificationRules;
        this.events = events;
    }

    @Override
    public OpenRecorders openRecorders() {
        return openRecorders;
    }

    @Override
    public StartOutcome startOrReuse(StartRequest request) {
        Checks.notNull(request, "request");
        request.userPrincipal().ifPresent(p -> config.accessPolicy().checkStart(p, request.tenantId(), request.runType()));
        IdempotencyKey key = request.idempotencyKey();
        // the first attempt, plus a retry each time the run holding the key ended before it could be read
        int attempts = config.startRetries() + 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            Instant now = Times.now(config.clock());
            Run run = Run.pending(RunId.generate(config.clock()), request.tenantId(), request.runType(), key,
                    request.initiator(), request.context(), now);
            InsertOutcome outcome = store.insertUnlessActive(run, notificationRules.started(run).orElse(null));
            if (outcome instanceof InsertOutcome.Inserted) {
                events.started(run);
                return new StartOutcome.Started(run);
            }
            if (outcome instanceof InsertOutcome.Active active) {
                notificationRules.reused(active.run(), request.principal(), now).ifPresent(store::insertNotification);
                events.reused(active.run());
                return new StartOutcome.Reused(active.run());
            }
            Thread.yield(); // contended: let the callers churning on this key move on before trying again
        }
        throw new RunStartContendedException(request.tenantId(), request.runType(), key, attempts);
    }

    @Override
    public Run markRunning(RunId runId) {
        Checks.notNull(runId, "runId");
        Run running = store.markRunning(runId, now()).orElseThrow(() -> refusal(runId, "markRunning", ACTIVE));
        events.running(running);
        return running;
    }

    @Override
    public void heartbeat(RunId runId) {
        Checks.notNull(runId, "runId");
        require(store.heartbeat(runId, now()), runId, "heartbeat");
    }

    @Override
    public void setTotal(RunId runId, long total) {
        Checks.notNull(runId, "runId");
        Checks.notNegative(total, "total");
        require(store.setTotal(runId, total, now()), runId, "setTotal");
    }

    @Override
    public void recordProgress(RunId runId, ProgressDelta delta) {
        Checks.notNull(runId, "runId");
        Checks.notNull(delta, "delta");
        Instant now = now();
        require(store.addProgress(runId, delta, now, now.minus(Times.PROGRESS_HEARTBEAT_GRANULARITY)),
                runId, "recordProgress");
    }

    @Override
    public void recordItemFailure(RunId runId, String itemKey, ReasonCode reasonCode, String message) {
        Checks.notNull(runId, "runId");
        ItemFailure.checkItemKey(itemKey);
        Checks.notNull(reasonCode, "reasonCode");
        Checks.notNull(message, "message");
        ItemFailure failure = new ItemFailure(itemKey, reasonCode, StoredText.sanitized(config.sanitizer(), message), now());
        require(store.recordItemFailure(runId, failure, config.itemFailureCap()), runId, "recordItemFailure");
        events.itemFailed(runId, reasonCode);
    }

    @Override
    public Run finish(RunId runId) {
        Checks.notNull(runId, "runId");
        openRecorders.flushAll(runId);
        return end(RunEnd.finish(runId, now()), "finish");
    }

    @Override
    public Run fail(RunId runId, ReasonCode reasonCode, String message) {
        RunFailure failure = failure(runId, reasonCode, message);
        openRecorders.flushAll(runId);
        return end(RunEnd.fail(runId, failure, now()), "fail");
    }

    @Override
    public Run abort(RunId runId, ReasonCode reasonCode, String message) {
        RunFailure failure = failure(runId, reasonCode, message);
        openRecorders.flushAll(runId);
        return end(RunEnd.abort(runId, failure, now()), "abort");
    }

    @Override
    public Run get(RunId runId) {
        Checks.notNull(runId, "runId");
        return store.findRun(runId).orElseThrow(() -> new RunNotFoundException(runId));
    }

    /**
     * Ends a run by compare-and-set with the notification its end causes.
     *
     * @return the ended run, or empty when the store refused the end
     */
    Optional<Run> tryEnd(RunEnd end) {
        Optional<Run> ended = store.end(end, notificationRules::ended);
        ended.ifPresent(events::ended);
        return ended;
    }

    private Run end(RunEnd end, String action) {
        return tryEnd(end).orElseThrow(() -> refusal(end.runId(), action, end.kind().from()));
    }

    private RunFailure failure(RunId runId, ReasonCode reasonCode, String message) {
        Checks.notNull(runId, "runId");
        Checks.notNull(reasonCode, "reasonCode");
        Checks.notNull(message, "message");
        return new RunFailure(reasonCode, StoredText.sanitized(config.sanitizer(), message));
    }

    private Instant now() {
        return Times.now(config.clock());
    }

    private void require(boolean changed, RunId runId, String action) {
        if (!changed) {
            throw refusal(runId, action, RUNNING);
        }
    }

    /** Why a compare-and-set changed nothing: the run is missing, or in a status the action does not accept. */
    private RunException refusal(RunId runId, String action, Set<RunStatus> allowed) {
        return store.findRun(runId)
                .<RunException>map(r -> new IllegalRunTransitionException(runId, action, r.status(), allowed))
                .orElseGet(() -> new RunNotFoundException(runId));
    }
}
