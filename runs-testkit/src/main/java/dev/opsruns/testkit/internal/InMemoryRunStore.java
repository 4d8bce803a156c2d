package dev.opsruns.testkit.internal;

import dev.opsruns.core.IdempotencyKey;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Notification;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.ClaimTerms;
import dev.opsruns.core.spi.HeartbeatCutoffs;
import dev.opsruns.core.spi.InsertOutcome;
import dev.opsruns.core.spi.PagePosition;
import dev.opsruns.core.spi.PriorLookup;
import dev.opsruns.core.spi.RunEnd;
import dev.opsruns.core.spi.RunStore;
import dev.opsruns.core.spi.StaleCandidate;
import dev.opsruns.core.spi.StatisticsQuery;
import dev.opsruns.core.spi.StoredClaim;
import dev.opsruns.core.spi.StoredDetail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The in-memory store: every primitive runs under one lock, which makes each atomic, as the SPI asks;
 * the testkit trades throughput for obviously correct semantics.
 */
public final class InMemoryRunStore implements RunStore {

    /** Newest first: createdAt, then id, both descending. */
    private static final Comparator<Run> NEWEST_FIRST =
            Comparator.comparing(Run::createdAt).thenComparing(Run::id).reversed();

    /** A run with what is stored beside it. */
    private static final class Entry {
        Run run;
        final List<ItemFailure> failures = new ArrayList<>();
        long failuresRecorded;
        /** The current claim's token, null while never claimed. */
        UUID claimToken;
        int attempt;

        Entry(Run run) {
            this.run = run;
        }
    }

    private record ActiveKey(TenantId tenantId, IdempotencyKey key) {
    }

    private record Visitor(TenantId tenantId, String userId) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<RunId, Entry> runs = new LinkedHashMap<>();
    private final Map<ActiveKey, RunId> active = new HashMap<>();
    private final Map<UUID, Notification> notifications = new LinkedHashMap<>();
    private final Map<Visitor, Instant> visits = new HashMap<>();

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public InsertOutcome insertUnlessActive(Run run, Notification queued, PriorLookup prior) {
        return locked(() -> {
            RunId holder = active.get(new ActiveKey(run.tenantId(), run.idempotencyKey()));
            if (holder != null) {
                return new InsertOutcome.Active(runs.get(holder).run);
            }
            return insertOrPrior(run, queued, prior);
        });
    }

    @Override
    public InsertOutcome replaceActive(Run run, Notification queued, PriorLookup prior, RunFailure supersededBecause,
            Function<Run, Optional<Notification>> ended) {
        return locked(() -> {
            RunId holder = active.get(new ActiveKey(run.tenantId(), run.idempotencyKey()));
            if (holder == null) {
                return insertOrPrior(run, queued, prior);
            }
            // the lock is reentrant: the same end path as any abort, then the insert, both under one hold
            Run superseded = end(RunEnd.abort(holder, supersededBecause, run.createdAt()), ended)
                    .orElseThrow(() -> new IllegalStateException("the active run " + holder + " did not end"));
            insert(run, queued);
            return new InsertOutcome.Superseded(superseded);
        });
    }

    /** Under the lock, with no active run of the key: the prior run the lookup counts, or the insert. */
    private InsertOutcome insertOrPrior(Run run, Notification queued, PriorLookup prior) {
        if (prior != null) {
            Optional<Run> found = runs.values().stream().map(e -> e.run)
                    .filter(r -> r.tenantId().equals(run.tenantId()) && r.idempotencyKey().equals(run.idempotencyKey())
                            && prior.matches(r))
                    .max(Comparator.comparing(Run::finishedAt).thenComparing(Run::id));
            if (found.isPresent()) {
                return new InsertOutcome.Prior(found.get());
            }
        }
        insert(run, queued);
        return InsertOutcome.INSERTED;
    }

    private void insert(Run run, Notification queued) {
        runs.put(run.id(), new Entry(run));
        active.put(new ActiveKey(run.tenantId(), run.idempotencyKey()), run.id());
        if (queued != null) {
            notifications.put(queued.id(), queued);
        }
    }

    @Override
    public void insertNotification(Notification notification) {
        locked(() -> notifications.put(notification.id(), notification));
    }

    @Override
    public Optional<Run> findRun(RunId runId) {
        return locked(() -> Optional.ofNullable(runs.get(runId)).map(e -> e.run));
    }

    @Override
    public Optional<StoredClaim> findClaim(RunId runId) {
        return locked(() -> Optional.ofNullable(runs.get(runId)).map(e -> new StoredClaim(e.run, e.claimToken, e.attempt)));
    }

    @Override
    public Optional<StoredClaim> claim(RunId runId, UUID token, Instant at, ClaimTerms terms) {
        return locked(() -> {
            Entry e = runs.get(runId);
            if (e == null || e.attempt >= terms.maxAttemptsFor(e.run.runType())) {
                return Optional.empty();
            }
            boolean takeable = e.run.status() == RunStatus.PENDING || e.run.status() == RunStatus.RUNNING
                    && e.run.heartbeatAt().isBefore(terms.leaseExpiredBefore().cutoffFor(e.run.runType()));
            if (!takeable) {
                return Optional.empty();
            }
            e.run = e.run.withStatus(RunStatus.RUNNING)
                    .withStartedAt(e.run.startedAt() == null ? at : e.run.startedAt())
                    .withHeartbeatAt(at);
            e.claimToken = token;
            e.attempt++;
            return Optional.of(new StoredClaim(e.run, token, e.attempt));
        });
    }

