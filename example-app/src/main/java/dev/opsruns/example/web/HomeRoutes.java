package dev.opsruns.example.web;

import dev.opsruns.core.Principal;
import dev.opsruns.example.ops.HealthCheck;
import dev.opsruns.example.tenancy.Tenant;
import dev.opsruns.example.tenancy.UserDirectory;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's entry points: {@code GET /api} (the endpoint index), {@code GET /api/me} and a health check. */
final class HomeRoutes {

    /** The endpoints, for {@code GET /api}; README-app.md documents the same list. */
    static final List<String> ENDPOINTS = List.of(
            "GET  /api/me",
            "GET  /api/tenants/{tenant}/runs?type=&bucket=&from=&to=&cursor=&limit=",
            "GET  /api/tenants/{tenant}/runs/counts?type=&from=&to=",
            "GET  /api/tenants/{tenant}/runs/{runId}",
            "GET  /api/tenants/{tenant}/runs/{runId}/drift-findings",
            "GET  /api/tenants/{tenant}/drift/scopes",
            "POST /api/tenants/{tenant}/drift/generate  {\"scope_key\": \"all_policies\"}",
            "GET  /api/tenants/{tenant}/policies",
            "GET  /api/tenants/{tenant}/backup-sets",
            "GET  /api/tenants/{tenant}/backup-sets/{backupSetId}",
            "POST /api/tenants/{tenant}/backup-sets/{backupSetId}/policies  {\"policy_ids\": [\"...\"]}",
            "GET  /api/tenants/{tenant}/notifications?unread_only=&limit=",
            "POST /api/tenants/{tenant}/notifications/read  {\"ids\": [\"...\"]}, or {} for all",
            "GET  /api/tenants/{tenant}/statistics?window=1h|24h|7d|30d, or ?from=&to=; &type=",
            "GET  /api/tenants/{tenant}/failures/new",
            "POST /api/tenants/{tenant}/failures/visited  (no body, or {})",
            "GET  /tenants/{tenant}/operations/{runId}  (the \"View run\" URL: a page for browsers, this detail as JSON otherwise)",
            "GET  /tenants/{tenant}/operations/{runId}/drift-findings  (related link: page or JSON)",
            "GET  /tenants/{tenant}/backup-sets/{backupSetId}  (related link: page or JSON)",
            "GET  /tenants/{tenant}/operations  (the Operations hub page, for browsers)",
            "GET  /tenants/{tenant}/statistics  (the hub's statistics per run type, for browsers)");

    /**
     * @param tenantId the tenant
     * @param displayName its name
     * @param role the caller's role there
     * @param canStartRuns true when the role may start producer runs
     */
    record MembershipView(String tenantId, String displayName, String role, boolean canStartRuns) {
    }

    /**
     * @param userId the caller
     * @param displayName its name
     * @param tenants its memberships
     */
    record MeView(String userId, String displayName, List<MembershipView> tenants) {
    }

    private final Callers callers;
    private final UserDirectory users;
    private final HealthCheck health;

    HomeRoutes(Callers callers, UserDirectory users, HealthCheck health) {
        this.callers = callers;
        this.users = users;
        this.health = health;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/health", ctx -> {
            HealthCheck.Report report = health.check();
            ctx.status(report.httpStatus()).json(report.body());
        });
        routes.get("/api", ctx -> {
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("endpoints", ENDPOINTS);
            index.put("authentication", "Authorization: Bearer <token> (shown at the first start, or created on / when signed in), "
                    + "or a session cookie from /sign-in");
            ctx.json(index);
        });
        routes.get("/api/me", ctx -> ctx.json(me(callers.principal(ctx))));
    }

    private MeView me(Principal principal) {
        List<MembershipView> tenants = new ArrayList<>();
        for (Tenant t : users.tenants()) {
            principal.roleIn(t.id()).ifPresent(role -> tenants.add(
                    new MembershipView(t.id().value(), t.displayName(), role.name(), role.canStartRuns())));
        }
        return new MeView(principal.userId(), principal.displayName(), tenants);
    }
}
