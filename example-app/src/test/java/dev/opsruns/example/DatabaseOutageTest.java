package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.RunningApp;
import dev.opsruns.example.harness.TestDatabase;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * While the database cannot be reached, every request that needs it is answered 503 (retry later),
 * whether it fails in the library or in the app's own repositories (users and sessions, backup sets,
 * policies, inventory), as JSON and as a page; once the database is back, the same requests succeed.
 *
 * <p>PostgreSQL only: its database refuses connections without the server stopping (other tests share
 * the server). H2 runs embedded in the app, so it cannot be taken away from it.
 */
class DatabaseOutageTest {

    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.POSTGRESQL);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void an_unreachable_database_is_503_everywhere_and_the_app_recovers() {
        String cookie = app.signIn("contoso.operator");
        List<Supplier<Reply>> requests = List.of(
                () -> app.get("contoso.operator", "/api/me"),
                () -> app.get("contoso.operator", "/api/tenants/contoso/backup-sets"),
                () -> app.get("contoso.operator", "/api/tenants/contoso/policies"),
                () -> app.get("contoso.operator", "/api/tenants/contoso/drift/scopes"),
                () -> app.get("contoso.operator", "/api/tenants/contoso/runs"),
                () -> app.send(HttpRequest.newBuilder(app.uri("/api/me")).header("Cookie", cookie)),
                () -> app.pageInSession(cookie, "/tenants/contoso/backup-sets"));
        for (Supplier<Reply> r : requests) {
            assertThat(r.get().status()).isEqualTo(200);
        }

        app.database().refuseConnections(true);
        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        try {
            // At once: each waits for the pool's connection timeout before it gives up.
            List<CompletableFuture<Reply>> during = requests.stream().map(r -> CompletableFuture.supplyAsync(r, clients)).toList();
            for (CompletableFuture<Reply> f : during) {
                Reply r = f.join();
                assertThat(r.status()).as(r.toString()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                if (r.contentType().startsWith("application/json")) {
                    assertThat(r.json().path("error").asText()).isEqualTo("store_unavailable");
                } else {
                    assertThat(r.body()).contains("the database is unavailable").doesNotContain("Exception");
                }
            }
        } finally {
            clients.shutdownNow();
            app.database().refuseConnections(false);
        }
        for (Supplier<Reply> r : requests) {
            assertThat(r.get().status()).as("after the database is back").isEqualTo(200);
        }
    }
}
