package dev.opsruns.example.web.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.example.auth.SignInLimiter;
import dev.opsruns.example.web.Callers;
import dev.opsruns.example.web.HttpApi;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * The app's own web pages: the producers' pages with their start actions (drift landing, backup sets),
 * drift findings, and the account pages (sign-in, sign-out, home), rendered from precompiled jte
 * templates. The Operations hub (list, run detail, notifications) is the {@code runs-hub} module. Reads
 * and starts go through the same library calls and access policy as the JSON API.
 *
 * <p>The related links the ledger hands out serve both: see {@link #driftFindings()} and
 * {@link #backupSet()}, which the API wires behind {@link Negotiation}.
 */
public final class HubPages {

    private final AccountPages account;
    private final OperationsPages operations;
    private final DriftPages drift;
    private final BackupSetPages backupSets;

    /**
     * @param services what the routes need
     * @param callers who is calling
     * @param json the API's JSON mapper (to show context values)
     */
    public HubPages(HttpApi.Services services, Callers callers, ObjectMapper json) {
        PageSupport support = new PageSupport(services.ledger(), callers, services.users(), new Csrf(services.sessions(), callers.cookie()), json);
        this.account = new AccountPages(support, services.sessions(),
                new SignInLimiter(services.ledger().config().clock(), SignInLimiter.DEFAULT_BURST, SignInLimiter.DEFAULT_REFILL_EVERY));
        this.operations = new OperationsPages(support, services.findings());
        this.drift = new DriftPages(support, services.drift(), services.inventory());
        this.backupSets = new BackupSetPages(support, services.addPolicies(), services.backupSets(), services.policies());
    }

    /**
     * Registers the routes that only ever answer with pages.
     *
     * @param routes the router
     */
    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/", account::home);
        routes.get("/sign-in", account::signInPage);
        routes.post("/sign-in", account::signIn);
        routes.post("/sign-out", account::signOut);
        routes.post("/account/api-token", account::newApiToken);
        routes.get("/tenants/{tenant}", ctx -> ctx.redirect("/tenants/" + Urls.segment(ctx.pathParam("tenant")) + "/operations",
                HttpStatus.SEE_OTHER));
        routes.get("/tenants/{tenant}/drift", drift::landing);
        routes.post("/tenants/{tenant}/drift/generate", drift::generate);
        routes.get("/tenants/{tenant}/backup-sets", backupSets::index);
        routes.post("/tenants/{tenant}/backup-sets/{backupSetId}/add-policies", backupSets::addPolicies);
    }

    /** @return a drift run's findings page ({@code /tenants/{tenant}/operations/{runId}/drift-findings}) */
    public Handler driftFindings() {
        return operations::driftFindings;
    }

    /** @return a backup set's page ({@code /tenants/{tenant}/backup-sets/{backupSetId}}) */
    public Handler backupSet() {
        return backupSets::set;
    }
}
