package dev.opsruns.testkit.internal;

import dev.opsruns.core.IdempotencyKey;
import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.internal.Checks;
import dev.opsruns.core.internal.Times;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/** The in-memory write side. */
public final class InMemoryRegistry implements RunRegistry {

    private static final Set<RunStatus> RUNNING = EnumSet.of(RunStatus.RUNNING);
    private static final Set<RunStatus> ACTIVE = EnumSet.of(RunStatus.PENDING, RunStatus.RUNNING);

    private final InMemoryState state;

    /**
     * @param state the shared state
     */
    public InMemoryRegistry(InMemoryState state) {
        this.state = state;
    }

    @Override
    public StartOutcome startOrReuse(StartRequest request) {
        Checks.notNull(request, "request");
        request.userPrincipal().ifPresent(p -> state.config.accessPolicy().checkStart(p, request.tenantId(), request.runType()));
        IdempotencyKey key = request.idempotencyKey();
        return state.locked(() -> {
            Instant now = Times.now(state.config.clock());
            Run existing = state.activeRun(request.tenantId(), key);
            if (existing != null) {
                state.notificationRules.reused(existing, request.principal(), now).ifPresent(state::notify);
                return new StartOutcome.Reused(existing);
            }
            Run run = new Run(RunId.generate(state.config.clock()), request.tenantId(), request.runType(),
                    RunStatus.PENDING, key, request.initiator(), request.context(), RunCounts.ZERO, null,
                    now, null, null, null);
            state.insert(run);
            state.notificationRules.started(run).ifPresent(state::notify);
            return new StartOutcome.Started(run);
        });
    }

    @Override
    public Run markRunning(RunId runId) {
        Checks.notNull(runId, "runId");
        return state.locked(() -> {
            InMemoryState.Entry e = state.entry(runId);
            Run r = e.run;
            require(r, "markRunning", ACTIVE);
            Instant now = Times.now(state.config.clock());
            Run updated = copy(r, RunStatus.RUNNING, r.counts(), null, r.startedAt() == null ? now : r.startedAt(), null, now);
            state.replace(e, updated);
            return updated;
        });
    }

    @Override
    public void heartbeat(RunId runId) {
        Checks.notNull(runId, "runId");
        update(runId, "heartbeat", Run::counts, false);
    }

    @Override
    public void setTotal(RunId runId, long total) {
        Checks.notNull(runId, "runId");
        Checks.notNegative(total, "total");
        update(runId, "setTotal", r -> r.counts().withTotal(total), false);
    }

    @Override
    public void recordProgress(RunId runId, ProgressDelta delta) {
        Checks.notNull(runId, "runId");
        Checks.notNull(delta, "delta");
        update(runId, "recordProgress", r -> r.counts().plus(delta), true);
    }

    @Override
    public void recordItemFailure(RunId runId, String itemKey, ReasonCode reasonCode, String message) {
        Checks.notNull(runId, "runId");
        ItemFailure.checkItemKey(itemKey);
        Checks.notNull(reasonCode, "reasonCode");
        Checks.notNull(message, "message");
        String sanitized = state.config.sanitizer().sanitize(message);
        state.locked(() -> {
            InMemoryState.Entry e = state.entry(runId);
            Run r = e.run;
            require(r, "recordItemFailure", RUNNING);
            Instant now = Times.now(state.config.clock());
            state.replace(e, copy(r, r.status(), r.counts().plus(new ProgressDelta(0, 1, 0)), null, r.startedAt(), null, now));
            e.failuresRecorded++;
            if (e.failures.size() < state.config.itemFailureCap()) {
                e.failures.add(new ItemFailure(itemKey, reasonCode, sanitized, now));
            }
            return null;
        });
    }

    @Override
    public Run finish(RunId runId) {
        Checks.notNull(runId, "runId");
        return end(runId, "finish", RUNNING, null, null);
    }

    @Override
    public Run fail(RunId runId, ReasonCode reasonCode, String message) {
        Checks.notNull(runId, "runId");
        Checks.notNull(reasonCode, "reasonCode");
        Checks.notNull(message, "message");
        return end(runId, "fail", ACTIVE, RunStatus.FAILED, new RunFailure(reasonCode, state.config.sanitizer().sanitize(message)));
    }

    @Override
    public Run abort(RunId runId, ReasonCode reasonCode, String message) {
        Checks.notNull(runId, "runId");
        Checks.notNull(reasonCode, "reasonCode");
        Checks.notNull(message, "message");
        return end(runId, "abort", ACTIVE, RunStatus.ABORTED, new RunFailure(reasonCode, state.config.sanitizer().sanitize(message)));
    }

    @Override
    public Run get(RunId runId) {
        Checks.notNull(runId, "runId");
        return state.locked(() -> state.entry(runId).run);
    }

    /** Ends a run by compare-and-set; {@code status} null means "finish" (picked from the counts). */
    Run end(RunId runId, String action, Set<RunStatus> from, RunStatus status, RunFailure failure) {
        return state.locked(() -> {
            InMemoryState.Entry e = state.entry(runId);
            Run r = e.run;
            require(r, action, from);
            RunStatus target = status != null ? status
                    : r.counts().failed() == 0 ? RunStatus.COMPLETED : RunStatus.COMPLETED_WITH_ERRORS;
            Instant now = Times.now(state.config.clock());
            Run ended = copy(r, target, r.counts(), failure, r.startedAt(), now, r.heartbeatAt());
            state.replace(e, ended);
            state.notificationRules.ended(ended).ifPresent(state::notify);
            return ended;
        });
    }

    /**
     * The running-only update every progress-like call shares: new counts and a heartbeat, which a
     * progress report refreshes only when it is older than {@link Times#PROGRESS_HEARTBEAT_GRANULARITY}
     * (as the durable stores do).
     */
    private void update(RunId runId, String action, Function<Run, RunCounts> counts, boolean coarseHeartbeat) {
        state.locked(() -> {
            InMemoryState.Entry e = state.entry(runId);
            Run r = e.run;
            require(r, action, RUNNING);
            Instant now = Times.now(state.config.clock());
            Instant heartbeat = coarseHeartbeat
                    && !r.heartbeatAt().isBefore(now.minus(Times.PROGRESS_HEARTBEAT_GRANULARITY)) ? r.heartbeatAt() : now;
            state.replace(e, copy(r, r.status(), counts.apply(r), null, r.startedAt(), null, heartbeat));
            return null;
        });
    }

    private static void require(Run run, String action, Set<RunStatus> allowed) {
        if (!allowed.contains(run.status())) {
            throw new IllegalRunTransitionException(run.id(), action, run.status(), allowed);
        }
    }

    private static Run copy(Run r, RunStatus status, RunCounts counts, RunFailure failure, Instant startedAt,
            Instant finishedAt, Instant heartbeatAt) {
        return new Run(r.id(), r.tenantId(), r.runType(), status, r.idempotencyKey(), r.initiator(), r.context(),
                counts, failure, r.createdAt(), startedAt, finishedAt, heartbeatAt);
    }
}
