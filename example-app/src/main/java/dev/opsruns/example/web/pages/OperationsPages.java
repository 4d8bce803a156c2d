package dev.opsruns.example.web.pages;

import dev.opsruns.core.BucketCounts;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.drift.ChangeType;
import dev.opsruns.example.drift.DriftFinding;
import dev.opsruns.example.drift.DriftFindingRepository;
import dev.opsruns.example.drift.DriftGeneration;
import dev.opsruns.example.web.ApiException;
import dev.opsruns.example.web.PathParams;
import dev.opsruns.example.web.QueryParams;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Monitoring -> Operations: the list (bucket tabs with counts, filters, paging), a run's detail, and a
 * drift run's findings. Every read goes through the library's {@code RunQueries} with the caller's
 * principal, exactly like the JSON API: no role in the tenant is 403, a run of another tenant is 404.
 */
final class OperationsPages {

    private final PageSupport support;
    private final Set<RunType> runTypes;
    private final DriftFindingRepository findings;

    OperationsPages(PageSupport support, Set<RunType> runTypes, DriftFindingRepository findings) {
        this.support = support;
        this.runTypes = Set.copyOf(new TreeSet<>(runTypes));
        this.findings = findings;
    }

    /** {@code GET /tenants/{tenant}/operations}: the list. */
    void list(Context ctx) {
        Viewer viewer = support.viewer(ctx);
        TenantId tenant = viewer.tenantId();
        ListParams view = ListParams.parse(QueryParams.of(ctx, ListParams.NAMES), runTypes, support.now());
        var queries = support.ledger.queries();
        RunPage page;
        try {
            page = queries.list(viewer.principal(), tenant, view.filter(), new PageRequest(view.limit(), view.cursor()));
        } catch (InvalidRunInputException e) {
            if (!e.field().equals("cursor")) {
                throw e;
            }
            throw ApiException.badRequest("cursor", "This page link is not valid for this list any more: its paging "
                    + "cursor was changed, or belongs to other filters or another tenant. Start again from the first page.");
        }
        BucketCounts counts = queries.countByBucket(viewer.principal(), tenant, view.filterOfAllBuckets());
        List<RunType> present = new ArrayList<>();
        for (RunType type : new TreeSet<>(runTypes)) {
            RunFilter ofType = view.filterOfAllBuckets().withRunTypes(Set.of(type));
            if (type.equals(view.type()) || queries.countByBucket(viewer.principal(), tenant, ofType).total() > 0) {
                present.add(type);
            }
        }
        String base = viewer.base() + "/operations";
        boolean active = page.runs().stream().anyMatch(Run::isActive);
        Html main = Html.of("""
                <div class="page-head">
                  <h1>Operations</h1>
                  <p class="lead">Long-running background operations in {}, newest first. {}</p>
                </div>
                {}
                {}
                <p class="refresh-status" role="status" aria-live="polite" data-refresh-status></p>
                <div class="table-wrap" data-live="list" data-active="{}">
                <table class="runs">
                  <caption class="visually-hidden">{}</caption>
                  <thead><tr><th scope="col">Operation</th><th scope="col">Status</th><th scope="col">Initiator</th>
                  <th scope="col">Created</th><th scope="col">Finished</th><th scope="col">Progress</th></tr></thead>
                  <tbody>{}</tbody>
                </table>
                </div>
                {}
                """, viewer.tenant().displayName(), summary(view), tabs(view, base, counts), filters(view, base, present),
                active, "Runs: " + summary(view), rows(page.runs(), view, base), pager(view, base, page));
        Layout.tenantPage(ctx, viewer, Layout.Section.OPERATIONS, "Operations",
                List.of(new Layout.Crumb("Monitoring", null), new Layout.Crumb("Operations", null)), main);
    }

