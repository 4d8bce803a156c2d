package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.TestDatabase;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo sign-in page gives a session cookie that works like the user's bearer token, until sign-out. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class SignInAndSessionTest extends AppScenario {

    @Test
    void signing_in_gives_an_http_only_cookie_that_authenticates_until_sign_out() {
        Reply page = app.get(null, "/sign-in");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("contoso.operator").contains("morgan");

        Reply signIn = app.send(HttpRequest.newBuilder(app.uri("/sign-in")).header("Origin", app.origin())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user_id=contoso.operator")));
        assertThat(signIn.status()).isEqualTo(303);
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("opsruns_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        Reply me = app.send(HttpRequest.newBuilder(app.uri("/api/me")).header("Cookie", cookie));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("user_id").asText()).isEqualTo("contoso.operator");
        Reply start = app.send(HttpRequest.newBuilder(app.uri("/api/tenants/contoso/drift/generate")).header("Cookie", cookie)
                .header("Sec-Fetch-Site", "same-origin")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"scope_key\":\"all_policies\"}")));
        assertThat(start.status()).as(start.toString()).isIn(200, 202);
        assertThat(start.json().path("run").path("initiator").path("id").asText()).isEqualTo("contoso.operator");

        Reply signOut = app.send(HttpRequest.newBuilder(app.uri("/sign-out")).header("Cookie", cookie).header("Origin", app.origin())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(signOut.status()).isEqualTo(303);
        Reply after = app.send(HttpRequest.newBuilder(app.uri("/api/me")).header("Cookie", cookie));
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().path("message").asText()).contains("sign in again");
    }

    @Test
    void signing_in_as_someone_who_is_not_a_demo_user_is_400() {
        Reply r = app.send(HttpRequest.newBuilder(app.uri("/sign-in")).header("Origin", app.origin())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user_id=mallory")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("demo user");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
