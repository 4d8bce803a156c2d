package dev.opsruns.example;

import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.example.db.DatabaseStartupException;
import dev.opsruns.example.tenancy.DemoUserCard;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts the reference app from the command line: settings from environment variables
 * ({@link AppConfig#fromEnvironment}), a shutdown hook for a graceful stop, and a start-up banner with
 * the URL and the demo users' bearer tokens.
 *
 * <p>Exit codes: 2 for a setting that is not accepted, 3 for a database that cannot be started or
 * reached; each with one line on standard error.
 */
public final class ExampleApp {

    /** Exit code of a setting that is not accepted. */
    public static final int EXIT_BAD_SETTING = 2;
    /** Exit code of a database that cannot be started or reached at start-up. */
    public static final int EXIT_DATABASE_UNAVAILABLE = 3;

    private ExampleApp() {
    }

    /**
     * @param args ignored; configure with environment variables
     */
    public static void main(String[] args) {
        ExampleAppServer app = launch(System.getenv());
        System.out.println(banner(app));
    }

    /**
     * Reads the settings, starts the app and installs the shutdown hook (SIGTERM, Ctrl-C: a graceful
     * {@link ExampleAppServer#close()}); exits the JVM with one line on standard error when the settings
     * are not accepted or the database cannot be reached.
     *
     * @param env the environment
     * @return the running app
     */
    public static ExampleAppServer launch(Map<String, String> env) {
        AppConfig config;
        try {
            config = AppConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            System.err.println("opsruns example app: " + e.getMessage());
            System.exit(EXIT_BAD_SETTING);
            throw e;
        }
        ExampleAppServer app;
        try {
            app = ExampleAppServer.start(config);
        } catch (DatabaseStartupException e) {
            System.err.println("opsruns example app: " + e.getMessage());
            System.exit(EXIT_DATABASE_UNAVAILABLE);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "opsruns-shutdown"));
        return app;
    }

    static String banner(ExampleAppServer app) {
        StringBuilder sb = new StringBuilder();
        String url = app.baseUrl();
        sb.append("\n  opsruns example app is running at ").append(url).append('\n');
        sb.append("  database: ").append(app.database().description()).append('\n');
        sb.append("  in a browser: ").append(url).append("  (sign in, then Monitoring -> Operations)\n");
        sb.append("  JSON API:     ").append(url).append("/api\n\n");
        sb.append("  demo users (bearer token, roles):\n");
        for (DemoUserCard u : app.demoUsers()) {
            sb.append(String.format("    %-18s %-40s %s%n", u.id(), u.apiToken(), roles(u.roles())));
        }
        sb.append("\n  try:  curl -s -X POST -H 'Authorization: Bearer <contoso.operator token>' "
                + "-H 'Content-Type: application/json' -d '{\"scope_key\":\"all_policies\"}' ")
                .append(url).append("/api/tenants/contoso/drift/generate\n");
        return sb.toString();
    }

    private static String roles(Map<TenantId, TenantRole> roles) {
        return roles.entrySet().stream().map(e -> e.getKey().value() + "=" + e.getValue().name())
                .collect(Collectors.joining(" "));
    }
}
