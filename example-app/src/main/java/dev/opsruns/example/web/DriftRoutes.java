package dev.opsruns.example.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.drift.DriftFinding;
import dev.opsruns.example.drift.DriftFindingRepository;
import dev.opsruns.example.drift.DriftGeneration;
import dev.opsruns.example.drift.DriftGenerationService;
import dev.opsruns.example.inventory.InventoryRepository;
import dev.opsruns.example.inventory.InventoryRun;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The drift producer's endpoints: its landing (scopes), the start, and a run's findings. */
final class DriftRoutes {

    private static final String START_EXAMPLE = "{\"scope_key\": \"all_policies\"}";

    /**
     * @param scopeKey the scope
     * @param successfulInventoryRuns successful syncs
     * @param failedInventoryRuns failed syncs
     * @param lastSucceededAt when the newest successful sync ended
     * @param driftReady true when drift generation can start
     */
    record ScopeView(String scopeKey, int successfulInventoryRuns, int failedInventoryRuns, Instant lastSucceededAt,
            boolean driftReady) {
    }

    /**
     * @param id the finding's id
     * @param policyId the policy
     * @param displayName its name
     * @param policyType its kind
     * @param changeType added, removed or changed
     * @param changedSettings paths of differing settings (changed only)
     * @param detectedAt when found
     */
    record FindingView(long id, String policyId, String displayName, String policyType, String changeType,
            List<String> changedSettings, Instant detectedAt) {
    }

    /**
     * @param runId the drift run
     * @param bucket its bucket
     * @param context what it compared
     * @param summary findings per change type
     * @param findings the findings, ordered by policy id
     */
    record FindingsView(String runId, String bucket, Map<String, Object> context, Map<String, Long> summary,
            List<FindingView> findings) {
    }

    private final RunLedger ledger;
    private final Callers callers;
    private final ObjectMapper json;
    private final int maxBodyBytes;
    private final DriftGenerationService service;
    private final InventoryRepository inventory;
    private final DriftFindingRepository findings;

    DriftRoutes(RunLedger ledger, Callers callers, ObjectMapper json, int maxBodyBytes, DriftGenerationService service,
            InventoryRepository inventory, DriftFindingRepository findings) {
        this.ledger = ledger;
        this.callers = callers;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.service = service;
        this.inventory = inventory;
        this.findings = findings;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/tenants/{tenant}/drift/scopes", this::scopes);
        routes.post("/api/tenants/{tenant}/drift/generate", this::start);
        routes.get("/api/tenants/{tenant}/runs/{runId}/drift-findings", this::findings);
    }

    private void scopes(Context ctx) {
        TenantId tenant = callers.inTenant(ctx).tenant();
        QueryParams.of(ctx, Set.of());
        ctx.json(Map.of("scopes", inventory.scopes(tenant).stream().map(s -> new ScopeView(s.scopeKey(), s.successfulRuns(),
                s.failedRuns(), s.lastSucceededAt(), s.driftReady())).toList()));
    }

    private void start(Context ctx) {
        TenantCaller caller = callers.starter(ctx, DriftGeneration.RUN_TYPE);
        TenantId tenant = caller.tenant();
        Principal principal = caller.principal();
        QueryParams.of(ctx, Set.of());
        JsonBody body = JsonBody.read(ctx, json, maxBodyBytes, Set.of("scope_key"), START_EXAMPLE, false);
        String scopeKey = body.requiredString("scope_key", InventoryRun::isWellFormedScopeKey,
                "a scope key of [a-z][a-z0-9_]*, at most 64 characters");
        StartOutcome outcome = service.start(principal, tenant, scopeKey, IdempotencyKeyHeader.read(ctx));
        StartView view = StartView.of(outcome, ledger.config().linkTemplate());
        ctx.status(view.httpStatus()).json(view);
    }

    /** A drift run's findings as JSON; also what the findings page answers API clients (HttpApi wires it). */
    void findings(Context ctx) {
        TenantCaller caller = callers.inTenant(ctx);
        TenantId tenant = caller.tenant();
        var runId = PathParams.runId(ctx);
        QueryParams.of(ctx, Set.of());
        RunDetail detail = ledger.queries().detail(caller.principal(), tenant, runId);
        if (!detail.run().runType().equals(DriftGeneration.RUN_TYPE)) {
            throw new ApiException(404, "not_found", null, "run " + runId + " is a " + detail.run().runType()
                    + " run; drift findings exist only for " + DriftGeneration.RUN_TYPE + " runs");
        }
        List<DriftFinding> found = findings.ofRun(tenant, runId);
        Map<String, Long> summary = found.stream().collect(Collectors.groupingBy(f -> f.change().changeType().apiName(),
                java.util.TreeMap::new, Collectors.counting()));
        List<FindingView> views = found.stream().map(f -> new FindingView(f.id(), f.change().policyId(),
                f.change().displayName(), f.change().policyType(), f.change().changeType().apiName(), f.changedSettings(),
                f.detectedAt())).toList();
        ctx.json(new FindingsView(runId.toString(), detail.run().bucket().apiName(), detail.run().context().asMap(),
                summary, views));
    }
}
