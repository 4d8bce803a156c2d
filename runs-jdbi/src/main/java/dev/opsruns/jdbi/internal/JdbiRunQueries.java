package dev.opsruns.jdbi.internal;

import dev.opsruns.core.BucketCounts;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RelatedLink;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.internal.Checks;
import dev.opsruns.core.internal.KeysetPages;
import dev.opsruns.core.internal.PageCursor;
import dev.opsruns.core.internal.PageCursor.Direction;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The monitoring side on a database: tenant-scoped reads, checked against the access policy before
 * any SQL. The list pages by keyset over (created_at, id), newest first; the counts are one
 * {@code GROUP BY bucket} query.
 */
public final class JdbiRunQueries implements RunQueries {

    private final JdbiStore store;
    private final RunsConfig config;

    /**
     * @param store the database
     */
    public JdbiRunQueries(JdbiStore store) {
        this.store = store;
        this.config = store.config();
    }

    @Override
    public RunPage list(Principal principal, TenantId tenantId, RunFilter filter, PageRequest page) {
        Checks.notNull(principal, "principal");
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(filter, "filter");
        Checks.notNull(page, "page");
        config.accessPolicy().checkView(principal, tenantId);
        if (page.cursor() != null) {
            PageCursor.decode(page.cursor(), tenantId, filter); // a bad cursor is refused before any SQL
        }
        // KeysetPages decides the cursors for every store; this store only fetches rows near a position
        return store.read("list runs", (h, d) -> KeysetPages.page(tenantId, filter, page,
                (position, limit) -> fetch(h, tenantId, filter, position, limit)));
    }

    private static List<Run> fetch(Handle h, TenantId tenantId, RunFilter filter, PageCursor position, int limit) {
        RunFilterSql where = RunFilterSql.of(tenantId, filter, true);
        if (position != null) {
            where.beyond(position.direction(), position.createdAt(), position.runId().value());
        }
        boolean nearestNewerFirst = position != null && position.direction() == Direction.NEWER;
        return where.bind(h.createQuery(Sql.listPage(where, nearestNewerFirst)))
                .bind("limit", limit)
                .map(RunRows.INSTANCE)
                .list();
    }

    @Override
    public BucketCounts countByBucket(Principal principal, TenantId tenantId, RunFilter filter) {
        Checks.notNull(principal, "principal");
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(filter, "filter");
        config.accessPolicy().checkView(principal, tenantId);
        return store.read("count runs", (h, d) -> {
            RunFilterSql where = RunFilterSql.of(tenantId, filter, false);
            Map<StatusBucket, Long> counts = new EnumMap<>(StatusBucket.class);
            where.bind(h.createQuery(Sql.countByBucket(where)))
                    .map((rs, ctx) -> Map.entry(StatusBucket.fromApiName(rs.getString("bucket")), rs.getLong("runs")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return new BucketCounts(counts);
        });
    }

    @Override
    public RunDetail detail(Principal principal, TenantId tenantId, RunId runId) {
        Checks.notNull(principal, "principal");
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(runId, "runId");
        config.accessPolicy().checkView(principal, tenantId);
        RunDetail stored = store.read("read a run's detail", (h, d) -> {
            long[] failureCounts = new long[2];
            Run run = h.createQuery(Sql.SELECT_RUN_IN_TENANT)
                    .bind("tenant", tenantId.value())
                    .bind("id", Binds.uuid(runId.value()))
                    .map((rs, ctx) -> {
                        failureCounts[0] = rs.getLong("failures_recorded");
                        failureCounts[1] = rs.getLong("failures_stored");
                        return RunRows.read(rs);
                    })
                    .findOne()
                    .orElseThrow(() -> new RunNotFoundException(runId));
            // seq <= the stored count just read: the list matches the counts even while a worker adds more
            List<ItemFailure> failures = h.createQuery(Sql.SELECT_ITEM_FAILURES)
                    .bind("id", Binds.uuid(runId.value()))
                    .bind("stored", failureCounts[1])
                    .map((rs, ctx) -> new ItemFailure(rs.getString("item_key"), ReasonCode.of(rs.getString("reason_code")),
                            rs.getString("message"), Binds.instant(rs, "occurred_at")))
                    .list();
            return new RunDetail(run, failures, Math.max(0, failureCounts[0] - failureCounts[1]), List.of());
        });
        // host code runs after the transaction, so a slow provider never holds a connection
        List<RelatedLink> links = config.relatedLinks(stored.run().runType()).linksFor(stored.run());
        return new RunDetail(stored.run(), stored.itemFailures(), stored.itemFailuresOmitted(),
                links == null ? List.of() : links);
    }
}
