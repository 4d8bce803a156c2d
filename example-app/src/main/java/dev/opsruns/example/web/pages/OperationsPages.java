package dev.opsruns.example.web.pages;

import dev.opsruns.core.Run;
import dev.opsruns.core.RunId;
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

/**
 * A drift run's findings page (the list and a run's detail are the {@code runs-hub} module's). Reads go
 * through the library's {@code RunQueries} with the caller's principal, exactly like the JSON API: no role
 * in the tenant is 403, a run of another tenant is 404.
 */
final class OperationsPages {

    private final PageSupport support;
    private final DriftFindingRepository findings;

    OperationsPages(PageSupport support, DriftFindingRepository findings) {
        this.support = support;
        this.findings = findings;
    }

    /** {@code GET /tenants/{tenant}/operations/{runId}/drift-findings} for browsers: a drift run's findings. */
    void driftFindings(Context ctx) {
        TenantId tenant = PathParams.tenant(ctx);
        RunId runId = PathParams.runId(ctx);
        QueryParams.of(ctx, Set.of());
        Viewer viewer = support.viewer(ctx, tenant);
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
        if (run.bucket() == dev.opsruns.core.StatusBucket.FAILED) {
            // a failed run compared nothing: zero counts would read as "no drift"
            Html main = Html.of("""
                    <div class="page-head">
                      <h1>Drift findings</h1>
                      <p class="lead">Drift generation run <a href="{}"><code>{}</code></a> {} failed, so it produced no
                      findings. This is not "no drift": the snapshots were not compared.</p>
                    </div>
                    <p class="notice notice-info" data-findings-unavailable>Open <a href="{}">the run</a> to see why it
                    failed, then generate drift again from the drift page.</p>
                    """, runUrl, shortId(run.id()), Show.badge(run.bucket()), runUrl);
            Layout.tenantPage(ctx, viewer, Layout.Section.OPERATIONS, "Drift findings", List.of(new Layout.Crumb("Monitoring", null),
                    new Layout.Crumb("Operations", viewer.base() + "/operations"),
                    new Layout.Crumb("Drift generation run", runUrl), new Layout.Crumb("Drift findings", null)), main);
            return;
        }
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

    static String shortId(RunId id) {
        String text = id.toString();
        return text.substring(text.length() - 8);
    }
}
