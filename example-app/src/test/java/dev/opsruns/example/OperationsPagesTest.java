package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Operations hub's pages over HTTP, as a browser asks for them ({@code Accept: text/html}): the list
 * with its tabs, filters in the URL and paging; the detail and findings behind the "View run" URL and the
 * related links (which still answer API clients with JSON); the start forms; and text from runs shown
 * as text, never as markup.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class OperationsPagesTest extends AppScenario {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern ROW = Pattern.compile("<tr data-run-id=\"([^\"]+)\" data-bucket=\"([^\"]+)\">");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Test
    void the_list_shows_tabs_with_counts_the_types_present_and_one_row_per_run() {
        String ok = ended(startDrift("fabrikam.operator", "fabrikam", "all_policies"));
        String failed = ended(startDrift("fabrikam.operator", "fabrikam", "scripts"));

        Reply page = app.page("fabrikam.readonly", "/tenants/fabrikam/operations");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").contains("script-src 'self'"));
        String html = page.body();
        JsonNode counts = counts("fabrikam.readonly", "fabrikam").path("counts");
        assertThat(html).contains("data-count-for=\"succeeded\">" + counts.path("succeeded").asLong() + "<")
                .contains("data-count-for=\"failed\">" + counts.path("failed").asLong() + "<");
        assertThat(rows(html)).contains(List.of(failed, "failed"), List.of(ok, "succeeded"));
        assertThat(rows(html).indexOf(List.of(failed, "failed"))).as("newest first")
                .isLessThan(rows(html).indexOf(List.of(ok, "succeeded")));
        assertThat(html).contains(">Drift generation<").contains("badge-succeeded").contains("badge-failed")
                .contains("<time datetime=\"").contains("50 / 50").contains("Fabrikam Operator");
        assertThat(html).as("the app's run types are offered").contains("<option value=\"drift.generate\"")
                .contains("<option value=\"backup_set.add_policies\"");
        assertThat(html).as("the operator's columns").contains("<th scope=\"col\">Duration</th>")
                .contains("<th scope=\"col\" class=\"num\">Failed</th>");
        assertThat(html).as("nothing from another site").doesNotContainPattern("(src|href|action)=\"(https?:)?//");
    }

    @Test
    void filters_live_in_the_url_and_the_older_and_newer_links_page_through_the_cursor() {
        String first = ended(startDrift("contoso.operator", "contoso", "all_policies"));
        String second = ended(startDrift("contoso.operator", "contoso", "all_policies"));
        String base = "/tenants/contoso/operations?bucket=succeeded&type=drift.generate&range=7d&limit=1";

        Reply newest = app.page("contoso.readonly", base);
        assertThat(newest.status()).as(newest.toString()).isEqualTo(200);
        assertThat(rows(newest.body())).containsExactly(List.of(second, "succeeded"));
        assertThat(newest.body()).contains("Showing succeeded runs of type Drift generation created in the last 7 days.");
        String older = link(newest.body(), "rel=\"next\"");
        assertThat(older).contains("bucket=succeeded").contains("type=drift.generate").contains("range=7d")
                .contains("limit=1").contains("at=").contains("cursor=");

        Reply next = app.page("contoso.readonly", older);
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(rows(next.body())).containsExactly(List.of(first, "succeeded"));
        Reply back = app.page("contoso.readonly", link(next.body(), "rel=\"prev\""));
        assertThat(rows(back.body())).containsExactly(List.of(second, "succeeded"));

        Reply tab = app.page("contoso.readonly", link(newest.body(), "class=\"tab tab-failed\""));
        assertThat(tab.status()).isEqualTo(200);
        assertThat(rows(tab.body())).allSatisfy(r -> assertThat(r.get(1)).isEqualTo("failed"));
        Reply none = app.page("contoso.readonly", "/tenants/contoso/operations?range=custom&from=2000-01-01&to=2000-01-31");
        assertThat(rows(none.body())).isEmpty();
        assertThat(none.body()).contains("No runs match these filters");
        Reply since = app.page("contoso.readonly", "/tenants/contoso/operations?from=2000-01-01T00:00&tz=Europe/Berlin");
        assertThat(rows(since.body())).contains(List.of(first, "succeeded"), List.of(second, "succeeded"));
    }

    @Test
    void the_view_run_url_is_a_page_for_browsers_and_json_for_api_clients() {
        String id = ended(startDrift("contoso.operator", "contoso", "all_policies"));
        String url = "/tenants/contoso/operations/" + id;

        Reply json = app.get("contoso.readonly", url);
        Reply page = app.page("contoso.readonly", url);

        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.json().path("run").path("id").asText()).isEqualTo(id);
        assertThat(json.json().path("related_links").get(0).path("url").asText()).isEqualTo(url + "/drift-findings");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<h1>Drift generation <span class=\"h1-badge\">")
                .contains("badge-succeeded").contains("stored as <code>completed</code>").contains("50 / 50")
                .contains("<a href=\"" + url + "/drift-findings\">Drift findings</a>").contains("scope_key")
                .contains("data-active=\"false\"");

        Reply findings = app.page("contoso.readonly", url + "/drift-findings");
        assertThat(findings.status()).isEqualTo(200);
        assertThat(findings.body()).contains("4 added").contains("2 removed").contains("3 changed")
                .contains("contoso-pol-047").contains("settings.revision");
        assertThat(app.get("contoso.readonly", url + "/drift-findings").json().path("summary").path("added").asLong())
                .isEqualTo(4);
    }

    @Test
    void starting_from_the_pages_redirects_to_a_notice_with_view_run_and_shows_the_run_in_the_menu() {
        String cookie = app.signIn("contoso.operator");
        Reply landing = app.pageInSession(cookie, "/tenants/contoso/drift");
        assertThat(landing.body()).contains(">Generate drift</button>");
        String token = token(landing.body());
        app.gate().hold();

        Reply start = app.postForm(cookie, "/tenants/contoso/drift/generate", "scope_key=all_policies&csrf=" + token);
        Reply again = app.postForm(cookie, "/tenants/contoso/drift/generate", "scope_key=all_policies&csrf=" + token);

        assertThat(start.status()).as(start.toString()).isEqualTo(303);
        String location = start.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/tenants/contoso/drift\\?queued=[0-9a-f-]{36}");
        String id = location.substring(location.indexOf('=') + 1);
        assertThat(again.headers().firstValue("Location")).contains("/tenants/contoso/drift?reused=" + id);
        Reply queued = app.pageInSession(cookie, location);
        assertThat(queued.body()).contains("data-start-notice=\"queued\"").contains("Drift generation queued.")
                .contains("<a class=\"button-link\" href=\"/tenants/contoso/operations/" + id + "\">View run</a>");
        Reply reused = app.pageInSession(cookie, again.headers().firstValue("Location").orElseThrow());
        assertThat(reused.body()).contains("data-start-notice=\"reused\"").contains("is already in progress")
                .contains("href=\"/tenants/contoso/operations/" + id + "\">View run</a>");
        app.gate().release();
        app.awaitEnded("contoso.operator", "contoso", id);
        Reply menu = app.pageInSession(cookie, "/tenants/contoso/operations");
        assertThat(menu.body()).contains("Drift generation succeeded").contains("href=\"/tenants/contoso/operations/" + id + "\">View run");

        String set = "/tenants/contoso/backup-sets/" + DemoSeeder.backupSetId("contoso", 2);
        Reply setPage = app.pageInSession(cookie, set);
        assertThat(setPage.body()).contains(">Add policies</button>").contains("id=\"policy-contoso-pol-012\"");
        Reply add = app.postForm(cookie, set + "/add-policies",
                "policy_id=contoso-pol-012&policy_id=contoso-pol-013&csrf=" + token(setPage.body()));
        assertThat(add.status()).as(add.toString()).isEqualTo(303);
        String addLocation = add.headers().firstValue("Location").orElseThrow();
        assertThat(addLocation).startsWith(set + "?queued=");
        String addRun = addLocation.substring(addLocation.indexOf('=') + 1);
        assertThat(app.awaitEnded("contoso.operator", "contoso", addRun).path("run").path("context").path("policy_ids"))
                .hasSize(2);
        assertThat(app.pageInSession(cookie, set).body()).contains("contoso-pol-012").contains("contoso-pol-013");
    }

    @Test
    void a_policy_named_like_a_script_shows_as_text_on_every_page() throws SQLException {
        String name = "<script>alert(1)</script>";
        rename("contoso", "contoso-pol-040", name);
        String set = DemoSeeder.backupSetId("contoso", 1).toString();
        String id = ended(addPolicies("contoso.operator", "contoso", set, "contoso-pol-040"));

        List<Reply> pages = List.of(
                app.page("contoso.operator", "/tenants/contoso/backup-sets/" + set),
                app.page("contoso.readonly", "/tenants/contoso/backup-sets/" + set),
                app.page("contoso.operator", "/tenants/contoso/operations/" + id),
                app.page("contoso.operator", "/tenants/contoso/operations"));

        for (Reply page : pages) {
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("<script>alert").doesNotContain("</script>alert");
        }
        assertThat(pages.get(0).body()).as("the item and the add form's catalogue")
                .contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>")
                .contains("<code>contoso-pol-040</code> &lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(pages.get(1).body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        // the app's own pages share the hub's (runs-hub) script, from its jar
        assertThat(pages).allSatisfy(p -> assertThat(scripts(p.body())).containsOnly("/assets/hub.js"));
    }

    @Test
    void the_css_and_script_come_from_the_jar() {
        Reply css = app.get(null, "/assets/hub.css");
        Reply js = app.get(null, "/assets/hub.js");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(css.body()).contains(".badge-partially_succeeded");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.body()).contains("data-live").doesNotContain("http://").doesNotContain("https://");
    }

    private static String ended(Reply start) {
        assertThat(start.status()).as(start.toString()).isIn(200, 202);
        String id = start.json().path("run").path("id").asText();
        String tenant = start.json().path("run").path("tenant_id").asText();
        app.awaitEnded(tenant + ".owner", tenant, id);
        return id;
    }

    private static List<List<String>> rows(String html) {
        List<List<String>> rows = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            rows.add(List.of(m.group(1), m.group(2)));
        }
        return rows;
    }

    /** The href of the first link whose tag holds the marker, with HTML entities undone. */
    private static String link(String html, String marker) {
        int at = html.indexOf(marker);
        assertThat(at).as("a link marked %s", marker).isNotNegative();
        int start = html.lastIndexOf("<a ", at);
        Matcher m = HREF.matcher(html.substring(start, html.indexOf('>', at)));
        assertThat(m.find()).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    private static String token(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a form token on the page").isTrue();
        return m.group(1);
    }

    private static List<String> scripts(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("<script([^>]*)>").matcher(html);
        while (m.find()) {
            Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(m.group(1));
            found.add(src.find() ? src.group(1) : "inline");
        }
        return found;
    }

    private static void rename(String tenant, String policyId, String name) throws SQLException {
        try (Connection c = app.server().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE policies SET display_name = ? WHERE tenant_id = ? AND id = ?")) {
            s.setString(1, name);
            s.setString(2, tenant);
            s.setString(3, policyId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void bidirectional_override_characters_from_a_run_are_shown_as_codes_not_applied() {
        String rlo = "\u202E";
        dev.opsruns.core.RunRegistry registry = app.server().ledger().registry();
        var principal = new dev.opsruns.core.Principal("contoso.owner", "Contoso Owner",
                java.util.Map.of(dev.opsruns.core.TenantId.of("contoso"), dev.opsruns.core.TenantRole.OWNER));
        dev.opsruns.core.Run run = registry.startOrReuse(dev.opsruns.core.StartRequest.byUser(principal,
                dev.opsruns.core.TenantId.of("contoso"), dev.opsruns.example.drift.DriftGeneration.RUN_TYPE,
                dev.opsruns.core.RunContext.of(java.util.Map.of("scope_key", "all_policies", "note", "exe." + rlo + "txt"))))
                .run();
        registry.markRunning(run.id());
        registry.fail(run.id(), dev.opsruns.core.ReasonCode.of("demo.bidi"), "renamed " + rlo + "fdp.exe");

        Reply page = app.page("contoso.owner", "/tenants/contoso/operations/" + run.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(rlo).contains("exe.[U+202E]txt");
        Reply list = app.page("contoso.owner", "/tenants/contoso/operations");
        assertThat(list.body()).doesNotContain(rlo);
    }
}
