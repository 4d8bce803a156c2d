package dev.opsruns.example.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.example.AppConfig;
import dev.opsruns.example.ExampleAppServer;
import dev.opsruns.example.jobs.InProcessJobDispatcher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The reference app running in-process on a random port over a fresh database, with a real HTTP client.
 * Every response body is kept, so a test can search all of them (for leaked credentials, say). Jobs go
 * through a {@link GatedJobDispatcher} that normally passes them straight on.
 */
public final class RunningApp implements AutoCloseable {

    private static final Duration RUN_DEADLINE = Duration.ofSeconds(30);
    /** What Chromium sends when it navigates. */
    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private final TestDatabase.Instance database;
    private final boolean ownsDatabase;
    private final ExampleAppServer server;
    private final GatedJobDispatcher gate;
    private final Map<String, String> tokens;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private RunningApp(TestDatabase.Instance database, boolean ownsDatabase, Clock clock, Consumer<AppConfig.Builder> tweaks,
            Map<String, String> knownTokens) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        AppConfig.Builder config = AppConfig.builder()
                .port(0)
                .workerThreads(2)
                .dbPoolSize(6)
                .shutdownGrace(Duration.ofSeconds(5))
                .sourceBackoff(Duration.ofMillis(5))
                .sourceMaxBackoff(Duration.ofMillis(20))
                .reaperInterval(Duration.ofHours(1))
                .purgeInterval(Duration.ofHours(1));
        database.configure(config);
        tweaks.accept(config);
        GatedJobDispatcher[] holder = new GatedJobDispatcher[1];
        AppConfig built = config.build();
        ExampleAppServer.Builder builder = ExampleAppServer.builder(built).jobDispatcher(runner -> {
            holder[0] = new GatedJobDispatcher(new InProcessJobDispatcher(runner, built.workerThreads()));
            return holder[0];
        });
        if (clock != null) {
            builder.clock(clock);
        }
        try {
            this.server = builder.start();
        } catch (RuntimeException e) {
            if (ownsDatabase) {
                database.close();
            }
            throw e;
        }
        this.gate = holder[0];
        assertVendor(database.jdbc()[0]);
        // Only a fresh database's start shows the tokens (the database keeps their hashes); a restart reuses them.
        this.tokens = knownTokens != null ? knownTokens : server.issuedTokens();
    }

    /** Guards against a misconfigured run silently testing H2 twice. */
    private void assertVendor(String expectedUrl) {
        try (Connection c = server.dataSource().getConnection()) {
            String url = c.getMetaData().getURL();
            boolean same = expectedUrl.startsWith("jdbc:postgresql:") ? url.startsWith("jdbc:postgresql:") : url.startsWith("jdbc:h2:");
            if (!same) {
                throw new IllegalStateException("the app runs on " + url + ", not on " + expectedUrl);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param kind which database
     * @return the app on a fresh database of that kind
     */
    public static RunningApp start(TestDatabase kind) {
        return new RunningApp(kind.create(), true, null, b -> { }, null);
    }

    /**
     * @param kind which database
     * @param clock the app's clock
     * @param tweaks changes to the test settings
     * @return the app on a fresh database of that kind
     */
    public static RunningApp start(TestDatabase kind, Clock clock, Consumer<AppConfig.Builder> tweaks) {
        return new RunningApp(kind.create(), true, clock, tweaks, null);
    }

    /**
     * Stops this app gracefully, keeping its database, and starts a new one on it (a restart).
     *
     * @return the new app
     */
    public RunningApp restart() {
        server.close();
        return new RunningApp(database, true, null, b -> { }, tokens);
    }

    /** @return the server */
    public ExampleAppServer server() {
        return server;
    }

    /** @return the database it runs on */
    public TestDatabase.Instance database() {
        return database;
    }

    /** @return the job gate */
    public GatedJobDispatcher gate() {
        return gate;
    }

    /**
     * @param userId a demo user
     * @return its bearer token
     */
    public String token(String userId) {
        String token = tokens.get(userId);
        if (token == null) {
            throw new IllegalArgumentException("no demo user " + userId + "; known: " + tokens.keySet());
        }
        return token;
    }

    /**
     * @param path a path such as {@code /api/me}, or an absolute URL
     * @return the URI on this app
     */
    public URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : server.baseUrl() + path);
    }

    /**
     * @param userId the caller, or null for none
     * @param path the path
     * @return the response
     */
    public Reply get(String userId, String path) {
        return send(authorized(userId, HttpRequest.newBuilder(uri(path)).GET()));
    }

    /**
     * @param userId the caller, or null for none
     * @param path the path
     * @param json the JSON body
     * @return the response
     */
    public Reply post(String userId, String path, String json) {
        return send(authorized(userId, HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))));
    }

    /**
     * {@link #post(String, String, String)} with one more request header.
     *
     * @param userId the caller, or null for none
     * @param path the path
     * @param json the JSON body
     * @param header the header's name
     * @param value its value
     * @return the response
     */
    public Reply post(String userId, String path, String json, String header, String value) {
        return send(authorized(userId, HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(json))));
    }

    /**
     * A page as a browser asks for it ({@code Accept: text/html}).
     *
     * @param userId the caller (by bearer token), or null for none
     * @param path the path
     * @return the response
     */
    public Reply page(String userId, String path) {
        return send(authorized(userId, HttpRequest.newBuilder(uri(path)).header("Accept", BROWSER_ACCEPT).GET()));
    }

    /** @return this app's origin, as a browser sends it on its own pages' requests ({@code Origin}) */
    public String origin() {
        return server.baseUrl();
    }

    /**
     * Signs in on the demo sign-in page, as a browser does.
     *
     * @param userId a demo user
     * @return the session cookie, such as {@code opsruns_session=...}
     */
    public String signIn(String userId) {
        Reply r = send(HttpRequest.newBuilder(uri("/sign-in")).header("Accept", BROWSER_ACCEPT).header("Origin", origin())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user_id=" + userId)));
        String setCookie = r.headers().firstValue("Set-Cookie")
                .orElseThrow(() -> new AssertionError("sign-in as " + userId + " set no cookie: " + r));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /**
     * @param cookie a session cookie from {@link #signIn}
     * @param path the path
     * @return the page as that browser session sees it
     */
    public Reply pageInSession(String cookie, String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", BROWSER_ACCEPT).header("Cookie", cookie).GET());
    }

    /**
     * Posts a page's form, as a browser does.
     *
     * @param cookie a session cookie from {@link #signIn}
     * @param path the form's action
     * @param form the form fields, URL-encoded ({@code a=1&b=2})
     * @return the response
     */
    public Reply postForm(String cookie, String path, String form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", BROWSER_ACCEPT).header("Cookie", cookie)
                .header("Origin", origin())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /**
     * @param request any request
     * @return the response (its body kept for {@link #responseBodies()})
     */
    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            bodies.add(r.body());
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder authorized(String userId, HttpRequest.Builder b) {
        return userId == null ? b : b.header("Authorization", "Bearer " + token(userId));
    }

    /**
     * Waits for a run to end, polling its detail: waiting for an event, bounded by a generous deadline.
     *
     * @param userId a user who may view the run
     * @param tenant the run's tenant
     * @param runId the run
     * @return the detail of the ended run
     */
    public JsonNode awaitEnded(String userId, String tenant, String runId) {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (true) {
            Reply r = get(userId, "/api/tenants/" + tenant + "/runs/" + runId);
            if (r.status() != 200) {
                throw new AssertionError("detail of run " + runId + " answered " + r);
            }
            JsonNode detail = r.json();
            String status = detail.path("run").path("status").asText();
            if (!status.equals("pending") && !status.equals("running")) {
                return detail;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + runId + " still " + status + " after " + RUN_DEADLINE);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits until neither demo tenant has a queued or running run (bounded by the run deadline). */
    public void awaitQuiet() {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        for (String tenant : List.of("contoso", "fabrikam")) {
            while (true) {
                JsonNode counts = get(tenant + ".owner", "/api/tenants/" + tenant + "/runs/counts").json().path("counts");
                if (counts.path("queued").asLong() + counts.path("running").asLong() == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("tenant " + tenant + " still has active runs: " + counts);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** @return every response body this app sent so far */
    public List<String> responseBodies() {
        return List.copyOf(bodies);
    }

    /**
     * Reads every row of every table in the database (the app's and opsruns') as text.
     *
     * @return one line per row: table name and all column values
     */
    public List<String> allRows() {
        String[] jdbc = database.jdbc();
        List<String> rows = new ArrayList<>();
        try (Connection c = server.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String schema = meta.getDatabaseProductName().toLowerCase().contains("h2") ? "PUBLIC" : "public";
            List<String> tables = new ArrayList<>();
            try (ResultSet t = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (t.next()) {
                    tables.add(t.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder(table).append(':');
                        for (int i = 1; i <= columns; i++) {
                            line.append(' ').append(rs.getString(i));
                        }
                        rows.add(line.toString());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read rows of " + jdbc[0], e);
        }
        return rows;
    }

    /** Stops the app and drops its database. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            if (ownsDatabase) {
                database.close();
            }
        }
    }
}
