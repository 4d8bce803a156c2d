package dev.opsruns.core.internal;

import dev.opsruns.core.ClaimOutcome;
import dev.opsruns.core.ClaimPolicy;
import dev.opsruns.core.ConflictPolicy;
import dev.opsruns.core.IdempotencyKey;
import dev.opsruns.core.IdempotencyKeyMismatchException;
import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Notification;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunClaimRefusedException;
import dev.opsruns.core.RunException;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.ReusePolicy;
import dev.opsruns.core.RunIdempotency;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStartContendedException;
import dev.opsruns.core.RunStartRefusedException;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.spi.ClaimTerms;
import dev.opsruns.core.spi.HeartbeatCutoffs;
import dev.opsruns.core.spi.InsertOutcome;
import dev.opsruns.core.spi.PriorLookup;
import dev.opsruns.core.spi.RunEnd;
import dev.opsruns.core.spi.RunStore;
import dev.opsruns.core.spi.StaleCandidate;
import dev.opsruns.core.spi.StoredClaim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
        return start(request);
    }

    @Override
    public List<StartOutcome> startOrReuseAll(List<StartRequest> requests) {
        StartBatches.check(requests);
        for (StartRequest request : requests) {
            request.userPrincipal().ifPresent(p -> config.accessPolicy().checkStart(p, request.tenantId(), request.runType()));
        }
        StartOutcome[] outcomes = new StartOutcome[requests.size()];
        // the plain starts (derived key, active-only reuse, use the existing run) go to the store together
        List<Integer> plain = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (isPlain(requests.get(i))) {
                plain.add(i);
            }
        }
        if (!plain.isEmpty()) {
            Instant now = now();
            List<Run> runs = new ArrayList<>(plain.size());
            List<Notification> queued = new ArrayList<>(plain.size());
            for (int i : plain) {
                StartRequest r = requests.get(i);
                Run run = Run.pending(RunId.generate(config.clock()), r.tenantId(), r.runType(), r.idempotencyKey(),
                        r.initiator(), r.context(), now);
                runs.add(run);
                queued.add(notificationRules.started(run).orElse(null));
            }
            List<InsertOutcome> stored = store.insertAllUnlessActive(runs, queued);
            for (int j = 0; j < plain.size(); j++) {
                InsertOutcome o = stored.get(j);
                // a contended element goes the one-by-one way, with its retries
                outcomes[plain.get(j)] = o instanceof InsertOutcome.Contended ? null
                        : settle(requests.get(plain.get(j)), runs.get(j), o, null, now);
            }
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = start(requests.get(i));
            }
        }
        return List.of(outcomes);
    }

    private boolean isPlain(StartRequest request) {
        return request.callerKey() == null
                && config.startPolicy().reuseFor(request.runType()).kind() == ReusePolicy.Kind.ACTIVE_ONLY
                && config.startPolicy().conflictFor(request.runType()) == ConflictPolicy.USE_EXISTING;
    }

    /** Starts one checked request under its type's policies (a caller key: any run of the key answers). */
    private StartOutcome start(StartRequest request) {
        IdempotencyKey key = request.idempotencyKey();
        boolean callerKeyed = request.callerKey() != null;
        ReusePolicy reuse = config.startPolicy().reuseFor(request.runType());
        boolean replace = !callerKeyed && config.startPolicy().conflictFor(request.runType()) == ConflictPolicy.REPLACE;
        // the first attempt, plus a retry each time the run holding the key ended before it could be read
        int attempts = config.startRetries() + 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            Instant now = now();
            Run run = Run.pending(RunId.generate(config.clock()), request.tenantId(), request.runType(), key,
                    request.initiator(), request.context(), now);
            Notification queued = notificationRules.started(run).orElse(null);
            PriorLookup prior = callerKeyed ? new PriorLookup(null, PriorLookup.ENDED) : priorLookup(reuse, now);
            InsertOutcome outcome = replace
                    ? store.replaceActive(run, queued, prior, supersededBy(run), notificationRules::ended)
                    : store.insertUnlessActive(run, queued, prior);
            if (!(outcome instanceof InsertOutcome.Contended)) {
                return settle(request, run, outcome, callerKeyed ? null : reuse, now);
            }
            Thread.yield(); // contended: let the callers churning on this key move on before trying again
        }
        throw new RunStartContendedException(request.tenantId(), request.runType(), key, attempts);
    }

    /** Turns what the store did into the outcome, with its events, notices and refusals. */
    private StartOutcome settle(StartRequest request, Run run, InsertOutcome outcome, ReusePolicy reuse, Instant now) {
        if (outcome instanceof InsertOutcome.Inserted) {
            events.started(run);
            return new StartOutcome.Started(run);
        }
        if (outcome instanceof InsertOutcome.Superseded s) {
            events.ended(s.superseded());
            events.started(run);
            return new StartOutcome.Started(run, s.superseded());
        }
        Run existing = outcome instanceof InsertOutcome.Active a ? a.run() : ((InsertOutcome.Prior) outcome).run();
        if (request.callerKey() != null
                && !RunIdempotency.buildKey(existing.tenantId(), existing.runType(), existing.context())
                        .equals(request.fingerprint())) {
            throw new IdempotencyKeyMismatchException(request, existing);
        }
        if (outcome instanceof InsertOutcome.Prior && reuse != null && reuse.kind() == ReusePolicy.Kind.REFUSE_WITHIN) {
            throw new RunStartRefusedException(existing, existing.finishedAt().plus(reuse.window()));
        }
        notificationRules.reused(existing, request.principal(), now).ifPresent(store::insertNotification);
        events.reused(existing);
        return new StartOutcome.Reused(existing);
    }

    private static final Set<StatusBucket> SUCCEEDED = EnumSet.of(StatusBucket.SUCCEEDED);

    /** @return the ended runs that answer a start under {@code reuse} at {@code now}, null for none */
    static PriorLookup priorLookup(ReusePolicy reuse, Instant now) {
        return switch (reuse.kind()) {
            case ACTIVE_ONLY -> null;
            case REUSE_SUCCEEDED_WITHIN -> new PriorLookup(now.minus(reuse.window()), SUCCEEDED);
            case REFUSE_WITHIN -> new PriorLookup(now.minus(reuse.window()), PriorLookup.ENDED);
            case RESTART_FAILED -> new PriorLookup(null, SUCCEEDED);
        };
    }

    private RunFailure supersededBy(Run next) {
        return new RunFailure(ReasonCode.RUN_SUPERSEDED, StoredText.sanitized(config.sanitizer(),
                "Superseded by run " + next.id() + ", started for the same request."));
    }

    // ------------------------------------------------------------------ claims

    /** Claim, explain, and settle a run out of attempts; a changed run between the steps goes round again. */
    private static final int CLAIM_ROUNDS = 3;

    @Override
    public ClaimOutcome claim(RunId runId) {
        Checks.notNull(runId, "runId");
        ClaimPolicy policy = config.claimPolicy();
        ClaimOutcome outcome = null;
        for (int round = 0; round < CLAIM_ROUNDS && outcome == null; round++) {
            Instant now = now();
            UUID token = UUID.randomUUID();
            Optional<StoredClaim> claimed = store.claim(runId, token, now, claimTerms(policy, now));
            if (claimed.isPresent()) {
                Run run = claimed.get().run();
                // no event of its own; remembered so the claimed run's item failures cost no read
                events.running(run);
                return new ClaimOutcome.Claimed(new RunClaim(runId, token, claimed.get().attempt()), run,
                        policy.leaseFor(run.runType()));
            }
            outcome = explainRefusedClaim(runId, policy, now);
        }
        if (outcome != null) {
            return outcome;
        }
        // the run changed under every round: a live worker is busy with it
        StoredClaim s = store.findClaim(runId).orElse(null);
        return s == null ? new ClaimOutcome.NotFound(runId)
                : new ClaimOutcome.Held(s.run(), s.attempt(), leaseExpiry(s.run(), policy));
    }

    /** @return why the claim changed nothing, or null when the run changed meanwhile (claim again) */
    private ClaimOutcome explainRefusedClaim(RunId runId, ClaimPolicy policy, Instant now) {
        Optional<StoredClaim> found = store.findClaim(runId);
        if (found.isEmpty()) {
            return new ClaimOutcome.NotFound(runId);
        }
        Run run = found.get().run();
        if (run.status().isTerminal()) {
            return new ClaimOutcome.Ended(run);
        }
        if (run.status() == RunStatus.PENDING) {
            return null; // another claim's read saw it pending a moment ago; it is not pending for long
        }
        Instant expiry = leaseExpiry(run, policy);
        if (!expiry.isBefore(now) || found.get().attempt() < policy.maxAttemptsFor(run.runType())) {
            // the lease is alive, or it expired just now and a claim may take it over: either way,
            // the claim lost to a live worker or must go round again
            return expiry.isBefore(now) ? null : new ClaimOutcome.Held(run, found.get().attempt(), expiry);
        }
        int attempts = found.get().attempt();
        RunFailure failure = new RunFailure(ReasonCode.RUN_ATTEMPTS_EXHAUSTED, StoredText.sanitized(config.sanitizer(),
                "Attempt " + attempts + " of " + attempts + " stopped reporting: no heartbeat since "
                        + run.heartbeatAt() + ", and no attempt is left."));
        // guarded by the heartbeat judged, like the reaper's end: a worker that reports in keeps its run
        Optional<Run> ended = tryEnd(RunEnd.reapStale(new StaleCandidate(runId, run.runType(), run.heartbeatAt()),
                failure, now));
        return ended.<ClaimOutcome>map(ClaimOutcome.Exhausted::new).orElse(null);
    }

    private static Instant leaseExpiry(Run run, ClaimPolicy policy) {
        Instant heartbeat = run.heartbeatAt() != null ? run.heartbeatAt() : run.createdAt();
        return heartbeat.plus(policy.leaseFor(run.runType()));
    }

    /** @return the claim policy as a store compares it at {@code now} */
    static ClaimTerms claimTerms(ClaimPolicy policy, Instant now) {
        return new ClaimTerms(leaseCutoffs(policy, now), policy.maxAttempts(), policy.maxAttemptsByType());
    }

    /** @return the heartbeats before which a lease of each run type has expired at {@code now} */
    static HeartbeatCutoffs leaseCutoffs(ClaimPolicy policy, Instant now) {
        Map<RunType, Instant> byType = new HashMap<>();
        for (Map.Entry<RunType, Duration> e : policy.leases().entrySet()) {
            byType.put(e.getKey(), now.minus(e.getValue()));
        }
        return new HeartbeatCutoffs(now.minus(policy.lease()), byType);
    }

    @Override
    public void heartbeat(RunClaim claim) {
        Checks.notNull(claim, "claim");
        requireClaim(store.heartbeat(claim.runId(), claim.token(), now()), claim, "heartbeat");
    }

    @Override
    public void setTotal(RunClaim claim, long total) {
        Checks.notNull(claim, "claim");
        Checks.notNegative(total, "total");
        requireClaim(store.setTotal(claim.runId(), claim.token(), total, now()), claim, "setTotal");
    }

    @Override
    public void recordProgress(RunClaim claim, ProgressDelta delta) {
        Checks.notNull(claim, "claim");
        Checks.notNull(delta, "delta");
        Instant now = now();
        requireClaim(store.addProgress(claim.runId(), claim.token(), delta, now,
                now.minus(Times.PROGRESS_HEARTBEAT_GRANULARITY)), claim, "recordProgress");
    }

    @Override
    public void recordItemFailure(RunClaim claim, String itemKey, ReasonCode reasonCode, String message) {
        Checks.notNull(claim, "claim");
        ItemFailure failure = itemFailure(itemKey, reasonCode, message);
        requireClaim(store.recordItemFailure(claim.runId(), claim.token(), failure, config.itemFailureCap()),
                claim, "recordItemFailure");
        events.itemFailed(claim.runId(), reasonCode);
    }

    @Override
    public Run finish(RunClaim claim) {
        Checks.notNull(claim, "claim");
        openRecorders.flushAll(claim.runId());
        RunEnd end = RunEnd.finish(claim.runId(), now()).withClaim(claim.token());
        return tryEnd(end).orElseThrow(() -> claimRefusal(claim, "finish"));
    }

    @Override
    public Run fail(RunClaim claim, ReasonCode reasonCode, String message) {
        Checks.notNull(claim, "claim");
        RunFailure failure = failure(claim.runId(), reasonCode, message);
        openRecorders.flushAll(claim.runId());
        RunEnd end = RunEnd.fail(claim.runId(), failure, now()).withClaim(claim.token());
        return tryEnd(end).orElseThrow(() -> claimRefusal(claim, "fail"));
    }

    private void requireClaim(boolean changed, RunClaim claim, String action) {
        if (!changed) {
            throw claimRefusal(claim, action);
        }
    }

    /** Why a fenced call changed nothing: the run is missing, ended, or its current claim is not the caller's. */
    private RunException claimRefusal(RunClaim claim, String action) {
        return store.findClaim(claim.runId())
                .<RunException>map(s -> new RunClaimRefusedException(claim.runId(), action, s.run().status(),
                        RunClaimRefusedException.Reason.CLAIM_NOT_CURRENT, claim.attempt(), s.attempt()))
                .orElseGet(() -> new RunNotFoundException(claim.runId()));
    }

    // ------------------------------------------------------------------ the single-process path

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
        ItemFailure failure = itemFailure(itemKey, reasonCode, message);
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

    private ItemFailure itemFailure(String itemKey, ReasonCode reasonCode, String message) {
        ItemFailure.checkItemKey(itemKey);
        Checks.notNull(reasonCode, "reasonCode");
        Checks.notNull(message, "message");
        return new ItemFailure(itemKey, reasonCode, StoredText.sanitized(config.sanitizer(), message), now());
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

    /**
     * Why a compare-and-set without a claim changed nothing: the run is missing, claimed by a worker, or
     * in a status the action does not accept.
     */
    private RunException refusal(RunId runId, String action, Set<RunStatus> allowed) {
        return store.findClaim(runId)
                .<RunException>map(s -> s.token() != null && s.run().isActive() && allowed.contains(s.run().status())
                        ? new RunClaimRefusedException(runId, action, s.run().status(),
                                RunClaimRefusedException.Reason.CLAIM_REQUIRED, 0, s.attempt())
                        : new IllegalRunTransitionException(runId, action, s.run().status(), allowed))
                .orElseGet(() -> new RunNotFoundException(runId));
    }
}
