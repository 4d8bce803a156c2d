package dev.opsruns.example.web;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.policy.PolicyRepository;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The tenant's policy catalogue: where a newcomer finds policy ids to add to a backup set. */
final class PolicyRoutes {

    /**
     * @param id the policy id
     * @param displayName its name
     * @param policyType its kind
     * @param platform its platform
     * @param updatedAt when it last changed
     */
    record PolicyView(String id, String displayName, String policyType, String platform, Instant updatedAt) {
    }

    private final RunLedger ledger;
    private final Callers callers;
    private final PolicyRepository policies;

    PolicyRoutes(RunLedger ledger, Callers callers, PolicyRepository policies) {
        this.ledger = ledger;
        this.callers = callers;
        this.policies = policies;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/tenants/{tenant}/policies", this::list);
    }

    private void list(Context ctx) {
        TenantId tenant = callers.inTenant(ctx).tenant();
        QueryParams.of(ctx, Set.of());
        ctx.json(Map.of("policies", policies.list(tenant).stream()
                .map(p -> new PolicyView(p.id(), p.displayName(), p.policyType(), p.platform(), p.updatedAt())).toList()));
    }
}
