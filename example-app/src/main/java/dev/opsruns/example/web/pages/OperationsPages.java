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
        Viewer viewer = support.viewer(ctx);
        TenantId tenant = viewer.tenantId();
        RunId runId = PathParams.runId(ctx);
        QueryParams.of(ctx, Set.of());
        Run run = support.ledger.queries().detail(viewer.principal(), tenant, runId).run();
        if (!run.runType().equals(DriftGeneration.RUN_TYPE)) {
            throw new ApiException(404, "not_found", null, "Run " + runId + " is a \"" + Show.runType(run.runType())
                    + "\" run; drift findings exist only for drift generation runs.");
        }
        String runUrl = support.ledger.config().linkTemplate().viewRunUrl(tenant, runId);
        // a failed run compared nothing: zero counts would read as "no drift", so the page says why instead
        boolean failed = run.bucket() == StatusBucket.FAILED;
        List<DriftFinding> found = failed ? List.of() : findings.ofRun(tenant, runId);
        List<Models.FindingSection> sections = new ArrayList<>();
        for (ChangeType change : ChangeType.values()) {
            String heading = switch (change) {
                case ADDED -> "Added policies";
                case REMOVED -> "Removed policies";
                case CHANGED -> "Changed policies";
            };
            sections.add(new Models.FindingSection("findings-" + change.apiName(), heading, change.apiName(),
                    found.stream().filter(f -> f.change().changeType() == change).map(f -> new Models.Finding(
                            f.change().policyId(), f.change().displayName(), f.change().policyType(),
                            f.changedSettings().isEmpty() ? null : String.join(", ", f.changedSettings()))).toList()));
        }
        Models.Frame frame = support.frame(ctx, viewer, PageSupport.Section.OPERATIONS, "Drift findings",
                List.of(PageSupport.crumb("Monitoring", null), PageSupport.crumb("Operations", viewer.base() + "/operations"),
                        PageSupport.crumb("Drift generation run", runUrl), PageSupport.crumb("Drift findings", null)));
        Templates.send(ctx, 200, "findings", new Models.Findings(frame, runUrl, Show.shortId(run.id()), Show.badge(run.bucket()),
                run.context().getString("scope_key").orElse("?"), run.isActive(), failed, count(found, ChangeType.ADDED),
                count(found, ChangeType.REMOVED), count(found, ChangeType.CHANGED), sections,
                support.context(run.context().asMap())));
    }

    private static long count(List<DriftFinding> found, ChangeType change) {
        return found.stream().filter(f -> f.change().changeType() == change).count();
    }
}
