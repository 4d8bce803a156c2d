package dev.opsruns.example.web.pages;

import dev.opsruns.core.PageRequest;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.drift.DriftFindingsLink;
import dev.opsruns.example.drift.DriftGeneration;
import dev.opsruns.example.drift.DriftGenerationService;
import dev.opsruns.example.inventory.InventoryRepository;
import dev.opsruns.example.inventory.InventoryRun;
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
        Models.StartNotice notice = StartNotice.of(q, support, viewer, "Drift generation");
        boolean canStart = viewer.canStart(DriftGeneration.RUN_TYPE);
        List<Models.Scope> scopes = inventory.scopes(tenant).stream().map(s -> new Models.Scope(s.scopeKey(), s.successfulRuns(),
                s.failedRuns(), Show.time(s.lastSucceededAt(), "never"), s.driftReady())).toList();
        List<Models.DriftRun> recent = support.ledger.queries().list(viewer.principal(), tenant,
                RunFilter.ALL.withRunTypes(Set.of(DriftGeneration.RUN_TYPE)), PageRequest.first(RECENT)).runs().stream()
                .map(r -> new Models.DriftRun(r.id().toString(), Show.shortId(r.id()), r.context().getString("scope_key").orElse("?"),
                        Show.badge(r.bucket()), r.initiator().displayName(), Show.time(r.createdAt(), "—"),
                        support.ledger.config().linkTemplate().viewRunUrl(r.tenantId(), r.id()),
                        r.bucket() == StatusBucket.FAILED ? null : DriftFindingsLink.url(r.tenantId(), r.id())))
                .toList();
        Models.Frame frame = support.frame(ctx, viewer, PageSupport.Section.DRIFT, "Drift",
                List.of(PageSupport.crumb("Producers", null), PageSupport.crumb("Drift", null)));
        Templates.send(ctx, 200, "drift", new Models.DriftLanding(frame, notice, canStart, viewer.csrfToken(), viewer.base(), scopes,
                recent, Urls.with(viewer.base() + "/operations", "type", DriftGeneration.RUN_TYPE.value())));
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
}
