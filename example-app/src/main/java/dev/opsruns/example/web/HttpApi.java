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
import dev.opsruns.example.policy.PolicyRepository;
import dev.opsruns.example.tenancy.UserDirectory;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.Set;

/**
 * The app's HTTP server: Javalin with Jackson, every route of the JSON API and the demo sign-in page,
 * request bodies capped, and every error answered as JSON.
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
     */
    public record Services(RunLedger ledger, UserDirectory users, SessionStore sessions, DriftGenerationService drift,
            AddPoliciesService addPolicies, InventoryRepository inventory, DriftFindingRepository findings,
            BackupSetRepository backupSets, PolicyRepository policies, Set<RunType> runTypes, int maxBodyBytes) {
    }

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
        Callers callers = new Callers(new Authenticator(services.users(), services.sessions()), services.users());
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
            var routes = config.routes;
            // Javalin answers its own HttpResponseExceptions (unknown route, ...) unless told otherwise.
            routes.exception(HttpResponseException.class, ErrorResponses::handle);
            routes.exception(Exception.class, ErrorResponses::handle);
            routes.after(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Cache-Control", "no-store");
            });
            new HomeRoutes(callers, services.users()).register(routes);
            new SignInRoutes(services.users(), services.sessions()).register(routes);
            new MonitoringRoutes(ledger, callers, services.runTypes()).register(routes);
            new DriftRoutes(ledger, callers, json, maxBody, services.drift(), services.inventory(), services.findings())
                    .register(routes);
            new BackupSetRoutes(ledger, callers, json, maxBody, services.addPolicies(), services.backupSets())
                    .register(routes);
            new PolicyRoutes(ledger, callers, services.policies()).register(routes);
            new NotificationRoutes(ledger, callers, json, maxBody).register(routes);
        });
        return app.start();
    }
}
