package dev.opsruns.core.internal;

import dev.opsruns.core.BucketCounts;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.NewFailures;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RelatedLink;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunStatistics;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.RunStore;
import dev.opsruns.core.spi.StoredDetail;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The monitoring side over any {@link RunStore}: null and access checks before any store work, cursor
 * checks and page assembly (so cursors mean the same on every store), exact time bounds, and related
 * links added after the store is done.
 */
final class EngineQueries implements RunQueries {

    private final RunStore store;
    private final RunsConfig config;
    private final EngineStatistics statistics;

    EngineQueries(RunStore store, RunsConfig config) {
        this.store = store;
        this.statistics = new EngineStatistics(store, config.clock());
        this.config = config;
    }

    @Override
    public RunPage list(Principal principal, TenantId tenantId, RunFilter filter, PageRequest page) {
        checkView(principal, tenantId);
        Checks.notNull(filter, "filter");
        Checks.notNull(page, "page");
        Optional<RunFilter> exact = exactBounds(filter);
        // KeysetPages decodes the cursor before it fetches, so a bad cursor is refused before any store work
        return KeysetPages.page(tenantId, filter, page, (position, limit) -> exact.isEmpty() ? List.of()
                : store.page(tenantId, exact.get(), position, limit));
    }

    @Override
    public BucketCounts countByBucket(Principal principal, TenantId tenantId, RunFilter filter) {
        checkView(principal, tenantId);
        Checks.notNull(filter, "filter");
        Optional<RunFilter> exact = exactBounds(filter);
        return new BucketCounts(exact.isEmpty() ? Map.of() : store.countByBucket(tenantId, exact.get().withBuckets(Set.of())));
    }

    @Override
    public RunDetail detail(Principal principal, TenantId tenantId, RunId runId) {
        checkView(principal, tenantId);
        Checks.notNull(runId, "runId");
        StoredDetail stored = store.detail(tenantId, runId).orElseThrow(() -> new RunNotFoundException(runId));
        // host code runs after the store is done, so a slow provider never holds a connection
        List<RelatedLink> links = config.relatedLinks(stored.run().runType()).linksFor(stored.run());
        return new RunDetail(stored.run(), stored.itemFailures(), stored.itemFailuresOmitted(),
                links == null ? List.of() : links);
    }

    @Override
    public RunStatistics statistics(Principal principal, TenantId tenantId, RunFilter filter, StatisticsWindow window) {
        checkView(principal, tenantId);
        return statistics.read(tenantId, filter, window);
    }

    @Override
    public NewFailures newFailures(Principal principal, TenantId tenantId) {
        String userId = checkVisitor(principal, tenantId);
        Optional<Instant> lastVisit = store.lastVisit(tenantId, userId);
        if (lastVisit.isEmpty()) {
            return NewFailures.NEVER_VISITED;
        }
        // the count primitive with an end bound: the same runs the list shows for bucket FAILED + endedFrom
        Map<StatusBucket, Long> since = store.countByBucket(tenantId, RunFilter.ALL.withEndedFrom(lastVisit.get()));
        return new NewFailures(lastVisit, since.getOrDefault(StatusBucket.FAILED, 0L));
    }

    @Override
    public void markVisited(Principal principal, TenantId tenantId) {
        String userId = checkVisitor(principal, tenantId);
        store.recordVisit(tenantId, userId, Times.now(config.clock()));
    }

    /** Visits are a user's own: a system reader has none, and is told so before any store work. */
    private String checkVisitor(Principal principal, TenantId tenantId) {
        Checks.notNull(principal, "principal");
        if (principal.readsEveryTenant()) {
            throw new InvalidRunInputException("principal", "must be a user, but was the system reader "
                    + Checks.quote(principal.userId()) + ": visits and new failures belong to users");
        }
        checkView(principal, tenantId);
        return principal.userId();
    }

    private void checkView(Principal principal, TenantId tenantId) {
        Checks.notNull(principal, "principal");
        Checks.notNull(tenantId, "tenantId");
        config.accessPolicy().checkView(principal, tenantId);
    }

    /**
     * Stores keep whole microseconds. Rounding every bound up to the next microsecond keeps
     * {@code from} and {@code endedFrom} inclusive and {@code to} exclusive exactly, whatever precision a
     * store compares in: a run created at T matches {@code from = T + 1 ns} no longer, and
     * {@code to = T + 1 ns} still.
     *
     * @return the filter in whole microseconds, or empty when no microsecond lies in its range
     */
    static Optional<RunFilter> exactBounds(RunFilter filter) {
        Instant from = ceilMicros(filter.from());
        Instant to = ceilMicros(filter.to());
        Instant endedFrom = ceilMicros(filter.endedFrom()); // inclusive, like from
        if (from == filter.from() && to == filter.to() && endedFrom == filter.endedFrom()) {
            return Optional.of(filter);
        }
        return from != null && to != null && !from.isBefore(to) ? Optional.empty()
                : Optional.of(filter.withCreatedBetween(from, to).withEndedFrom(endedFrom));
    }

    private static Instant ceilMicros(Instant t) {
        if (t == null || t.getNano() % 1_000 == 0) {
            return t;
        }
        return t.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
    }
}