    /** {@code GET /tenants/{tenant}/operations/{runId}} for browsers: the run's detail. */
    void detail(Context ctx) {
        Viewer viewer = support.viewer(ctx);
        TenantId tenant = viewer.tenantId();
        RunId runId = PathParams.runId(ctx);
        QueryParams.of(ctx, Set.of());
        RunDetail detail = support.ledger.queries().detail(viewer.principal(), tenant, runId);
        Run run = detail.run();
        String title = Show.runType(run.runType());
        Html main = Html.of("""
                <p class="refresh-status" role="status" aria-live="polite" data-refresh-status></p>
                <div data-live="detail" data-active="{}">
                <div class="page-head">
                  <h1>{} <span class="h1-badge">{}</span></h1>
                  <p class="lead">Run <code class="run-id-full">{}</code> <span class="muted">({})</span></p>
                </div>
                <div class="grid">
                <section class="card" aria-labelledby="summary-h">
                  <h2 id="summary-h">Summary</h2>
                  <dl class="facts">
                    <div><dt>Status</dt><dd>{} <span class="muted">stored as <code>{}</code></span></dd></div>
                    <div><dt>Progress</dt><dd>{}</dd></div>
                    <div><dt>Items</dt><dd>{}</dd></div>
                    <div><dt>Initiator</dt><dd>{}</dd></div>
                    <div><dt>Created</dt><dd>{}</dd></div>
                    <div><dt>Started</dt><dd>{}</dd></div>
                    <div><dt>Finished</dt><dd>{}</dd></div>
                    <div><dt>Duration</dt><dd>{}</dd></div>
                    {}
                  </dl>
                </section>
                <section class="card" aria-labelledby="related-h">
                  <h2 id="related-h">Related</h2>
                  {}
                  <h2 id="context-h">Context</h2>
                  {}
                </section>
                </div>
                {}
                {}
                </div>
                <p><a href="{}">&larr; Back to operations</a></p>
                """, run.isActive(), title, Show.badge(run.bucket()), run.id(), run.runType().value(),
                Show.badge(run.bucket()), run.status().storageName(), Show.progress(run, title + " progress"),
                counts(run), Show.initiator(run.initiator()), Show.time(run.createdAt(), "—"),
                Show.time(run.startedAt(), "not started yet"), Show.time(run.finishedAt(), "not finished yet"),
                Show.duration(run, support.now()),
                Html.when(run.isActive() && run.heartbeatAt() != null,
                        Html.of("<div><dt>Last heartbeat</dt><dd>{}</dd></div>", Show.time(run.heartbeatAt(), "—"))),
                related(detail), support.context(run.context().asMap()), runFailure(run.failure()), itemFailures(detail),
                viewer.base() + "/operations");
        Layout.tenantPage(ctx, viewer, Layout.Section.OPERATIONS, title + " run", List.of(new Layout.Crumb("Monitoring", null),
                new Layout.Crumb("Operations", viewer.base() + "/operations"), new Layout.Crumb(title + " run", null)), main);
    }

