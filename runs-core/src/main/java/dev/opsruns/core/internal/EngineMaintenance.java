package dev.opsruns.core.internal;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.PurgeReport;
import dev.opsruns.core.ReapReport;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RetentionPolicy;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StaleRunPolicy;
import dev.opsruns.core.spi.HeartbeatCutoffs;
import dev.opsruns.core.spi.RunEnd;
import dev.opsruns.core.spi.RunStore;
import dev.opsruns.core.spi.StaleCandidate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reaper and the retention purge over any {@link RunStore}. Safe from many instances at once: the
 * reaper ends each candidate with its own guarded compare-and-set (a run whose worker reported in the
 * meantime is left alone, and a run is ended and notified by one pass only), and the purge deletes a
 * batch of ended runs per atomic step.
 */
final class EngineMaintenance implements RunMaintenance {

    private static final System.Logger LOG = System.getLogger(EngineMaintenance.class.getName());

    private final RunStore store;
    private final RunsConfig config;
    private final EngineRegistry registry;
    /** Fired after each end returned (committed); the registry already fired {@code ended}. */
    private final EngineEvents events;

    EngineMaintenance(RunStore store, RunsConfig config, EngineRegistry registry, EngineEvents events) {
        this.store = store;
        this.config = config;
        this.registry = registry;
        this.events = events;
    }

    @Override
    public ReapReport reapStaleRuns(StaleRunPolicy policy) {
        Checks.notNull(policy, "policy");
        Instant now = Times.now(config.clock());
        HeartbeatCutoffs cutoffs = cutoffs(policy, now);
        List<RunId> stale = new ArrayList<>();
        for (StaleCandidate c : store.staleRunning(cutoffs, policy.maxRunsPerPass())) {
            RunFailure failure = failure(ReasonCode.RUN_STALE, StaleRunMessages.stale(c.seen()));
            registry.tryEnd(RunEnd.reapStale(c, failure, now)).ifPresent(r -> reaped(r, stale));
        }
        List<RunId> neverStarted = new ArrayList<>();
        int budget = policy.maxRunsPerPass() - stale.size();
        if (budget > 0) {
            Instant cutoff = now.minus(policy.queueTimeout());
            for (StaleCandidate c : store.neverStarted(cutoff, budget)) {
                RunFailure failure = failure(ReasonCode.RUN_NEVER_STARTED, StaleRunMessages.neverStarted(c.seen()));
                registry.tryEnd(RunEnd.reapNeverStarted(c.runId(), cutoff, failure, now))
                        .ifPresent(r -> reaped(r, neverStarted));
            }
        }
        if (!stale.isEmpty() || !neverStarted.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "opsruns reaper ended {0} stale and {1} never-started run(s): {2}",
                    stale.size(), neverStarted.size(), summary(stale, neverStarted));
        }
        return new ReapReport(stale, neverStarted);
    }

    @Override
    public ReapReport findStaleRuns(StaleRunPolicy policy) {
        Checks.notNull(policy, "policy");
        Instant now = Times.now(config.clock());
        List<RunId> stale = store.staleRunning(cutoffs(policy, now), policy.maxRunsPerPass()).stream()
                .map(StaleCandidate::runId).toList();
        int budget = policy.maxRunsPerPass() - stale.size();
        List<RunId> neverStarted = budget <= 0 ? List.of()
                : store.neverStarted(now.minus(policy.queueTimeout()), budget).stream().map(StaleCandidate::runId).toList();
        return new ReapReport(stale, neverStarted);
    }

    private static HeartbeatCutoffs cutoffs(StaleRunPolicy policy, Instant now) {
        Map<RunType, Instant> byType = new HashMap<>();
        for (Map.Entry<RunType, Duration> e : policy.heartbeatTimeouts().entrySet()) {
            byType.put(e.getKey(), now.minus(e.getValue()));
        }
        return new HeartbeatCutoffs(now.minus(policy.heartbeatTimeout()), byType);
    }

    private void reaped(Run run, List<RunId> into) {
        into.add(run.id());
        events.reaped(run);
    }

    private static String summary(List<RunId> stale, List<RunId> neverStarted) {
        List<RunId> all = new ArrayList<>(stale);
        all.addAll(neverStarted);
        return all.size() <= 20 ? all.toString() : all.subList(0, 20) + " and " + (all.size() - 20) + " more";
    }

    private RunFailure failure(ReasonCode reason, String message) {
        return new RunFailure(reason, StoredText.sanitized(config.sanitizer(), message));
    }

    /** The most runs one {@link #runsToDispatch} returns. */
    static final int MAX_DISPATCH_LIMIT = 10_000;

    @Override
    public List<RunId> runsToDispatch(int limit) {
        if (limit < 1 || limit > MAX_DISPATCH_LIMIT) {
            throw new InvalidRunInputException("limit", "must be 1-" + MAX_DISPATCH_LIMIT + ", but was " + limit);
        }
        Instant now = Times.now(config.clock());
        List<RunId> ids = new ArrayList<>();
        // takeovers first: a dead worker's run blocks its key, while a pending one merely waits
        for (StaleCandidate c : store.staleRunning(EngineRegistry.leaseCutoffs(config.claimPolicy(), now), limit)) {
            ids.add(c.runId());
        }
        if (ids.size() < limit) {
            // every pending run up to now, inclusive: the cutoff is exclusive and stores keep microseconds
            for (StaleCandidate c : store.neverStarted(now.plusNanos(1_000), limit - ids.size())) {
                ids.add(c.runId());
            }
        }
        return ids;
    }

    @Override
    public PurgeReport purgeEndedRuns(RetentionPolicy policy) {
        Checks.notNull(policy, "policy");
        Instant cutoff = Times.now(config.clock()).minus(policy.retention());
        long deleted = 0;
        int batches = 0;
        int batch;
        do {
            batch = store.purgeEnded(cutoff, policy.batchSize());
            if (batch > 0) { // a last, empty look is not a batch
                deleted += batch;
                batches++;
            }
        } while (batch == policy.batchSize());
        if (deleted > 0) {
            LOG.log(System.Logger.Level.INFO, "opsruns purge deleted {0} ended run(s) in {1} batch(es)", deleted, batches);
        }
        return new PurgeReport(deleted, batches);
    }
}
