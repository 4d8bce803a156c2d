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
import dev.opsruns.example.web.TenantCaller;
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
        Viewer viewer = support.viewer(ctx);
        TenantId tenant = viewer.tenantId();
        QueryParams.of(ctx, Set.of());
        List<Models.SetRow> sets = backupSets.list(tenant).stream().map(s -> new Models.SetRow(s.displayName(),
                BackupSetLink.url(tenant, s.id().toString()), s.itemCount(), Show.time(s.createdAt(), "—"))).toList();
        Models.Frame frame = support.frame(ctx, viewer, PageSupport.Section.BACKUP_SETS, "Backup sets",
                List.of(PageSupport.crumb("Producers", null), PageSupport.crumb("Backup sets", null)));
        Templates.send(ctx, 200, "backupsets", new Models.BackupSets(frame, sets));
    }

    /** {@code GET /tenants/{tenant}/backup-sets/{backupSetId}} for browsers. */
    void set(Context ctx) {
        Viewer viewer = support.viewer(ctx);
        TenantId tenant = viewer.tenantId();
        UUID id = PathParams.backupSetId(ctx);
        QueryParams q = QueryParams.of(ctx, StartNotice.PARAMS);
        BackupSet set = backupSets.find(tenant, id).orElseThrow(() -> new BackupSetNotFoundException(tenant, id));
        Models.StartNotice notice = StartNotice.of(q, support, viewer, "Adding policies");
        List<BackupItem> items = backupSets.items(set);
        boolean canStart = viewer.canStart(AddPolicies.RUN_TYPE);
        List<Models.Item> itemRows = items.stream().map(i -> new Models.Item(i.policyId(), i.displayName(), i.policyType(),
                Show.time(i.capturedAt(), "—"), support.ledger.config().linkTemplate().viewRunUrl(tenant, i.capturedByRunId())))
                .toList();
        List<Models.Policy> catalogue = canStart ? policies.list(tenant).stream()
                .map(p -> new Models.Policy(p.id(), p.displayName(), p.policyType())).toList() : List.of();
        Models.Frame frame = support.frame(ctx, viewer, PageSupport.Section.BACKUP_SETS, set.displayName(),
                List.of(PageSupport.crumb("Producers", null), PageSupport.crumb("Backup sets", viewer.base() + "/backup-sets"),
                        PageSupport.crumb(set.displayName(), null)));
        Templates.send(ctx, 200, "backupset", new Models.BackupSet(frame, set.displayName(), set.id().toString(), notice,
                failed(viewer, set, items), itemRows, canStart, viewer.tenant().displayName(), viewer.roleName(),
                BackupSetLink.url(tenant, set.id().toString()) + "/add-policies", viewer.csrfToken(), catalogue));
    }

    /** How many of the set's newest add-policies runs are searched for failures. */
    private static final int RUNS_SEARCHED = 20;

    /**
     * The policies the set's recent add-policies runs failed to capture and that are still not in the set:
     * what an operator has to retry. Read from the runs' stored item failures with the viewer's rights.
     */
    private List<Models.FailedItem> failed(Viewer viewer, BackupSet set, List<BackupItem> items) {
        Set<String> captured = new java.util.HashSet<>();
        items.forEach(i -> captured.add(i.policyId()));
        Set<String> shown = new java.util.HashSet<>();
        List<Models.FailedItem> rows = new java.util.ArrayList<>();
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
                    rows.add(new Models.FailedItem(f.itemKey(), f.reasonCode().value(), f.message(), url));
                }
            }
        }
        return rows;
    }

    /** {@code POST /tenants/{tenant}/backup-sets/{backupSetId}/add-policies} (a form). */
    void addPolicies(Context ctx) {
        TenantCaller caller = support.callers.starter(ctx, AddPolicies.RUN_TYPE);
        TenantId tenant = caller.tenant();
        Principal principal = caller.principal();
        support.csrf.check(ctx, tenant, principal.userId());
        UUID id = PathParams.backupSetId(ctx);
        QueryParams.of(ctx, Set.of());
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
}