    /** {@code GET /tenants/{tenant}/operations/{runId}/drift-findings} for browsers: a drift run's findings. */
    void driftFindings(Context ctx) {
        Viewer viewer = support.viewer(ctx);
        TenantId tenant = viewer.tenantId();
        RunId runId = PathParams.runId(ctx);
        QueryParams.of(ctx, Set.of());
        Run run = support.ledger.queries().detail(viewer.principal(), tenant, runId).run();
        if (!run.runType().equals(DriftGeneration.RUN_TYPE)) {
            throw new ApiException(404, "not_found", null, "Run " + runId + " is a \"" + Show.runType(run.runType())
                    + "\" run; drift findings exist only for drift generation runs.");
        }
        List<DriftFinding> found = findings.ofRun(tenant, runId);
        String runUrl = support.ledger.config().linkTemplate().viewRunUrl(tenant, runId);
        List<Html> parts = new ArrayList<>();
        for (ChangeType change : ChangeType.values()) {
            List<DriftFinding> ofChange = found.stream().filter(f -> f.change().changeType() == change).toList();
            parts.add(findingSection(change, ofChange));
        }
        Html sections = Html.join(parts);
        Html state = run.isActive()
                ? Html.of("<p class=\"notice\">This run has not finished yet: findings appear when it ends. "
                        + "<a href=\"{}\">Watch the run</a>.</p>", runUrl)
                : Html.EMPTY;
        Html main = Html.of("""
                <div class="page-head">
                  <h1>Drift findings</h1>
                  <p class="lead">Policies that differ between two inventory snapshots of scope <code>{}</code>,
                  found by <a href="{}">drift generation run <code>{}</code></a> {}.</p>
                </div>
                {}
                <ul class="summary-counts" aria-label="Findings by change">
                  <li><span class="change change-added">{} added</span></li>
                  <li><span class="change change-removed">{} removed</span></li>
                  <li><span class="change change-changed">{} changed</span></li>
                </ul>
                {}
                <section class="card" aria-labelledby="context-h"><h2 id="context-h">Compared snapshots</h2>{}</section>
                """, run.context().getString("scope_key").orElse("?"), runUrl, shortId(run.id()), Show.badge(run.bucket()),
                state, count(found, ChangeType.ADDED), count(found, ChangeType.REMOVED), count(found, ChangeType.CHANGED),
                sections, support.context(run.context().asMap()));
        Layout.tenantPage(ctx, viewer, Layout.Section.OPERATIONS, "Drift findings", List.of(new Layout.Crumb("Monitoring", null),
                new Layout.Crumb("Operations", viewer.base() + "/operations"),
                new Layout.Crumb("Drift generation run", runUrl), new Layout.Crumb("Drift findings", null)), main);
    }

    private static Html findingSection(ChangeType change, List<DriftFinding> found) {
        String heading = switch (change) {
            case ADDED -> "Added policies";
            case REMOVED -> "Removed policies";
            case CHANGED -> "Changed policies";
        };
        String id = "findings-" + change.apiName();
        if (found.isEmpty()) {
            return Html.of("<section aria-labelledby=\"{}\"><h2 id=\"{}\">{}</h2><p class=\"muted\">None.</p></section>",
                    id, id, heading);
        }
        return Html.of("""
                <section aria-labelledby="{}">
                  <h2 id="{}">{} <span class="muted">({})</span></h2>
                  <div class="table-wrap"><table class="findings" data-change="{}">
                    <thead><tr><th scope="col">Policy</th><th scope="col">Name</th><th scope="col">Type</th>
                    <th scope="col">Changed settings</th></tr></thead>
                    <tbody>{}</tbody>
                  </table></div>
                </section>
                """, id, id, heading, found.size(), change.apiName(), Html.each(found, f -> Html.of(
                "<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td><td>{}</td></tr>",
                f.change().policyId(), f.change().displayName(), f.change().policyType(),
                f.changedSettings().isEmpty() ? Html.of("<span class=\"muted\">—</span>")
                        : Html.of("<code>{}</code>", String.join(", ", f.changedSettings())))));
    }

    private static long count(List<DriftFinding> found, ChangeType change) {
        return found.stream().filter(f -> f.change().changeType() == change).count();
    }

    private static String summary(ListParams view) {
        StringBuilder sb = new StringBuilder(view.bucket() == null ? "all runs" : Show.bucket(view.bucket()).toLowerCase(
                java.util.Locale.ROOT) + " runs");
        if (view.type() != null) {
            sb.append(" of type ").append(Show.runType(view.type()));
        }
        switch (view.range()) {
            case ANY -> { }
            case LAST_24_HOURS, LAST_7_DAYS, LAST_30_DAYS -> sb.append(" created in the ")
                    .append(view.range().label.toLowerCase(java.util.Locale.ROOT));
            case CUSTOM -> {
                if (view.fromText() != null) {
                    sb.append(" created from ").append(view.fromText());
                }
                if (view.toText() != null) {
                    sb.append(view.fromText() == null ? " created" : "").append(" up to ").append(view.toText());
                }
                if (!view.zone().getId().equals("Z")) {
                    sb.append(" (").append(view.zone().getId()).append(')');
                }
            }
        }
        String text = sb.append('.').toString();
        return "Showing " + text;
    }

