package dev.opsruns.example.web.pages;

import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.drift.DriftFindingsLink;
import dev.opsruns.example.drift.DriftGeneration;
import dev.opsruns.example.drift.DriftGenerationService;
import dev.opsruns.example.inventory.InventoryRepository;
import dev.opsruns.example.inventory.InventoryRun;
import dev.opsruns.example.inventory.ScopeSummary;
import dev.opsruns.example.web.ApiException;
import dev.opsruns.example.web.QueryParams;
import dev.opsruns.example.web.TenantCaller;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Set;

/**
 * The drift landing: the tenant's inventory scopes with a "Generate drift" action for each scope that
 * has two successful syncs (offered only to roles that may start runs), the notice after a start
 * ("queued" or "reused", with "View run"), and the recent drift generations.
 */
final class DriftPages {

    private static final int RECENT = 10;

    private final PageSupport support;
    private final DriftGenerationService service;
    private final InventoryRepository inventory;

    DriftPages(PageSupport support, DriftGenerationService service, InventoryRepository inventory) {
        this.support = support;
        this.service = service;
        this.inventory = inventory;
    }

    /** {@code GET /tenants/{tenant}/drift}. */
    void landing(Context ctx) {
        Viewer viewer = support.viewer(ctx);
        TenantId tenant = viewer.tenantId();
        QueryParams q = QueryParams.of(ctx, StartNotice.PARAMS);
        Html notice = StartNotice.of(q, support, viewer, "Drift generation");
        boolean canStart = viewer.canStart(DriftGeneration.RUN_TYPE);
        List<ScopeSummary> scopes = inventory.scopes(tenant);
        List<Run> recent = support.ledger.queries().list(viewer.principal(), tenant,
                RunFilter.ALL.withRunTypes(Set.of(DriftGeneration.RUN_TYPE)), PageRequest.first(RECENT)).runs();
        Html main = Html.of("""
                <div class="page-head">
                  <h1>Drift</h1>
                  <p class="lead">Drift generation compares the two newest successful inventory snapshots of a scope
                  and lists the policies added, removed and changed in between.</p>
                </div>
                {}
                {}
                <section aria-labelledby="scopes-h">
                  <h2 id="scopes-h">Inventory scopes</h2>
                  <div class="table-wrap"><table class="scopes">
                    <thead><tr><th scope="col">Scope</th><th scope="col">Successful syncs</th><th scope="col">Failed syncs</th>
                    <th scope="col">Last successful sync</th><th scope="col">{}</th></tr></thead>
                    <tbody>{}</tbody>
                  </table></div>
                </section>
                <section aria-labelledby="recent-h">
                  <h2 id="recent-h">Recent drift generations</h2>
                  {}
                  <p><a href="{}">All drift generations in Operations</a></p>
                </section>
                """, notice,
                canStart ? Html.EMPTY : Html.of("<p class=\"notice notice-info\">Your role in {} is {}: you can look at drift "
                        + "runs and findings, but not start drift generation.</p>", viewer.tenant().displayName(),
                        viewer.roleName()),
                canStart ? "Action" : "Ready", Html.each(scopes, s -> scopeRow(viewer, s, canStart)),
                recent(viewer, recent), Urls.with(viewer.base() + "/operations", "type", DriftGeneration.RUN_TYPE.value()));
        Layout.tenantPage(ctx, viewer, Layout.Section.DRIFT, "Drift",
                List.of(new Layout.Crumb("Producers", null), new Layout.Crumb("Drift", null)), main);
    }

    /** {@code POST /tenants/{tenant}/drift/generate} (a form): start or reuse, then back to the landing with a notice. */
    void generate(Context ctx) {
        TenantCaller caller = support.callers.starter(ctx, DriftGeneration.RUN_TYPE);
        TenantId tenant = caller.tenant();
        var principal = caller.principal();
        support.csrf.check(ctx, tenant, principal.userId());
        QueryParams.of(ctx, Set.of());
        String scopeKey = ctx.formParam("scope_key");
        if (scopeKey == null || !InventoryRun.isWellFormedScopeKey(scopeKey)) {
            throw ApiException.badRequest("scope_key", "Choose a scope to generate drift for: a scope key of "
                    + "[a-z][a-z0-9_]*, at most 64 characters.");
        }
        StartOutcome outcome = service.start(principal, tenant, scopeKey);
        ctx.redirect(StartNotice.redirect("/tenants/" + Urls.segment(tenant.value()) + "/drift", outcome), HttpStatus.SEE_OTHER);
    }

    private static Html scopeRow(Viewer viewer, ScopeSummary s, boolean canStart) {
        Html action;
        if (!canStart) {
            action = Html.text(s.driftReady() ? "Yes" : "No: needs two successful syncs");
        } else if (s.driftReady()) {
            action = Html.of("""
                    <form class="inline" method="post" action="{}/drift/generate" data-scope="{}">
                      <input type="hidden" name="scope_key" value="{}">
                      <input type="hidden" name="{}" value="{}">
                      <button type="submit" aria-label="Generate drift for {}">Generate drift</button>
                    </form>""", viewer.base(), s.scopeKey(), s.scopeKey(), Csrf.FIELD, viewer.csrfToken(), s.scopeKey());
        } else {
            action = Html.of("<span class=\"muted\">Needs two successful syncs</span>");
        }
        return Html.of("<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                s.scopeKey(), s.successfulRuns(), s.failedRuns(), Show.time(s.lastSucceededAt(), "never"), action);
    }

    private Html recent(Viewer viewer, List<Run> runs) {
        if (runs.isEmpty()) {
            return Html.of("<p class=\"muted\">No drift generation has run in {} yet.</p>", viewer.tenant().displayName());
        }
        return Html.of("""
                <div class="table-wrap"><table class="runs">
                  <thead><tr><th scope="col">Scope</th><th scope="col">Status</th><th scope="col">Initiator</th>
                  <th scope="col">Created</th><th scope="col">Links</th></tr></thead>
                  <tbody>{}</tbody>
                </table></div>""", Html.each(runs, r -> {
                    String url = support.ledger.config().linkTemplate().viewRunUrl(r.tenantId(), r.id());
                    return Html.of("<tr data-run-id=\"{}\"><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td><td>{}</td>"
                            + "<td><a href=\"{}\">View run<span class=\"visually-hidden\"> {}</span></a> · "
                            + "<a href=\"{}\">Findings<span class=\"visually-hidden\"> of run {}</span></a></td></tr>",
                            r.id(), r.context().getString("scope_key").orElse("?"), Show.badge(r.bucket()),
                            Show.initiator(r.initiator()), Show.time(r.createdAt(), "—"), url, OperationsPages.shortId(r.id()),
                            DriftFindingsLink.url(r.tenantId(), r.id()), OperationsPages.shortId(r.id()));
                }));
    }
}
