package dev.opsruns.example.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.backup.AddPolicies;
import dev.opsruns.example.backup.AddPoliciesService;
import dev.opsruns.example.backup.BackupItem;
import dev.opsruns.example.backup.BackupSet;
import dev.opsruns.example.backup.BackupSetNotFoundException;
import dev.opsruns.example.backup.BackupSetRepository;
import dev.opsruns.example.policy.Policy;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Backup sets: list, one set with its items, and the add-policies start endpoint. */
final class BackupSetRoutes {

    private static final String ADD_EXAMPLE = "{\"policy_ids\": [\"contoso-pol-001\", \"contoso-pol-002\"]}";

    /**
     * @param id the set's id
     * @param tenantId its tenant
     * @param displayName its name
     * @param createdAt when it was created
     * @param itemCount how many policies it holds
     */
    record BackupSetView(String id, String tenantId, String displayName, Instant createdAt, int itemCount) {
        static BackupSetView of(BackupSet s) {
            return new BackupSetView(s.id().toString(), s.tenantId().value(), s.displayName(), s.createdAt(), s.itemCount());
        }
    }

    /**
     * @param policyId the policy
     * @param displayName its name at capture time
     * @param policyType its kind
     * @param capturedAt when
     * @param capturedByRunId the run that captured it
     * @param payload the captured payload
     */
    record BackupItemView(String policyId, String displayName, String policyType, Instant capturedAt,
            String capturedByRunId, JsonNode payload) {
    }

    /**
     * @param backupSet the set
     * @param items its items, ordered by policy id
     */
    record BackupSetDetailView(BackupSetView backupSet, List<BackupItemView> items) {
    }

    private final RunLedger ledger;
    private final Callers callers;
    private final ObjectMapper json;
    private final int maxBodyBytes;
    private final AddPoliciesService service;
    private final BackupSetRepository backupSets;

    BackupSetRoutes(RunLedger ledger, Callers callers, ObjectMapper json, int maxBodyBytes, AddPoliciesService service,
            BackupSetRepository backupSets) {
        this.ledger = ledger;
        this.callers = callers;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.service = service;
        this.backupSets = backupSets;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/tenants/{tenant}/backup-sets", this::list);
        routes.get("/api/tenants/{tenant}/backup-sets/{backupSetId}", this::detail);
        routes.post("/api/tenants/{tenant}/backup-sets/{backupSetId}/policies", this::addPolicies);
    }

    private void list(Context ctx) {
        TenantId tenant = callers.inTenant(ctx).tenant();
        QueryParams.of(ctx, Set.of());
        ctx.json(Map.of("backup_sets", backupSets.list(tenant).stream().map(BackupSetView::of).toList()));
    }

    /** One backup set as JSON; also what the backup set page answers API clients (HttpApi wires it). */
    void detail(Context ctx) {
        TenantId tenant = callers.inTenant(ctx).tenant();
        UUID id = PathParams.backupSetId(ctx);
        QueryParams.of(ctx, Set.of());
        BackupSet set = backupSets.find(tenant, id).orElseThrow(() -> new BackupSetNotFoundException(tenant, id));
        List<BackupItemView> items = backupSets.items(set).stream().map(this::view).toList();
        ctx.json(new BackupSetDetailView(BackupSetView.of(set), items));
    }

    private void addPolicies(Context ctx) {
        TenantCaller caller = callers.starter(ctx, AddPolicies.RUN_TYPE);
        TenantId tenant = caller.tenant();
        Principal principal = caller.principal();
        UUID id = PathParams.backupSetId(ctx);
        QueryParams.of(ctx, Set.of());
        JsonBody body = JsonBody.read(ctx, json, maxBodyBytes, Set.of("policy_ids"), ADD_EXAMPLE, false);
        List<String> policyIds = body.stringList("policy_ids", true, 1, AddPolicies.MAX_POLICIES, Policy::isWellFormedId,
                "a policy id of letters, digits, '.', '_' and '-', at most 64 characters");
        StartOutcome outcome = service.start(principal, tenant, id, policyIds, IdempotencyKeyHeader.read(ctx));
        StartView view = StartView.of(outcome, ledger.config().linkTemplate());
        ctx.status(view.httpStatus()).json(view);
    }

    private BackupItemView view(BackupItem item) {
        JsonNode payload;
        try {
            payload = json.readTree(item.payloadJson());
        } catch (JsonProcessingException e) {
            payload = json.getNodeFactory().textNode(item.payloadJson());
        }
        return new BackupItemView(item.policyId(), item.displayName(), item.policyType(), item.capturedAt(),
                item.capturedByRunId().toString(), payload);
    }
}
