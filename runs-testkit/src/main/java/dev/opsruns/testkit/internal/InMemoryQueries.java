package dev.opsruns.testkit.internal;

import dev.opsruns.core.BucketCounts;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.internal.Checks;
import dev.opsruns.core.internal.KeysetPages;
import dev.opsruns.core.internal.PageCursor;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The in-memory monitoring side. */
public final class InMemoryQueries implements RunQueries {

    /** Newest first: createdAt, then id, both descending. */
    private static final Comparator<Run> NEWEST_FIRST =
            Comparator.comparing(Run::createdAt).thenComparing(Run::id).reversed();

    private final InMemoryState state;

    /**
     * @param state the shared state
     */
    public InMemoryQueries(InMemoryState state) {
        this.state = state;
    }

    @Override
    public RunPage list(Principal principal, TenantId tenantId, RunFilter filter, PageRequest page) {
        checkView(principal, tenantId);
        Checks.notNull(filter, "filter");
        Checks.notNull(page, "page");
        return KeysetPages.page(tenantId, filter, page, (position, limit) -> state.locked(() -> {
            Stream<Run> runs = tenantRuns(tenantId).filter(filter::matches);
            if (position == null) {
                return runs.sorted(NEWEST_FIRST).limit(limit).toList();
            }
            Comparator<Run> order = NEWEST_FIRST;
            if (position.direction() == PageCursor.Direction.OLDER) {
                return runs.filter(r -> compareToPosition(r, position) < 0).sorted(order).limit(limit).toList();
            }
            return runs.filter(r -> compareToPosition(r, position) > 0).sorted(order.reversed()).limit(limit).toList();
        }));
    }

    private static int compareToPosition(Run run, PageCursor position) {
        int c = run.createdAt().compareTo(position.createdAt());
        return c != 0 ? c : run.id().compareTo(position.runId());
    }

    @Override
    public BucketCounts countByBucket(Principal principal, TenantId tenantId, RunFilter filter) {
        checkView(principal, tenantId);
        Checks.notNull(filter, "filter");
        RunFilter ignoringBuckets = filter.withBuckets(Set.of());
        return state.locked(() -> {
            Map<StatusBucket, Long> counts = new EnumMap<>(StatusBucket.class);
            tenantRuns(tenantId).filter(ignoringBuckets::matches).forEach(r -> counts.merge(r.bucket(), 1L, Long::sum));
            return new BucketCounts(counts);
        });
    }

    @Override
    public RunDetail detail(Principal principal, TenantId tenantId, RunId runId) {
        checkView(principal, tenantId);
        Checks.notNull(runId, "runId");
        RunDetail detail = state.locked(() -> {
            InMemoryState.Entry e = state.runs.get(runId);
            if (e == null || !e.run.tenantId().equals(tenantId)) {
                return null;
            }
            return new RunDetail(e.run, List.copyOf(e.failures), e.failuresRecorded - e.failures.size(), List.of());
        });
        if (detail == null) {
            throw new RunNotFoundException(runId);
        }
        // Providers are host code: call them outside the lock.
        return new RunDetail(detail.run(), detail.itemFailures(), detail.itemFailuresOmitted(),
                state.config.relatedLinks(detail.run().runType()).linksFor(detail.run()));
    }

    private Stream<Run> tenantRuns(TenantId tenantId) {
        return state.runs.values().stream().map(e -> e.run).filter(r -> r.tenantId().equals(tenantId));
    }

    private void checkView(Principal principal, TenantId tenantId) {
        Checks.notNull(principal, "principal");
        Checks.notNull(tenantId, "tenantId");
        state.config.accessPolicy().checkView(principal, tenantId);
    }
}