    private static Html tabs(ListParams view, String base, BucketCounts counts) {
        List<Html> tabs = new ArrayList<>();
        tabs.add(tab(view.tabUrl(base, null), "All", "all", counts.total(), view.bucket() == null));
        for (StatusBucket b : StatusBucket.values()) {
            tabs.add(tab(view.tabUrl(base, b), Show.bucket(b), b.apiName(), counts.get(b), b == view.bucket()));
        }
        return Html.of("<nav class=\"tabs\" aria-label=\"Status\"><ul>{}</ul></nav>", Html.join(tabs));
    }

    private static Html tab(String url, String label, String key, long count, boolean current) {
        return Html.of("<li><a href=\"{}\" class=\"tab tab-{}\"{}>{} <span class=\"tab-count\" data-count-for=\"{}\">{}</span></a></li>",
                url, key, current ? Html.of(" aria-current=\"page\"") : Html.EMPTY, label, key, count);
    }

    private static Html filters(ListParams view, String base, List<RunType> present) {
        Html typeOptions = Html.each(present, t -> Html.of("<option value=\"{}\"{}>{}</option>", t.value(),
                selected(t.equals(view.type())), Show.runType(t)));
        Html rangeOptions = Html.each(List.of(ListParams.Range.values()), r -> Html.of("<option value=\"{}\"{}>{}</option>",
                r.param, selected(r == view.range()), r.label));
        return Html.of("""
                <form class="filters" method="get" action="{}" data-filters>
                  {}
                  <div class="field"><label for="f-type">Run type</label>
                    <select id="f-type" name="type"><option value="">All types</option>{}</select></div>
                  <div class="field"><label for="f-range">Time range</label>
                    <select id="f-range" name="range" data-range-select>{}</select></div>
                  <div class="field" data-custom-range><label for="f-from">From</label>
                    <input type="date" id="f-from" name="from" value="{}"></div>
                  <div class="field" data-custom-range><label for="f-to">To (inclusive)</label>
                    <input type="date" id="f-to" name="to" value="{}"></div>
                  <input type="hidden" name="tz" value="{}" data-time-zone-input>
                  <div class="field actions"><button type="submit">Apply filters</button>
                    {}</div>
                </form>
                """, base, view.bucket() == null ? Html.EMPTY
                        : Html.of("<input type=\"hidden\" name=\"bucket\" value=\"{}\">", view.bucket().apiName()),
                typeOptions, rangeOptions, view.fromDate(), view.toDate(),
                view.range() == ListParams.Range.CUSTOM && !view.zone().getId().equals("Z") ? view.zone().getId() : "",
                Html.when(view.narrowed() || view.bucket() != null, Html.of("<a href=\"{}\">Clear filters</a>", base)));
    }

    private static Html selected(boolean selected) {
        return selected ? Html.of(" selected") : Html.EMPTY;
    }

    private Html rows(List<Run> runs, ListParams view, String base) {
        if (runs.isEmpty()) {
            return Html.of("<tr class=\"empty\"><td colspan=\"6\">No runs match these filters. {}</td></tr>",
                    Html.when(view.narrowed() || view.bucket() != null, Html.of("<a href=\"{}\">Show all runs</a>.", base)));
        }
        return Html.each(runs, run -> Html.of("""
                <tr data-run-id="{}" data-bucket="{}">
                  <th scope="row"><a href="{}" title="{}">{}<span class="visually-hidden">, run {}</span></a>
                    <span class="run-id" aria-hidden="true">{}</span></th>
                  <td>{}</td>
                  <td>{}</td>
                  <td>{}</td>
                  <td>{}</td>
                  <td>{}</td>
                </tr>
                """, run.id(), run.bucket().apiName(),
                support.ledger.config().linkTemplate().viewRunUrl(run.tenantId(), run.id()), run.runType().value(),
                Show.runType(run.runType()), shortId(run.id()), shortId(run.id()), Show.badge(run.bucket()),
                Show.initiator(run.initiator()), Show.time(run.createdAt(), "—"),
                Show.time(run.finishedAt(), run.isActive() ? "not finished" : "—"),
                Show.progress(run, "Progress of run " + shortId(run.id()))));
    }

