package dev.opsruns.example.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunType;
import dev.opsruns.example.auth.Authenticator;
import dev.opsruns.example.auth.SessionStore;
import dev.opsruns.example.backup.AddPoliciesService;
import dev.opsruns.example.backup.BackupSetRepository;
import dev.opsruns.example.drift.DriftFindingRepository;
import dev.opsruns.example.drift.DriftGenerationService;
import dev.opsruns.example.inventory.InventoryRepository;
import dev.opsruns.example.ops.HealthCheck;
import dev.opsruns.example.policy.PolicyRepository;
import dev.opsruns.example.tenancy.UserDirectory;
import dev.opsruns.example.web.pages.ErrorPages;
import dev.opsruns.example.web.pages.HubPages;
import dev.opsruns.example.web.pages.Negotiation;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.Set;

/**
 * The app's HTTP server: Javalin with Jackson, every route of the JSON API, the web pages
 * ({@link HubPages}) and the Operations hub ({@code runs-hub}, whose CSS and script under {@code /assets}
 * the app's pages share), request bodies
 * capped, and every error answered as JSON, or as a page when a browser asked for one.
 */
public final class HttpApi {

    /**
     * Everything the routes need.
     *
     * @param ledger the run ledger
     * @param users users, tenants and memberships
     * @param sessions sign-in sessions
     * @param drift the drift producer
     * @param addPolicies the add-policies producer
     * @param inventory inventory syncs
     * @param findings drift findings
     * @param backupSets backup sets
     * @param policies the policy catalogue
     * @param runTypes the run types the app produces
     * @param maxBodyBytes the largest accepted request body
     * @param health what {@code GET /health} answers
     * @param secureCookies true when the app is reached over HTTPS (see {@link SessionCookie})
     * @param retention how long ended runs are kept: the longest range the statistics endpoint accepts
     */
    public record Services(RunLedger ledger, UserDirectory users, SessionStore sessions, DriftGenerationService drift,
            AddPoliciesService addPolicies, InventoryRepository inventory, DriftFindingRepository findings,
            BackupSetRepository backupSets, PolicyRepository policies, Set<RunType> runTypes, int maxBodyBytes,
            HealthCheck health,
            boolean secureCookies, Duration retention) {
    }

    /** How long a request may wait for more of its body (or for the client to take the response) before it fails. */
    public static final Duration REQUEST_IDLE_TIMEOUT = Duration.ofSeconds(3);
    /** The slowest a request body may arrive; bodies are at most 64 KiB by default, so a minute at worst. */
    public static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;

    private HttpApi() {
    }

    /**
     * Creates and starts the server.
     *
     * @param services what the routes need
     * @param host the interface to bind
     * @param port the port, 0 for any free one
     * @return the running server
     */
    public static Javalin start(Services services, String host, int port) {
        ObjectMapper json = ApiJson.mapper();
        Authenticator authenticator = new Authenticator(services.users(), services.sessions());
        SessionCookie cookie = new SessionCookie(services.secureCookies());
        Callers callers = new Callers(authenticator, services.users(), services.ledger().config().accessPolicy(), cookie);
        // The Operations hub (runs-hub) at the root: its pages, its mark-read form and its assets. Called from
        // a route, so the guard and headers below apply to it as to every other page.
        HttpServlet hub = HubMount.create(services, authenticator, cookie).servlet();
        Handler toHub = ctx -> hub.service(ctx.req(), ctx.res());
        RunLedger ledger = services.ledger();
        int maxBody = services.maxBodyBytes();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = maxBody;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonServerErrors(json)));
            // A request thread blocked on a body that never comes is a thread the rest of the app lacks: a
            // stalled body fails after REQUEST_IDLE_TIMEOUT, a trickling one once it falls below the rate.
            config.jetty.modifyHttpConfiguration(http -> {
                http.setIdleTimeout(REQUEST_IDLE_TIMEOUT.toMillis());
                http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
            });
            var routes = config.routes;
            // Javalin answers its own HttpResponseExceptions (unknown route, ...) unless told otherwise.
            routes.exception(HttpResponseException.class, HttpApi::error);
            routes.exception(Exception.class, HttpApi::error);
            // Before any route, so a refused request's body is never read.
            routes.before(new CrossSiteGuard(callers.cookie()));
            routes.after(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Cache-Control", "no-store");
            });
            new HomeRoutes(callers, services.users(), services.health()).register(routes);
            MonitoringRoutes monitoring = new MonitoringRoutes(ledger, callers, services.runTypes());
            monitoring.register(routes);
            DriftRoutes drift = new DriftRoutes(ledger, callers, json, maxBody, services.drift(), services.inventory(),
                    services.findings());
            drift.register(routes);
            BackupSetRoutes backupSets = new BackupSetRoutes(ledger, callers, json, maxBody, services.addPolicies(),
                    services.backupSets());
            backupSets.register(routes);
            HubPages pages = new HubPages(services, callers, json);
            pages.register(routes);
            // The URLs the ledger hands out (the "View run" URL and the related links) are for people and
            // programs alike: a page when the caller asks for HTML, else the same JSON as under /api.
            routes.get("/tenants/{tenant}/operations", toHub);
            routes.get("/tenants/{tenant}/statistics", toHub);
            routes.get("/tenants/{tenant}/operations/{runId}", negotiated(monitoring::detail, toHub));
            routes.post("/tenants/{tenant}/notifications/read", toHub);
            routes.get("/assets/{file}", toHub);
            routes.get("/tenants/{tenant}/operations/{runId}/drift-findings", negotiated(drift::findings, pages.driftFindings()));
            routes.get("/tenants/{tenant}/backup-sets/{backupSetId}", negotiated(backupSets::detail, pages.backupSet()));
            new PolicyRoutes(ledger, callers, services.policies()).register(routes);
            new NotificationRoutes(ledger, callers, json, maxBody).register(routes);
            new StatisticsRoutes(ledger, callers, services.retention()).register(routes);
            new NewFailuresRoutes(ledger, callers, json, maxBody).register(routes);
        });
        return app.start();
    }

    private static Handler negotiated(Handler json, Handler html) {
        return ctx -> {
            if (Negotiation.wantsHtml(ctx)) {
                html.handle(ctx);
            } else {
                json.handle(ctx);
            }
        };
    }

    private static void error(Exception e, Context ctx) {
        if (Negotiation.wantsHtml(ctx)) {
            ErrorPages.handle(e, ctx);
        } else {
            ErrorResponses.handle(e, ctx);
        }
    }
}
