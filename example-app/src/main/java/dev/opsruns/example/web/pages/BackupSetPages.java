package dev.opsruns.example.web.pages;

import dev.opsruns.core.Principal;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.backup.AddPolicies;
import dev.opsruns.example.backup.AddPoliciesService;
import dev.opsruns.example.backup.BackupItem;
import dev.opsruns.example.backup.BackupSet;
import dev.opsruns.example.backup.BackupSetLink;
import dev.opsruns.example.backup.BackupSetNotFoundException;
import dev.opsruns.example.backup.BackupSetRepository;
import dev.opsruns.example.policy.Policy;
import dev.opsruns.example.policy.PolicyRepository;
import dev.opsruns.example.web.ApiException;
import dev.opsruns.example.web.PathParams;
import dev.opsruns.example.web.QueryParams;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Backup sets: the tenant's sets, and one set's page with its captured items and the "Add policies" form
 * (offered only to roles that may start runs), which starts or reuses a {@code backup_set.add_policies}
 * run and comes back with a notice and "View run".
 */
final class BackupSetPages {

    private final PageSupport support;
    private final AddPoliciesService service;
    private final BackupSetRepository backupSets;
    private final PolicyRepository policies;

    BackupSetPages(PageSupport support, AddPoliciesService service, BackupSetRepository backupSets, PolicyRepository policies) {
        this.support = support;
        this.service = service;
        this.backupSets = backupSets;
        this.policies = policies;
    }

    /** {@code GET /tenants/{tenant}/backup-sets}. */
    void index(Context ctx) {
        TenantId tenant = PathParams.tenant(ctx);
        QueryParams.of(ctx, Set.of());
        Viewer viewer = support.viewer(ctx, tenant);
        List<BackupSet> sets = backupSets.list(tenant);
        Html rows = Html.each(sets, s -> Html.of("<tr><th scope=\"row\"><a href=\"{}\">{}</a></th><td>{}</td><td>{}</td></tr>",
                BackupSetLink.url(tenant, s.id().toString()), s.displayName(), s.itemCount(), Show.time(s.createdAt(), "—")));
        Html main = Html.of("""
                <div class="page-head">
                  <h1>Backup sets</h1>
                  <p class="lead">Named collections of captured policy payloads. Adding policies to a set runs in the
                  background, one item per policy.</p>
                </div>
                <div class="table-wrap"><table>
                  <thead><tr><th scope="col">Backup set</th><th scope="col">Policies</th><th scope="col">Created</th></tr></thead>
                  <tbody>{}</tbody>
                </table></div>
                """, sets.isEmpty() ? Html.of("<tr><td colspan=\"3\">No backup sets yet.</td></tr>") : rows);
        Layout.tenantPage(ctx, viewer, Layout.Section.BACKUP_SETS, "Backup sets",
                List.of(new Layout.Crumb("Producers", null), new Layout.Crumb("Backup sets", null)), main);
    }

    /** {@code GET /tenants/{tenant}/backup-sets/{backupSetId}} for browsers. */
    void set(Context ctx) {
        TenantId tenant = PathParams.tenant(ctx);
        UUID id = PathParams.backupSetId(ctx);
        QueryParams q = QueryParams.of(ctx, StartNotice.PARAMS);
        Viewer viewer = support.viewer(ctx, tenant);
        BackupSet set = backupSets.find(tenant, id).orElseThrow(() -> new BackupSetNotFoundException(tenant, id));
        Html notice = StartNotice.of(q, support, viewer, "Adding policies");
        List<BackupItem> items = backupSets.items(set);
        boolean canStart = viewer.canStart(AddPolicies.RUN_TYPE);
        Html itemRows = items.isEmpty()
                ? Html.of("<tr><td colspan=\"5\">This backup set holds no policies yet.</td></tr>")
                : Html.each(items, i -> Html.of("<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td><td>{}</td>"
                        + "<td><a href=\"{}\">View run<span class=\"visually-hidden\"> that captured {}</span></a></td></tr>",
                        i.policyId(), i.displayName(), i.policyType(), Show.time(i.capturedAt(), "—"),
                        support.ledger.config().linkTemplate().viewRunUrl(tenant, i.capturedByRunId()), i.policyId()));
        Html failedSection = failedSection(viewer, set, items);
        Html main = Html.of("""
                <div class="page-head">
                  <h1>{}</h1>
                  <p class="lead">Backup set <code>{}</code> · {} captured {}</p>
                </div>
                {}
                {}
                <section aria-labelledby="items-h">
                  <h2 id="items-h">Captured policies</h2>
                  <div class="table-wrap"><table class="items">
                    <thead><tr><th scope="col">Policy</th><th scope="col">Name</th><th scope="col">Type</th>
                    <th scope="col">Captured</th><th scope="col">Captured by</th></tr></thead>
                    <tbody>{}</tbody>
                  </table></div>
                </section>
                {}
                """, set.displayName(), set.id(), items.size(), items.size() == 1 ? "policy" : "policies", notice, failedSection,
                itemRows,
                canStart ? addForm(viewer, set) : Html.of("<p class=\"notice notice-info\">Your role in {} is {}: you can "
                        + "look at backup sets, but not add policies to them.</p>", viewer.tenant().displayName(),
                        viewer.roleName()));
        Layout.tenantPage(ctx, viewer, Layout.Section.BACKUP_SETS, set.displayName(), List.of(new Layout.Crumb("Producers", null),
                new Layout.Crumb("Backup sets", viewer.base() + "/backup-sets"), new Layout.Crumb(set.displayName(), null)), main);
    }

