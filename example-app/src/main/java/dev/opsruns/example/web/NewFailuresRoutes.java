package dev.opsruns.example.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.core.NewFailures;
import dev.opsruns.core.RunLedger;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.Set;

/**
 * "N new failures since your last visit": the caller's count in a tenant, and marking the tenant visited.
 * The write is a POST, so a cookie-authenticated one passes the {@link CrossSiteGuard} first, as every
 * other write does.
 */
final class NewFailuresRoutes {

    private static final String VISITED_EXAMPLE = "{} (or no body)";

    /**
     * @param lastVisit when the caller last marked the tenant visited, null before the first visit
     * @param count failures (runs ended in the failed bucket) since then, 0 before the first visit
     */
    record NewFailuresView(Instant lastVisit, long count) {
        static NewFailuresView of(NewFailures f) {
            return new NewFailuresView(f.lastVisit().orElse(null), f.count());
        }
    }

    private final RunLedger ledger;
    private final Callers callers;
    private final ObjectMapper json;
    private final int maxBodyBytes;

    NewFailuresRoutes(RunLedger ledger, Callers callers, ObjectMapper json, int maxBodyBytes) {
        this.ledger = ledger;
        this.callers = callers;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/tenants/{tenant}/failures/new", this::newFailures);
        routes.post("/api/tenants/{tenant}/failures/visited", this::visited);
    }

    private void newFailures(Context ctx) {
        TenantCaller caller = callers.inTenant(ctx);
        QueryParams.of(ctx, Set.of());
        ctx.json(NewFailuresView.of(ledger.queries().newFailures(caller.principal(), caller.tenant())));
    }

    private void visited(Context ctx) {
        TenantCaller caller = callers.inTenant(ctx);
        QueryParams.of(ctx, Set.of());
        JsonBody.read(ctx, json, maxBodyBytes, Set.of(), VISITED_EXAMPLE, true);
        ledger.queries().markVisited(caller.principal(), caller.tenant());
        ctx.status(204);
    }
}