    @Override
    public Optional<Run> markRunning(RunId runId, Instant at) {
        return update(runId, null, Set.of(RunStatus.PENDING, RunStatus.RUNNING), r -> r.withStatus(RunStatus.RUNNING)
                .withStartedAt(r.startedAt() == null ? at : r.startedAt())
                .withHeartbeatAt(at));
    }

    @Override
    public boolean heartbeat(RunId runId, Instant at) {
        return heartbeat(runId, null, at);
    }

    @Override
    public boolean heartbeat(RunId runId, UUID claimToken, Instant at) {
        return update(runId, claimToken, Set.of(RunStatus.RUNNING), r -> r.withHeartbeatAt(at)).isPresent();
    }

    @Override
    public boolean setTotal(RunId runId, long total, Instant at) {
        return setTotal(runId, null, total, at);
    }

    @Override
    public boolean setTotal(RunId runId, UUID claimToken, long total, Instant at) {
        return update(runId, claimToken, Set.of(RunStatus.RUNNING),
                r -> r.withCounts(r.counts().withTotal(total)).withHeartbeatAt(at)).isPresent();
    }

    @Override
    public boolean addProgress(RunId runId, ProgressDelta delta, Instant at, Instant refreshHeartbeatBefore) {
        return addProgress(runId, null, delta, at, refreshHeartbeatBefore);
    }

    @Override
    public boolean addProgress(RunId runId, UUID claimToken, ProgressDelta delta, Instant at,
            Instant refreshHeartbeatBefore) {
        return update(runId, claimToken, Set.of(RunStatus.RUNNING), r -> r.withCounts(r.counts().plus(delta))
                .withHeartbeatAt(r.heartbeatAt().isBefore(refreshHeartbeatBefore) ? at : r.heartbeatAt()))
                .isPresent();
    }

    @Override
    public boolean recordItemFailure(RunId runId, ItemFailure failure, int cap) {
        return recordItemFailure(runId, null, failure, cap);
    }

    @Override
    public boolean recordItemFailure(RunId runId, UUID claimToken, ItemFailure failure, int cap) {
        return locked(() -> {
            Entry e = runs.get(runId);
            if (e == null || e.run.status() != RunStatus.RUNNING || !Objects.equals(e.claimToken, claimToken)) {
                return false;
            }
            e.run = e.run.withCounts(e.run.counts().plus(new ProgressDelta(0, 1, 0))).withHeartbeatAt(failure.occurredAt());
            e.failuresRecorded++;
            if (e.failures.size() < cap) {
                e.failures.add(failure);
            }
            return true;
        });
    }

    @Override
    public Optional<Run> end(RunEnd end, Function<Run, Optional<Notification>> notification) {
        return locked(() -> {
            Entry e = runs.get(end.runId());
            if (e == null || !end.kind().from().contains(e.run.status()) || !guardHolds(end, e.run)
                    || end.fenced() && !Objects.equals(e.claimToken, end.claimToken())) {
                return Optional.empty();
            }
            Run ended = e.run.withStatus(end.targetStatus(e.run.counts())).withFailure(end.failure())
                    .withFinishedAt(end.at());
            // the notification is built before anything changes, so a throwing one leaves the run as it was
            Optional<Notification> n = notification.apply(ended);
            e.run = ended;
            active.remove(new ActiveKey(ended.tenantId(), ended.idempotencyKey()), ended.id());
            n.ifPresent(x -> notifications.put(x.id(), x));
            return Optional.of(ended);
        });
    }

    private static boolean guardHolds(RunEnd end, Run run) {
        return switch (end.kind()) {
            case REAP_STALE -> end.guard().equals(run.heartbeatAt());
            case REAP_NEVER_STARTED -> run.createdAt().isBefore(end.guard());
            case FINISH, FAIL, ABORT -> true;
        };
    }

    @Override
    public List<Run> page(TenantId tenantId, RunFilter filter, PagePosition position, int limit) {
        return locked(() -> {
            Stream<Run> matching = matching(tenantId, filter);
            if (position == null) {
                return matching.sorted(NEWEST_FIRST).limit(limit).toList();
            }
            if (position.direction() == PagePosition.Direction.OLDER) {
                return matching.filter(r -> position.compareRun(r.createdAt(), r.id()) < 0)
                        .sorted(NEWEST_FIRST).limit(limit).toList();
            }
            return matching.filter(r -> position.compareRun(r.createdAt(), r.id()) > 0)
                    .sorted(NEWEST_FIRST.reversed()).limit(limit).toList();
        });
    }

