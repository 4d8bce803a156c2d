package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.RunningApp;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the pages do with hand-edited URLs, strangers and readonly users: a readable error page with a way
 * back (never a stack trace), 403 for a tenant without a role, 404 for another tenant's ids, no start
 * action for readonly (and the endpoints still refuse), forms that need the page's token, and a signed-out
 * browser sent to sign in and back.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class PageErrorsAndAccessTest extends AppScenario {

    private static final String OPERATIONS = "/tenants/contoso/operations";
    private static final String WAY_BACK = "<a href=\"/tenants/contoso/operations\">Back to the operations list</a>";

    private static String fabrikamRun;
    private static RunningApp fixtureApp;

    @BeforeEach
    void aFabrikamRunExists() {
        if (fixtureApp != app) {
            Reply start = startDrift("fabrikam.operator", "fabrikam", "all_policies");
            fabrikamRun = start.json().path("run").path("id").asText();
            app.awaitEnded("fabrikam.operator", "fabrikam", fabrikamRun);
            fixtureApp = app;
        }
    }

    @Test
    void hand_edited_list_urls_show_a_readable_400_page_with_a_way_back() {
        assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?bucket=done"), 400,
                "There is no status \"done\". The statuses are: queued, running, succeeded, partially_succeeded, failed.");
        assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?type=inventory.sync"), 400,
                "There is no run type \"inventory.sync\"");
        assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?range=custom&from=yesterday"), 400,
                "The \"from\" date \"yesterday\" is not a date. Use a date such as 2026-01-15");
        assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?to=2026-13-45"), 400, "The \"to\" date");
        assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?from=2026-02-01&to=2026-01-01"), 400,
                "must be after the \"from\" date");
        assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?range=forever"), 400, "is not a time range");
        assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?range=7d&from=2026-01-01"), 400,
                "apply only to a custom range");
        assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?range=custom&tz=Mars%2FOlympus"), 400, "is not a time zone");
        assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?limit=0"), 400, "from 1 to 200");
        assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?colour=red"), 400, "does not take the parameter \"colour\"");
        assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?bucket=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 400,
                "There is no status \"&lt;script&gt;alert(1)&lt;/script&gt;\"");
    }

    @Test
    void tampered_cursors_show_a_400_page_and_the_first_page_link() {
        ended(startDrift("contoso.operator", "contoso", "all_policies"));
        ended(startDrift("contoso.operator", "contoso", "all_policies"));
        JsonNode page = app.get("contoso.readonly", "/api/tenants/contoso/runs?limit=1").json();
        String cursor = page.path("older_cursor").asText();
        char last = cursor.charAt(cursor.length() - 2);
        String tampered = cursor.substring(0, cursor.length() - 2) + (last == 'A' ? 'B' : 'A') + cursor.charAt(cursor.length() - 1);

        for (String bad : List.of(tampered, "garbage", cursor /* issued for other filters: the API's default limit */)) {
            assertErrorPage(app.page("contoso.readonly", OPERATIONS + "?bucket=failed&cursor=" + URLEncoder.encode(bad,
                    StandardCharsets.UTF_8)), 400, "This page link is not valid for this list any more");
        }
        Reply otherTenant = app.page("fabrikam.readonly", "/tenants/fabrikam/operations?cursor=" + cursor);
        assertThat(otherTenant.status()).isEqualTo(400);
        assertThat(otherTenant.body()).contains("Start again from the first page")
                .contains("<a href=\"/tenants/fabrikam/operations\">Back to the operations list</a>");
    }

    @Test
    void foreign_unknown_and_malformed_ids_show_404_and_400_pages_without_the_other_tenants_data() {
        String neverExisted = "01890a5d-ac96-774b-bcce-b302099a8057";
        for (String path : List.of(OPERATIONS + "/" + fabrikamRun, OPERATIONS + "/" + neverExisted,
                OPERATIONS + "/" + fabrikamRun + "/drift-findings", "/tenants/contoso/drift?queued=" + fabrikamRun,
                "/tenants/contoso/backup-sets/" + DemoSeeder.backupSetId("fabrikam", 1))) {
            Reply r = app.page("contoso.owner", path);
            assertErrorPage(r, 404, "not found");
            assertThat(r.body()).doesNotContain("Fabrikam").doesNotContain("fabrikam-pol-");
        }
        assertErrorPage(app.page("contoso.owner", OPERATIONS + "/not-a-uuid"), 400, "is not a run id");
        assertErrorPage(app.page("contoso.owner", "/tenants/contoso/backup-sets/not-a-uuid"), 400, "must be a UUID");
        Reply nowhere = app.page("contoso.owner", "/tenants/contoso/nothing-here");
        assertErrorPage(nowhere, 404, "There is no page at /tenants/contoso/nothing-here.");
    }

    @Test
    void another_tenants_pages_are_403_pages_without_its_data() {
        for (String path : List.of("/tenants/fabrikam/operations", "/tenants/fabrikam/operations?bucket=succeeded",
                "/tenants/fabrikam/operations/" + fabrikamRun, "/tenants/fabrikam/operations/" + fabrikamRun + "/drift-findings",
                "/tenants/fabrikam/drift", "/tenants/fabrikam/backup-sets",
                "/tenants/fabrikam/backup-sets/" + DemoSeeder.backupSetId("fabrikam", 1))) {
            Reply r = app.page("contoso.owner", path);
            assertThat(r.status()).as("GET %s -> %s", path, r).isEqualTo(403);
            assertThat(r.contentType()).startsWith("text/html");
            assertThat(r.body()).contains("<h1>Not allowed</h1>").contains("has no role in tenant fabrikam")
                    .contains("<a href=\"/\">Your tenants</a>").doesNotContain("Fabrikam").doesNotContain("fabrikam-pol-")
                    .doesNotContain(fabrikamRun.substring(24)).doesNotContain("Exception");
        }
    }

    @Test
    void readonly_gets_no_start_action_and_the_form_and_the_api_still_answer_403() {
        JsonNode before = counts("contoso.owner", "contoso");
        String set = "/tenants/contoso/backup-sets/" + DemoSeeder.backupSetId("contoso", 1);

        Reply drift = app.page("contoso.readonly", "/tenants/contoso/drift");
        Reply backup = app.page("contoso.readonly", set);

        assertThat(drift.status()).isEqualTo(200);
        assertThat(drift.body()).doesNotContain("Generate drift").doesNotContain("/drift/generate")
                .contains("Your role in Contoso Ltd. is READONLY");
        assertThat(backup.body()).doesNotContain(">Add policies</button>").doesNotContain("add-policies")
                .contains("Your role in Contoso Ltd. is READONLY");
        String cookie = app.signIn("contoso.readonly");
        Reply form = app.postForm(cookie, "/tenants/contoso/drift/generate", "scope_key=all_policies&csrf=x");
        assertThat(form.status()).isEqualTo(403);
        Reply bearerForm = app.send(HttpRequest.newBuilder(app.uri("/tenants/contoso/drift/generate"))
                .header("Authorization", "Bearer " + app.token("contoso.readonly")).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scope_key=all_policies")));
        assertErrorPage(bearerForm, 403, "(READONLY in tenant contoso) may not start drift.generate runs");
        assertThat(startDrift("contoso.readonly", "contoso", "all_policies").status()).isEqualTo(403);
        assertThat(counts("contoso.owner", "contoso")).isEqualTo(before);
    }

    @Test
    void forms_without_the_pages_token_start_nothing() {
        JsonNode before = counts("contoso.owner", "contoso");
        String cookie = app.signIn("contoso.operator");
        String otherSession = app.signIn("contoso.operator");
        String foreignToken = token(otherSession, "/tenants/contoso/drift");

        for (String form : List.of("scope_key=all_policies", "scope_key=all_policies&csrf=", "scope_key=all_policies&csrf="
                + foreignToken)) {
            assertErrorPage(app.postForm(cookie, "/tenants/contoso/drift/generate", form), 403, "security token");
        }
        String set = "/tenants/contoso/backup-sets/" + DemoSeeder.backupSetId("contoso", 1);
        assertErrorPage(app.postForm(cookie, set + "/add-policies", "policy_id=contoso-pol-001"), 403, "security token");
        Reply nothingChosen = app.postForm(cookie, set + "/add-policies", "csrf=" + token(cookie, set));
        assertThat(nothingChosen.status()).isEqualTo(400);
        assertThat(nothingChosen.body()).contains("Choose at least one policy").contains("<a href=\"/tenants/contoso/backup-sets\">");
        Reply notReady = app.postForm(cookie, "/tenants/contoso/drift/generate", "scope_key=compliance&csrf="
                + token(cookie, "/tenants/contoso/drift"));
        assertThat(notReady.status()).isEqualTo(409);
        assertThat(notReady.body()).contains("has 1 successful inventory run").contains("<a href=\"/tenants/contoso/drift\">Back to drift</a>");
        assertThat(counts("contoso.owner", "contoso")).isEqualTo(before);
    }

    @Test
    void a_signed_out_browser_is_sent_to_sign_in_and_back_to_a_page_of_this_app_only() {
        Reply page = app.page(null, OPERATIONS + "?bucket=failed");
        assertThat(page.status()).isEqualTo(303);
        String location = page.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/sign-in?next=" + URLEncoder.encode(OPERATIONS + "?bucket=failed", StandardCharsets.UTF_8));
        Reply signInPage = app.page(null, location);
        assertThat(signInPage.body()).contains("name=\"next\" value=\"/tenants/contoso/operations?bucket=failed\"")
                .contains("value=\"contoso.operator\"");

        assertThat(signInThenGo(OPERATIONS + "?bucket=failed")).isEqualTo(OPERATIONS + "?bucket=failed");
        for (String foreign : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
            assertThat(signInThenGo(foreign)).as(foreign).isEqualTo("/");
        }
        assertThat(app.get(null, "/api/tenants/contoso/runs").status()).as("the API still answers 401").isEqualTo(401);
    }

    @Test
    void a_user_of_two_tenants_gets_a_tenant_switcher_and_a_user_of_one_does_not() {
        Reply morgan = app.page("morgan", OPERATIONS);
        Reply operator = app.page("contoso.operator", OPERATIONS);
        assertThat(morgan.body()).contains("tenant-switcher").contains("<a href=\"/tenants/fabrikam/operations\"><bdi>Fabrikam");
        assertThat(operator.body()).doesNotContain("tenant-switcher").doesNotContain("/tenants/fabrikam/");
        Reply home = app.page("morgan", "/");
        assertThat(home.body()).contains("Your tenants").contains("/tenants/contoso/drift").contains("/tenants/fabrikam/drift")
                .contains("READONLY</span> (view only)");
    }

    private static String signInThenGo(String next) {
        Reply r = app.send(HttpRequest.newBuilder(app.uri("/sign-in")).header("Accept", "text/html").header("Origin", app.origin())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user_id=contoso.operator&next="
                        + URLEncoder.encode(next, StandardCharsets.UTF_8))));
        assertThat(r.status()).isEqualTo(303);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String token(String cookie, String path) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(app.pageInSession(cookie, path).body());
        assertThat(m.find()).as("a form token on %s", path).isTrue();
        return m.group(1);
    }

    private static void ended(Reply start) {
        app.awaitEnded("contoso.owner", "contoso", start.json().path("run").path("id").asText());
    }

    private static void assertErrorPage(Reply r, int status, String message) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).as(r.toString()).contains("<p class=\"error-code\">Error " + status + "</p>").contains(message)
                .contains("<a href=\"/\">Your tenants</a>")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at dev.opsruns").doesNotContain("at io.javalin");
        if (status != 403 && r.body().contains("/tenants/contoso/")) {
            assertThat(r.body()).contains(WAY_BACK);
        }
    }
}