    /** How many of the set's newest add-policies runs are searched for failures. */
    private static final int RUNS_SEARCHED = 20;

    /**
     * The policies the set's recent add-policies runs failed to capture and that are still not in the set:
     * what an operator has to retry. Read from the runs' stored item failures with the viewer's rights.
     */
    private Html failedSection(Viewer viewer, BackupSet set, List<BackupItem> items) {
        Set<String> captured = new java.util.HashSet<>();
        items.forEach(i -> captured.add(i.policyId()));
        Set<String> shown = new java.util.HashSet<>();
        List<Html> rows = new java.util.ArrayList<>();
        var queries = support.ledger.queries();
        for (var run : queries.list(viewer.principal(), viewer.tenantId(), dev.opsruns.core.RunFilter.ALL
                .withRunTypes(Set.of(AddPolicies.RUN_TYPE)), dev.opsruns.core.PageRequest.first(RUNS_SEARCHED)).runs()) {
            boolean ofThisSet = run.context().getString(dev.opsruns.example.backup.AddPoliciesContext.BACKUP_SET_ID)
                    .filter(id -> id.equals(set.id().toString())).isPresent();
            if (!ofThisSet || run.counts().failed() == 0) {
                continue;
            }
            String url = support.ledger.config().linkTemplate().viewRunUrl(run.tenantId(), run.id());
            for (var f : queries.detail(viewer.principal(), viewer.tenantId(), run.id()).itemFailures()) {
                if (!captured.contains(f.itemKey()) && shown.add(f.itemKey())) {
                    rows.add(Html.of("<tr><th scope=\"row\"><code>{}</code></th><td><code class=\"reason\">{}</code></td>"
                            + "<td class=\"message\" dir=\"auto\">{}</td><td><a href=\"{}\">View run<span class=\"visually-hidden\">"
                            + " that failed on {}</span></a></td></tr>", f.itemKey(), f.reasonCode().value(), f.message(), url,
                            f.itemKey()));
                }
            }
        }
        if (rows.isEmpty()) {
            return Html.EMPTY;
        }
        return Html.of("""
                <section class="card failure" aria-labelledby="failed-h">
                  <h2 id="failed-h">Policies that failed to be captured <span class="muted">({})</span></h2>
                  <p class="muted">From the set's latest runs; a policy leaves this list once a later run captures it.</p>
                  <div class="table-wrap"><table class="failed-items">
                    <thead><tr><th scope="col">Policy</th><th scope="col">Reason</th><th scope="col">Message</th>
                    <th scope="col">Run</th></tr></thead>
                    <tbody>{}</tbody>
                  </table></div>
                </section>
                """, rows.size(), Html.join(rows));
    }

    /** {@code POST /tenants/{tenant}/backup-sets/{backupSetId}/add-policies} (a form). */
    void addPolicies(Context ctx) {
        TenantId tenant = PathParams.tenant(ctx);
        UUID id = PathParams.backupSetId(ctx);
        QueryParams.of(ctx, Set.of());
        Principal principal = support.callers.principal(ctx);
        support.csrf.check(ctx, tenant, principal.userId());
        List<String> chosen = ctx.formParams("policy_id");
        if (chosen.isEmpty()) {
            throw ApiException.badRequest("policy_id", "Choose at least one policy to add to the backup set.");
        }
        if (chosen.size() > AddPolicies.MAX_POLICIES || !chosen.stream().allMatch(Policy::isWellFormedId)) {
            throw ApiException.badRequest("policy_id", "Choose 1-" + AddPolicies.MAX_POLICIES
                    + " policies from the list on the backup set's page.");
        }
        StartOutcome outcome = service.start(principal, tenant, id, chosen);
        ctx.redirect(StartNotice.redirect(BackupSetLink.url(tenant, id.toString()), outcome), HttpStatus.SEE_OTHER);
    }

    private Html addForm(Viewer viewer, BackupSet set) {
        List<Policy> catalogue = policies.list(viewer.tenantId());
        Html boxes = Html.each(catalogue, p -> Html.of("""
                <li><input type="checkbox" name="policy_id" value="{}" id="policy-{}">
                <label for="policy-{}"><code>{}</code> {} <span class="muted">{}</span></label></li>
                """, p.id(), p.id(), p.id(), p.id(), p.displayName(), p.policyType()));
        return Html.of("""
                <section class="card" aria-labelledby="add-h">
                  <h2 id="add-h">Add policies</h2>
                  <form method="post" action="{}/add-policies" data-add-policies>
                    <input type="hidden" name="{}" value="{}">
                    <fieldset>
                      <legend>Policies to capture into {}</legend>
                      <ul class="checklist">{}</ul>
                    </fieldset>
                    <p><button type="submit">Add policies</button></p>
                  </form>
                </section>
                """, BackupSetLink.url(viewer.tenantId(), set.id().toString()), Csrf.FIELD, viewer.csrfToken(),
                set.displayName(), boxes);
    }
}