    @Override
    public Map<StatusBucket, Long> countByBucket(TenantId tenantId, RunFilter filter) {
        return locked(() -> {
            Map<StatusBucket, Long> counts = new EnumMap<>(StatusBucket.class);
            matching(tenantId, filter).forEach(r -> counts.merge(r.bucket(), 1L, Long::sum));
            return counts;
        });
    }

    @Override
    public List<RunTypeStatistics> statistics(StatisticsQuery query) {
        return locked(() -> InMemoryStatistics.of(tenantRuns(query.tenantId()), query));
    }

    @Override
    public Optional<StoredDetail> detail(TenantId tenantId, RunId runId) {
        return locked(() -> {
            Entry e = runs.get(runId);
            if (e == null || !e.run.tenantId().equals(tenantId)) {
                return Optional.empty();
            }
            return Optional.of(new StoredDetail(e.run, e.failures, e.failuresRecorded - e.failures.size()));
        });
    }

    @Override
    public List<StaleCandidate> staleRunning(HeartbeatCutoffs cutoffs, int limit) {
        return locked(() -> runs.values().stream().map(e -> e.run)
                .filter(r -> r.status() == RunStatus.RUNNING && r.heartbeatAt().isBefore(cutoffs.cutoffFor(r.runType())))
                .sorted(Comparator.comparing(Run::heartbeatAt))
                .limit(limit)
                .map(r -> new StaleCandidate(r.id(), r.runType(), r.heartbeatAt()))
                .toList());
    }

    @Override
    public List<StaleCandidate> neverStarted(Instant createdBefore, int limit) {
        return locked(() -> runs.values().stream().map(e -> e.run)
                .filter(r -> r.status() == RunStatus.PENDING && r.createdAt().isBefore(createdBefore))
                .sorted(Comparator.comparing(Run::createdAt))
                .limit(limit)
                .map(r -> new StaleCandidate(r.id(), r.runType(), r.createdAt()))
                .toList());
    }

    @Override
    public int purgeEnded(Instant finishedBefore, int limit) {
        return locked(() -> {
            List<RunId> batch = runs.values().stream().map(e -> e.run)
                    .filter(r -> r.status().isTerminal() && r.finishedAt().isBefore(finishedBefore))
                    .map(Run::id)
                    .limit(limit)
                    .toList();
            for (RunId id : batch) {
                runs.remove(id);
                notifications.values().removeIf(n -> n.runId().equals(id));
            }
            return batch.size();
        });
    }

    @Override
    public List<Notification> notifications(TenantId tenantId, String userId, boolean unreadOnly, int limit) {
        return locked(() -> notifications.values().stream()
                .filter(n -> mine(n, tenantId, userId) && (!unreadOnly || !n.isRead()))
                .sorted(Comparator.comparing(Notification::createdAt).thenComparing(Notification::id).reversed())
                .limit(limit)
                .toList());
    }

    @Override
    public int markRead(TenantId tenantId, String userId, Set<UUID> ids, Instant at) {
        return locked(() -> {
            int changed = 0;
            for (Notification n : List.copyOf(notifications.values())) {
                if (mine(n, tenantId, userId) && !n.isRead() && (ids.isEmpty() || ids.contains(n.id()))) {
                    notifications.put(n.id(), n.withReadAt(at));
                    changed++;
                }
            }
            return changed;
        });
    }

    @Override
    public Optional<Instant> lastVisit(TenantId tenantId, String userId) {
        return locked(() -> Optional.ofNullable(visits.get(new Visitor(tenantId, userId))));
    }

    @Override
    public void recordVisit(TenantId tenantId, String userId, Instant at) {
        locked(() -> visits.merge(new Visitor(tenantId, userId), at, (stored, given) -> given.isAfter(stored) ? given : stored));
    }

    private static boolean mine(Notification n, TenantId tenantId, String userId) {
        return n.tenantId().equals(tenantId) && n.userId().equals(userId);
    }

    private Stream<Run> tenantRuns(TenantId tenantId) {
        return tenantEntries(tenantId).map(e -> e.run);
    }

    /** The tenant's runs that pass the filter, judged with their stored item failures' reason codes. */
    private Stream<Run> matching(TenantId tenantId, RunFilter filter) {
        return tenantEntries(tenantId)
                .filter(e -> filter.matches(e.run, filter.reasonCode() == null ? List.of()
                        : e.failures.stream().map(ItemFailure::reasonCode).toList()))
                .map(e -> e.run);
    }

    private Stream<Entry> tenantEntries(TenantId tenantId) {
        return runs.values().stream().filter(e -> e.run.tenantId().equals(tenantId));
    }

    /**
     * Applies a change to a run in one of the allowed statuses whose claim token is {@code claimToken}
     * (null: never claimed); empty when missing or not allowed.
     */
    private Optional<Run> update(RunId runId, UUID claimToken, Set<RunStatus> allowed, UnaryOperator<Run> change) {
        return locked(() -> {
            Entry e = runs.get(runId);
            if (e == null || !allowed.contains(e.run.status()) || !Objects.equals(e.claimToken, claimToken)) {
                return Optional.empty();
            }
            e.run = change.apply(e.run);
            return Optional.of(e.run);
        });
    }
}
