package dev.opsruns.example;

import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.example.db.DatabaseStartupException;
import dev.opsruns.example.tenancy.DemoUserCard;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts the reference app from the command line: settings from environment variables
 * ({@link AppConfig#fromEnvironment}), a shutdown hook for a graceful stop, and a start-up banner with
 * the URL, sign-in links for the demo users (on loopback only; a loud warning elsewhere) and, on the
 * first start, their bearer tokens, shown that once.
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
        return banner(app.baseUrl(), app.database().description(), app.config(), app.demoUsers(), app.issuedTokens());
    }

    static String banner(String url, String database, AppConfig c, List<DemoUserCard> users,
            Map<String, String> issuedTokens) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n  opsruns example app is running at ").append(url).append('\n');
        sb.append("  database: ").append(database).append('\n');
        sb.append("  JSON API:     ").append(url).append("/api\n\n");
        if (isLoopback(c.host())) {
            sb.append("  sign in as a demo user (one click, no password), then Monitoring -> Operations:\n");
            for (DemoUserCard u : users) {
                sb.append(String.format("    %-18s %-40s %s%n", u.id(), url + "/sign-in?user=" + u.id(), roles(u.roles())));
            }
        } else {
            String rule = "  " + "!".repeat(96) + "\n";
            sb.append(rule)
                    .append("  WARNING: bound to ").append(c.host()).append(", not to loopback. The demo sign-in has no password:\n")
                    .append("  anyone who can reach this port can sign in as any demo user, owners included. Bind to\n")
                    .append("  127.0.0.1 (OPSRUNS_HOST), or put real authentication in front before exposing it.\n")
                    .append(rule);
        }
        if (!issuedTokens.isEmpty()) {
            sb.append("\n  bearer tokens of the demo users, shown this once (only their hashes are stored;\n")
                    .append("  a signed-in user creates a new one on ").append(url).append("/):\n");
            issuedTokens.forEach((user, token) -> sb.append(String.format("    %-18s %s%n", user, token)));
            sb.append("\n  try:  curl -s -X POST -H 'Authorization: Bearer <contoso.operator token>' "
                    + "-H 'Content-Type: application/json' -d '{\"scope_key\":\"all_policies\"}' ")
                    .append(url).append("/api/tenants/contoso/drift/generate\n");
        } else {
            sb.append("\n  bearer tokens: sign in and create one on ").append(url)
                    .append("/ (tokens are shown once, when created)\n");
        }
        return sb.toString();
    }

    /** Whether the app listens on loopback only, where the password-less demo sign-in is harmless. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String roles(Map<TenantId, TenantRole> roles) {
        return roles.entrySet().stream().map(e -> e.getKey().value() + "=" + e.getValue().name())
                .collect(Collectors.joining(" "));
    }
}
