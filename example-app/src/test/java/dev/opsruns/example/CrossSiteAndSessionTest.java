package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.TestDatabase;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cookie-authenticated writes, sign-in and sign-out included, must come from this app's own pages
 * ({@code Sec-Fetch-Site: same-origin} or an {@code Origin} on this host); a new sign-in ends the
 * browser's previous session; an empty id list marks no notification read.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class CrossSiteAndSessionTest extends AppScenario {

    private static final String USER = "contoso.manager";
    private static final String READ = "/api/tenants/contoso/notifications/read";
    private static final String EVIL = "https://evil.example";

    @Test
    void a_foreign_site_cannot_mark_notifications_read_with_the_session_cookie() {
        startDrift(USER, "contoso", "all_policies");
        app.awaitQuiet(); // its notifications are all written
        long unread = unread();
        assertThat(unread).as("the drift start left notifications to mark").isPositive();
        String cookie = app.signIn(USER);

        Reply plain = app.send(cookieWrite(cookie, READ, "text/plain", "").header("Origin", EVIL));
        Reply json = app.send(cookieWrite(cookie, READ, "application/json", "{}").header("Origin", EVIL));
        Reply fetchMeta = app.send(cookieWrite(cookie, READ, "application/json", "{}").header("Sec-Fetch-Site", "cross-site"));
        Reply unsaid = app.send(cookieWrite(cookie, READ, "application/json", "{}"));
        for (Reply r : new Reply[] {plain, json, fetchMeta, unsaid}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.json().path("error").asText()).isEqualTo("cross_site_request");
        }
        assertThat(unread()).as("nothing was marked read").isEqualTo(unread);

        Reply emptyList = app.send(cookieWrite(cookie, READ, "application/json", "{\"ids\":[]}").header("Origin", app.origin()));
        assertThat(emptyList.status()).as(emptyList.toString()).isEqualTo(200);
        assertThat(emptyList.json().path("marked_read").asInt()).isZero();
        Reply emptyBody = app.send(cookieWrite(cookie, READ, "text/plain", "").header("Sec-Fetch-Site", "same-origin"));
        assertThat(emptyBody.status()).as("an empty body is not {}").isEqualTo(415);
        assertThat(unread()).as("an empty list marks nothing").isEqualTo(unread);

        Reply all = app.send(cookieWrite(cookie, READ, "application/json", "{}").header("Sec-Fetch-Site", "same-origin"));
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("marked_read").asLong()).isEqualTo(unread);
        assertThat(unread()).isZero();
    }

    @Test
    void bearer_requests_need_no_origin_and_cookie_requests_from_this_host_pass() {
        Reply bearer = app.send(HttpRequest.newBuilder(app.uri(READ)).header("Authorization", "Bearer " + app.token(USER))
                .header("Origin", EVIL).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[]}")));
        assertThat(bearer.status()).as("a browser never adds Authorization by itself").isEqualTo(200);
        String cookie = app.signIn(USER);
        Reply referer = app.send(cookieWrite(cookie, READ, "application/json", "{\"ids\":[]}")
                .header("Referer", app.origin() + "/tenants/contoso/operations"));
        assertThat(referer.status()).as(referer.toString()).isEqualTo(200);
        Reply otherPort = app.send(cookieWrite(cookie, READ, "application/json", "{\"ids\":[]}")
                .header("Origin", "http://127.0.0.1:1"));
        assertThat(otherPort.status()).as("another port is another origin").isEqualTo(403);
    }

    @Test
    void sign_in_and_sign_out_refuse_foreign_sites_and_a_new_sign_in_ends_the_old_session() {
        Reply foreignSignIn = app.send(HttpRequest.newBuilder(app.uri("/sign-in")).header("Origin", EVIL)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user_id=contoso.owner")));
        assertThat(foreignSignIn.status()).isEqualTo(403);
        assertThat(foreignSignIn.headers().firstValue("Set-Cookie")).as("no session for a foreign sign-in").isEmpty();

        String first = app.signIn(USER);
        Reply foreignSignOut = app.send(HttpRequest.newBuilder(app.uri("/sign-out")).header("Cookie", first)
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(foreignSignOut.status()).isEqualTo(403);
        assertThat(me(first)).as("a foreign sign-out ends nothing").isEqualTo(200);

        Reply again = app.send(HttpRequest.newBuilder(app.uri("/sign-in")).header("Origin", app.origin()).header("Cookie", first)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user_id=contoso.readonly")));
        assertThat(again.status()).isEqualTo(303);
        String second = again.headers().firstValue("Set-Cookie").orElseThrow();
        second = second.substring(0, second.indexOf(';'));
        assertThat(second).isNotEqualTo(first);
        assertThat(me(first)).as("signing in again ends the previous session").isEqualTo(401);
        assertThat(me(second)).isEqualTo(200);
    }

    private static HttpRequest.Builder cookieWrite(String cookie, String path, String contentType, String body) {
        return HttpRequest.newBuilder(app.uri(path)).header("Cookie", cookie).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static int me(String cookie) {
        return app.send(HttpRequest.newBuilder(app.uri("/api/me")).header("Cookie", cookie)).status();
    }

    private static long unread() {
        return app.get(USER, "/api/tenants/contoso/notifications?unread_only=true&limit=200").json().path("notifications").size();
    }
}
