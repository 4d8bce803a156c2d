package dev.opsruns.hub.host;

import dev.opsruns.core.Principal;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import dev.opsruns.hub.RunsHub;
import dev.opsruns.hub.spi.HostLink;
import dev.opsruns.hub.spi.HubHost;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A minimal host in a plain servlet container (Jetty 12, ee10): its own sign-in (pick a user, get a
 * session cookie), and the hub mounted under {@code /ops} in the few lines README shows. Nothing of the
 * reference app: this is what any Java web stack does to mount the hub.
 */
public final class PlainServletHost implements AutoCloseable {

    /** Where the hub is mounted. */
    public static final String BASE = "/ops";
    /** The host's session cookie. */
    public static final String COOKIE = "host_session";

    private final Server server;
    private final Map<String, Principal> users;
    private final Map<String, Principal> sessions = new ConcurrentHashMap<>();

    private PlainServletHost(RunLedger ledger, List<Principal> users, Set<RunType> runTypes,
            UnaryOperator<RunsHub.Builder> settings) {
        this.users = users.stream().collect(java.util.stream.Collectors.toMap(Principal::userId, p -> p));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();

        // --- the hub, as README shows it ---
        RunsHub hub = settings.apply(RunsHub.builder(ledger, this::principal).basePath(BASE).host(new Host(runTypes))
                .heartbeatLateAfter(Duration.ofSeconds(60)).refreshSeconds(1)).build();
        context.addServlet(new ServletHolder(hub.servlet()), BASE + "/*");
        // ---

        context.addServlet(new ServletHolder(new SignIn()), "/sign-in");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the test host did not start", e);
        }
    }

    /**
     * @param ledger the ledger the hub shows
     * @param users who may sign in
     * @param runTypes the run types the hub's filter offers
     * @return the running host
     */
    public static PlainServletHost start(RunLedger ledger, List<Principal> users, Set<RunType> runTypes) {
        return new PlainServletHost(ledger, users, runTypes, UnaryOperator.identity());
    }

    /**
     * @param ledger the ledger the hub shows
     * @param users who may sign in
     * @param runTypes the run types the hub's filter offers
     * @param settings more of the hub's settings, such as its retention
     * @return the running host
     */
    public static PlainServletHost start(RunLedger ledger, List<Principal> users, Set<RunType> runTypes,
            UnaryOperator<RunsHub.Builder> settings) {
        return new PlainServletHost(ledger, users, runTypes, settings);
    }

    /** @return the host's base URI, such as {@code http://127.0.0.1:41234} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    /**
     * @param userId a user
     * @return a session cookie value for the user (what signing in gives a browser)
     */
    public String session(String userId) {
        String id = UUID.randomUUID().toString();
        sessions.put(id, users.get(userId));
        return id;
    }

    private Optional<Principal> principal(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (c.getName().equals(COOKIE) && sessions.containsKey(c.getValue())) {
                return Optional.of(sessions.get(c.getValue()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Host implements HubHost {
        private final Set<RunType> runTypes;

        Host(Set<RunType> runTypes) {
            this.runTypes = runTypes;
        }

        @Override
        public String tenantName(TenantId tenantId) {
            return tenantId.value().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + tenantId.value().substring(1);
        }

        @Override
        public Set<RunType> runTypes() {
            return runTypes;
        }

        @Override
        public List<HostLink> account(Principal principal) {
            return List.of(HostLink.to("Sign out", "/sign-in?out=1"));
        }

        @Override
        public Optional<String> signInUrl(String returnTo) {
            return Optional.of("/sign-in?next=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
        }
    }

    /** The host's own page: a plain form, nothing of the hub. */
    private final class SignIn extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String next = req.getParameter("next") == null ? BASE + "/" : req.getParameter("next");
            StringBuilder buttons = new StringBuilder();
            users.keySet().stream().sorted().forEach(id -> buttons.append("<button type=\"submit\" name=\"user\" value=\"")
                    .append(id).append("\">Sign in as ").append(id).append("</button>"));
            resp.setContentType("text/html; charset=utf-8");
            // the test host's page is a fixed string with ids from the test itself (no user input echoed)
            resp.getWriter().write("<!doctype html><title>Host sign-in</title><h1>Host sign-in</h1>"
                    + "<form method=\"post\" action=\"/sign-in\"><input type=\"hidden\" name=\"next\" value=\""
                    + (next.startsWith("/") && !next.startsWith("//") && !next.contains("\"") ? next : BASE + "/") + "\">"
                    + buttons + "</form>");
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String user = req.getParameter("user");
            if (!users.containsKey(user)) {
                resp.sendError(400);
                return;
            }
            Cookie cookie = new Cookie(COOKIE, session(user));
            cookie.setHttpOnly(true);
            cookie.setPath("/");
            resp.addCookie(cookie);
            String next = req.getParameter("next");
            resp.setStatus(303);
            resp.setHeader("Location", next != null && next.startsWith("/") && !next.startsWith("//") ? next : BASE + "/");
        }
    }
}