    private static Html pager(ListParams view, String base, RunPage page) {
        if (page.olderCursor() == null && page.newerCursor() == null) {
            return Html.EMPTY;
        }
        Html newer = page.newerCursor() == null ? Html.of("<span class=\"muted\">&larr; Newer</span>")
                : Html.of("<a href=\"{}\" rel=\"prev\">&larr; Newer</a>", view.pageUrl(base, page.newerCursor()));
        Html older = page.olderCursor() == null ? Html.of("<span class=\"muted\">Older &rarr;</span>")
                : Html.of("<a href=\"{}\" rel=\"next\">Older &rarr;</a>", view.pageUrl(base, page.olderCursor()));
        return Html.of("<nav class=\"pager\" aria-label=\"Pages\">{} {}</nav>", newer, older);
    }

    private static Html counts(Run run) {
        var c = run.counts();
        return Html.of("""
                <ul class="item-counts">
                  <li>Total <strong>{}</strong></li><li>Succeeded <strong>{}</strong></li>
                  <li>Failed <strong>{}</strong></li><li>Skipped <strong>{}</strong></li>
                </ul>""", c.total() == 0 ? "unknown" : Long.toString(c.total()), c.succeeded(), c.failed(), c.skipped());
    }

    private static Html related(RunDetail detail) {
        if (detail.relatedLinks().isEmpty()) {
            return Html.of("<p class=\"muted\">No related pages.</p>");
        }
        return Html.of("<ul class=\"related\">{}</ul>", Html.each(detail.relatedLinks(),
                l -> Html.of("<li><a href=\"{}\">{}</a></li>", Html.safeUrl(l.url()), l.label())));
    }

    private static Html runFailure(RunFailure failure) {
        if (failure == null) {
            return Html.EMPTY;
        }
        return Html.of("""
                <section class="card failure" aria-labelledby="failure-h">
                  <h2 id="failure-h">Why the run failed</h2>
                  <p><code class="reason">{}</code></p>
                  <p class="message">{}</p>
                </section>
                """, failure.reasonCode().value(), failure.message());
    }

    private static Html itemFailures(RunDetail detail) {
        if (detail.itemFailures().isEmpty() && detail.itemFailuresOmitted() == 0) {
            return Html.EMPTY;
        }
        long shown = detail.itemFailures().size();
        Html more = detail.itemFailuresOmitted() > 0
                ? Html.of("<p class=\"more\">and {} more</p>", detail.itemFailuresOmitted())
                : Html.EMPTY;
        return Html.of("""
                <section class="card" aria-labelledby="item-failures-h">
                  <h2 id="item-failures-h">Item failures <span class="muted">({})</span></h2>
                  <div class="table-wrap"><table class="item-failures">
                    <thead><tr><th scope="col">Item</th><th scope="col">Reason</th><th scope="col">Message</th>
                    <th scope="col">When</th></tr></thead>
                    <tbody>{}</tbody>
                  </table></div>
                  {}
                </section>
                """, shown + detail.itemFailuresOmitted(), Html.each(detail.itemFailures(), OperationsPages::itemFailure), more);
    }

    private static Html itemFailure(ItemFailure f) {
        return Html.of("<tr><th scope=\"row\"><code>{}</code></th><td><code class=\"reason\">{}</code></td>"
                + "<td class=\"message\">{}</td><td>{}</td></tr>", f.itemKey(), f.reasonCode().value(), f.message(),
                Show.time(f.occurredAt(), "—"));
    }

    static String shortId(RunId id) {
        String text = id.toString();
        return text.substring(text.length() - 8);
    }
}
