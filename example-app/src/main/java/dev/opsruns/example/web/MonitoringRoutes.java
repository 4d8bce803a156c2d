package dev.opsruns.example.web;

import dev.opsruns.core.BucketCounts;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The view-only monitoring API over the ledger: list, counts by bucket, detail, and the "View run" URL.
 * Every read goes through the library's {@code RunQueries} with the caller's principal, so tenant
 * scoping and roles are the library's: no role in the tenant is 403, a run of another tenant is 404.
 */
final class MonitoringRoutes {

    private static final Set<String> LIST_PARAMS = Set.of("type", "bucket", "from", "to", "cursor", "limit");
    private static final Set<String> COUNT_PARAMS = Set.of("type", "bucket", "from", "to");

    /**
     * @param ids the runs
     * @param olderCursor cursor of the next (older) page, or null
     * @param newerCursor cursor of the previous (newer) page, or null
     * @param limit the page size
     */
    record RunListView(List<RunViews.RunView> runs, String olderCursor, String newerCursor, int limit) {
    }

    /**
     * @param counts runs per bucket
     * @param total all runs under the filter
     */
    record CountsView(Map<String, Long> counts, long total) {
    }

    private final RunLedger ledger;
    private final Callers callers;
    private final Set<RunType> runTypes;

    MonitoringRoutes(RunLedger ledger, Callers callers, Set<RunType> runTypes) {
        this.ledger = ledger;
        this.callers = callers;
        this.runTypes = Set.copyOf(runTypes);
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/tenants/{tenant}/runs", this::list);
        routes.get("/api/tenants/{tenant}/runs/counts", this::counts);
        routes.get("/api/tenants/{tenant}/runs/{runId}", this::detail);
    }

    private void list(Context ctx) {
        TenantCaller caller = callers.inTenant(ctx);
        TenantId tenant = caller.tenant();
        Principal principal = caller.principal();
        QueryParams q = QueryParams.of(ctx, LIST_PARAMS);
        RunFilter filter = filter(q);
        int limit = q.integer("limit", 1, PageRequest.MAX_LIMIT, PageRequest.DEFAULT_LIMIT);
        PageRequest page = new PageRequest(limit, TimeBounds.checkedCursor(q.single("cursor")));
        RunPage result = ledger.queries().list(principal, tenant, filter, page);
        ctx.json(new RunListView(result.runs().stream().map(r -> RunViews.of(r, ledger.config().linkTemplate())).toList(),
                result.olderCursor(), result.newerCursor(), limit));
    }

    private void counts(Context ctx) {
        TenantCaller caller = callers.inTenant(ctx);
        RunFilter filter = filter(QueryParams.of(ctx, COUNT_PARAMS));
        BucketCounts counts = ledger.queries().countByBucket(caller.principal(), caller.tenant(), filter);
        Map<String, Long> byName = new LinkedHashMap<>();
        for (StatusBucket b : StatusBucket.values()) {
            byName.put(b.apiName(), counts.get(b));
        }
        ctx.json(new CountsView(byName, counts.total()));
    }

    /** The JSON detail; also what the "View run" URL answers API clients (HttpApi wires it). */
    void detail(Context ctx) {
        TenantCaller caller = callers.inTenant(ctx);
        RunId runId = PathParams.runId(ctx);
        RunDetail detail = ledger.queries().detail(caller.principal(), caller.tenant(), runId);
        ctx.json(RunViews.of(detail, ledger.config().linkTemplate()));
    }

    private RunFilter filter(QueryParams q) {
        Set<RunType> types = new TreeSet<>();
        for (String t : q.values("type")) {
            RunType type = RunType.of(t);
            if (!runTypes.contains(type)) {
                throw ApiException.badRequest("type", "type must be one of " + accepted() + ", but was '" + JsonBody.clip(t) + "'");
            }
            types.add(type);
        }
        Set<StatusBucket> buckets = EnumSet.noneOf(StatusBucket.class);
        for (String b : q.values("bucket")) {
            buckets.add(StatusBucket.parse(b));
        }
        Instant from = q.instant("from");
        Instant to = q.instant("to");
        return new RunFilter(types, buckets, from, to);
    }

    private String accepted() {
        return runTypes.stream().map(RunType::value).sorted().collect(Collectors.joining(", "));
    }
}
