package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.auth.SessionStore;
import dev.opsruns.example.auth.SignInLimiter;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.RunningApp;
import dev.opsruns.example.harness.TestDatabase;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sessions cannot grow without bound (the oldest ends once the cap is reached), sign-in attempts are
 * limited per client address, and behind HTTPS the session cookie is {@code Secure} and
 * {@code __Host-}-prefixed. Sessions live in memory, so this runs on H2 only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionLimitsTest {

    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.H2, null, b -> b.secureCookies(true));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void the_store_keeps_at_most_its_cap_and_ends_the_oldest_sessions_first() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
        SessionStore store = new SessionStore(clock, SessionStore.DEFAULT_LIFETIME, 100);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            ids.add(store.create("user-" + (i % 7)));
        }
        assertThat(store.size()).isEqualTo(100);
        assertThat(store.userOf(ids.get(0))).as("the oldest session ended").isEmpty();
        assertThat(store.userOf(ids.get(29_899))).isEmpty();
        assertThat(store.userOf(ids.get(29_900))).isPresent();
        assertThat(store.userOf(ids.get(29_999))).contains("user-" + (29_999 % 7));
        assertThat(new SessionStore(clock, Duration.ofHours(8)).maxSessions()).isEqualTo(SessionStore.DEFAULT_MAX_SESSIONS);
    }

    @Test
    @Order(2)
    void sign_ins_beyond_the_burst_are_429_until_the_bucket_refills() {
        long started = System.nanoTime();
        int signedIn = 0;
        int refused = 0;
        for (int i = 0; i < 2 * SignInLimiter.DEFAULT_BURST; i++) {
            Reply r = app.send(HttpRequest.newBuilder(app.uri("/sign-in")).header("Origin", app.origin())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user_id=contoso.readonly")));
            if (r.status() == 303) {
                signedIn++;
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(429);
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
                refused++;
            }
        }
        long refills = Duration.ofNanos(System.nanoTime() - started).dividedBy(SignInLimiter.DEFAULT_REFILL_EVERY) + 1;
        assertThat(signedIn).isLessThanOrEqualTo(SignInLimiter.DEFAULT_BURST + (int) refills);
        assertThat(refused).isPositive();
    }

    @Test
    @Order(1) // before the limiter test has used up this address's sign-ins
    void behind_https_the_cookie_is_secure_and_host_prefixed() {
        Reply signIn = app.send(HttpRequest.newBuilder(app.uri("/sign-in")).header("Origin", app.origin())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user_id=contoso.owner")));
        assertThat(signIn.status()).isEqualTo(303);
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("__Host-opsruns_session=").containsIgnoringCase("; Secure")
                .containsIgnoringCase("Path=/").doesNotContainIgnoringCase("Domain").containsIgnoringCase("HttpOnly");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(app.send(HttpRequest.newBuilder(app.uri("/api/me")).header("Cookie", cookie)).status()).isEqualTo(200);
        Reply signOut = app.send(HttpRequest.newBuilder(app.uri("/sign-out")).header("Cookie", cookie)
                .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(signOut.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("__Host-opsruns_session=;")
                .containsIgnoringCase("; Secure");
    }
}
