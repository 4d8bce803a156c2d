package dev.opsruns.hub;

import static dev.opsruns.hub.host.HubScenario.ALICE;
import static dev.opsruns.hub.host.HubScenario.MALLORY;
import static dev.opsruns.hub.host.HubScenario.MORGAN;
import static dev.opsruns.hub.host.HubScenario.NORA;
import static dev.opsruns.hub.host.HubScenario.RITA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.core.Notification;
import dev.opsruns.hub.host.HubScenario;
import dev.opsruns.hub.host.PlainServletHost;
import dev.opsruns.testkit.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The hub mounted in a plain servlet container (Jetty 12) by a minimal host, over HTTP: sign-in by the
 * host, tenant isolation, bad input as 4xx, escaping, headers, the operator's columns, heartbeat,
 * grouped failures, search and the mark-read post. The browser test covers what needs a browser.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HubHttpTest {

    private final ManualClock clock = new ManualClock();
    private HubScenario scenario;
    private PlainServletHost host;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        scenario = new HubScenario(clock, () -> clock.advance(Duration.ofSeconds(30)));
        host = PlainServletHost.start(scenario.ledger(), HubScenario.USERS, HubScenario.runTypes());
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
    }

    private HttpResponse<String> get(String user, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(host.uri().resolve(path)).header("Accept", "text/html");
        if (user != null) {
            b.header("Cookie", PlainServletHost.COOKIE + "=" + host.session(user));
        }
        return send(b.GET().build());
    }

    private HttpResponse<String> post(String user, String path, String form, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(host.uri().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", PlainServletHost.COOKIE + "=" + host.session(user));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String list() {
        return PlainServletHost.BASE + "/tenants/contoso/operations";
    }

    private String run(dev.opsruns.core.Run run) {
        return PlainServletHost.BASE + "/tenants/" + run.tenantId().value() + "/operations/" + run.id();
    }

    private static String row(String body, dev.opsruns.core.Run run) {
        Matcher m = Pattern.compile("<tr data-run-id=\"" + run.id() + "\".*?</tr>", Pattern.DOTALL).matcher(body);
        assertThat(m.find()).as("row of " + run.id()).isTrue();
        return m.group();
    }

    @Test
    void a_caller_who_is_not_signed_in_is_sent_to_the_hosts_sign_in_and_comes_back() {
        HttpResponse<String> r = get(null, list() + "?bucket=failed");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue(
                "/sign-in?next=%2Fops%2Ftenants%2Fcontoso%2Foperations%3Fbucket%3Dfailed");
        HttpResponse<String> posted = send(HttpRequest.newBuilder(host.uri().resolve(PlainServletHost.BASE
                + "/tenants/contoso/notifications/read")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(posted.statusCode()).as("a post is not redirected: 401").isEqualTo(401);
    }

    @Test
    void the_list_shows_tab_counts_duration_the_failed_count_and_progress_by_outcome() {
        HttpResponse<String> r = get("alice", list());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'").contains("script-src 'self'").contains("style-src 'self'")
                .doesNotContain("unsafe"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String body = r.body();
        assertThat(body).contains("data-count-for=\"all\">4<").contains("data-count-for=\"failed\">1<")
                .contains("data-count-for=\"partially_succeeded\">1<").contains("data-count-for=\"running\">1<");
        String partial = row(body, scenario.partial);
        assertThat(partial).contains("class=\"num has-failed\">12<").contains("38 ok").contains("12 failed")
                .contains("class=\"bar-succeeded\" x=\"0\" y=\"0\" width=\"76.00\"")
                .contains("class=\"bar-failed\" x=\"76.00\" y=\"0\" width=\"24.00\"")
                .contains("<td class=\"duration\">30 s</td>");
        assertThat(row(body, scenario.succeeded)).contains("class=\"num\">0<").contains("50 / 50");
        assertThat(body).doesNotContain("fabrikam_scope").doesNotContain(scenario.foreign.id().toString());
        assertThat(body).contains("<time datetime=\"").contains(" UTC</time>");
    }

    @Test
    void a_tenant_without_a_role_is_403_and_another_tenants_run_is_404_like_an_unknown_one() {
        assertThat(get("nora", list()).statusCode()).isEqualTo(403);
        assertThat(get("alice", PlainServletHost.BASE + "/tenants/fabrikam/operations").statusCode()).isEqualTo(403);
        HttpResponse<String> foreign = get("alice", PlainServletHost.BASE + "/tenants/contoso/operations/" + scenario.foreign.id());
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("fabrikam_scope").contains("Run not found: there is no run with this id in this tenant.");
        assertThat(get("alice", run(scenario.foreign)).statusCode()).isEqualTo(403);
        assertThat(get("bob", run(scenario.foreign)).statusCode()).isEqualTo(200);
        assertThat(get("rita", list()).statusCode()).as("readonly may view").isEqualTo(200);
    }

    @Test
    void the_caller_is_checked_then_the_tenant_and_only_then_the_rest_of_the_request() {
        String fabrikam = PlainServletHost.BASE + "/tenants/fabrikam/operations";
        for (String path : List.of(fabrikam + "?bucket=done", fabrikam + "/not-a-run-id", fabrikam + "?colour=red",
                PlainServletHost.BASE + "/tenants/%20bad/operations")) {
            assertThat(get(null, path).statusCode()).as("not signed in: to the sign-in first: " + path).isEqualTo(303);
            HttpResponse<String> stranger = get("alice", path);
            assertThat(stranger.statusCode()).as("no role in the tenant (a malformed one included): " + path).isEqualTo(403);
            assertThat(stranger.body()).doesNotContain("There is no status").doesNotContain("is not a run id");
        }
        assertThat(get("bob", fabrikam + "?bucket=done").statusCode()).as("a member gets the validation").isEqualTo(400);
    }

    @Test
    void bad_parameters_are_refused_with_400_and_a_reason_never_500() {
        for (String path : List.of(list() + "?bucket=done", list() + "?colour=red", list() + "?limit=0", list() + "?range=1y",
                list() + "?range=custom&from=2026-02-01&to=2026-01-01", list() + "?cursor=bogus", list() + "?run=xyz",
                list() + "?reason=Not%20A%20Code", list() + "?type=no.such", list() + "?tz=Mars/Olympus",
                PlainServletHost.BASE + "/tenants/contoso/operations/not-a-run-id",
                run(scenario.partial) + "?reason=graph.unknown", run(scenario.partial) + "?colour=red")) {
            HttpResponse<String> r = get("alice", path);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.body()).as(path).contains("data-error-status=\"400\"").doesNotContain("Exception").doesNotContain("at dev.");
        }
        assertThat(get("alice", list() + "?bucket=done").body()).contains("There is no status \"done\". The statuses are: queued");
        assertThat(post("alice", list(), "").statusCode()).as("the list is view-only").isEqualTo(405);
        assertThat(get("alice", PlainServletHost.BASE + "/tenants/contoso/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void hostile_run_data_is_shown_as_text_and_script_urls_are_never_links() {
        String body = get("alice", run(scenario.hostile)).body();
        assertThat(body).doesNotContain(HubScenario.SCRIPT).doesNotContain("<img src=x").doesNotContain("<b>Mallory")
                .doesNotContain("javascript:");
        assertThat(body).contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;").contains("&lt;b&gt;Mallory&lt;/b&gt;");
        assertThat(body).as("text that may hold right-to-left overrides is isolated").contains("<bdi>&lt;b&gt;Mallory");
        assertThat(body).as("and bidirectional controls are shown as their code, not applied").doesNotContain("\u202E")
                .contains("&lt;/b&gt;[U+202E]gnp.exe");
        assertThat(body).contains("<a href=\"/drift/" + scenario.hostile.id() + "\">Drift findings</a>")
                .doesNotContain("Sneaky");
        String list = get("alice", list()).body();
        assertThat(list).doesNotContain("<b>Mallory").doesNotContain("\u202E").contains("?initiator=mallory");
    }

    @Test
    void a_running_run_whose_heartbeat_stopped_is_marked_late_with_its_age() {
        String before = get("alice", list()).body();
        assertThat(row(before, scenario.silent)).doesNotContain("data-late").contains("heartbeat just now");
        clock.advance(Duration.ofMinutes(5));
        String after = row(get("alice", list()).body(), scenario.silent);
        assertThat(after).contains("data-late=\"true\"").contains("Heartbeat late: 5 min ago");
        String detail = get("alice", run(scenario.silent)).body();
        assertThat(detail).contains("data-heartbeat-late").contains("No heartbeat for 5 min.").contains("run.stale");
        assertThat(get("alice", run(scenario.succeeded)).body()).doesNotContain("data-heartbeat-late")
                .doesNotContain("Last heartbeat");
    }

    @Test
    void item_failures_are_grouped_by_reason_code_biggest_first_and_one_reason_can_be_chosen() {
        String body = get("alice", run(scenario.partial)).body();
        List<String> groups = Pattern.compile("data-reason-group=\"([a-z._]+)\"").matcher(body).results().map(m -> m.group(1))
                .toList();
        assertThat(groups).containsExactly("graph.forbidden", "graph.throttled", "graph.not_found");
        assertThat(body).contains("Item failures <span class=\"muted\">(12)</span>")
                .contains("<code>graph.forbidden</code> <span class=\"tab-count\">5</span>")
                .doesNotContain("abc.def.ghi");
        String one = get("alice", run(scenario.partial) + "?reason=graph.throttled").body();
        assertThat(Pattern.compile("data-reason-group=\"([a-z._]+)\"").matcher(one).results().map(m -> m.group(1)).toList())
                .containsExactly("graph.throttled");
        assertThat(one).contains("policy-1-3").doesNotContain("policy-0-0")
                .contains("data-reason=\"graph.throttled\" aria-current=\"page\"");
    }

    @Test
    void search_by_run_id_prefix_initiator_and_reason_code_lives_in_the_url() {
        String id = scenario.partial.id().toString();
        String byId = get("alice", list() + "?run=" + id.substring(0, 23)).body();
        assertThat(byId).contains("data-run-id=\"" + id + "\"").contains("data-count-for=\"all\">1<")
                .contains("value=\"" + id.substring(0, 23) + "\"");
        String byInitiator = get("alice", list() + "?initiator=mallory").body();
        assertThat(Pattern.compile("<tr data-run-id=\"([^\"]+)\"").matcher(byInitiator).results().map(m -> m.group(1)).toList())
                .containsExactly(scenario.hostile.id().toString());
        String byReason = get("alice", list() + "?reason=graph.throttled").body();
        assertThat(Pattern.compile("<tr data-run-id=\"([^\"]+)\"").matcher(byReason).results().map(m -> m.group(1)).toList())
                .containsExactly(id);
        assertThat(byReason).contains("Clear filters").contains("with reason graph.throttled");
        String tab = get("alice", list() + "?reason=graph.forbidden&bucket=failed").body();
        assertThat(Pattern.compile("<tr data-run-id=\"([^\"]+)\"").matcher(tab).results().map(m -> m.group(1)).toList())
                .containsExactly(scenario.hostile.id().toString());
        assertThat(tab).as("tabs keep the search").contains("href=\"/ops/tenants/contoso/operations?bucket=partially_succeeded&amp;reason=graph.forbidden\"");
    }

    @Test
    void the_notifications_menu_counts_run_ends_folds_start_notices_and_offers_mark_read() {
        String body = get("alice", list()).body();
        assertThat(body).contains("<span class=\"count\" data-unread=\"2\">2 new</span>")
                .contains("start notices (queued or reused)").contains("Mark all read");
        List<Notification> alices = scenario.ledger().notifications().list(ALICE, HubScenario.CONTOSO, true, 50);
        assertThat(alices).hasSize(5);
    }

    @Test
    void marking_read_takes_a_same_origin_post_and_marks_only_the_callers_own_notifications() {
        String path = PlainServletHost.BASE + "/tenants/contoso/notifications/read";
        String back = "return=" + java.net.URLEncoder.encode(list() + "?bucket=failed", java.nio.charset.StandardCharsets.UTF_8);
        assertThat(post("alice", path, back).statusCode()).as("no Origin, no Sec-Fetch-Site").isEqualTo(403);
        assertThat(post("alice", path, back, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(post("alice", path, back, "Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(403);
        assertThat(post("alice", path, back, "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(unread(ALICE)).as("nothing was marked").isEqualTo(5);
        assertThat(get("alice", path).statusCode()).isEqualTo(405);

        String one = scenario.ledger().notifications().list(ALICE, HubScenario.CONTOSO, true, 50).get(0).id().toString();
        HttpResponse<String> single = post("alice", path, "id=" + one + "&" + back, "Sec-Fetch-Site", "same-origin");
        assertThat(single.statusCode()).isEqualTo(303);
        assertThat(single.headers().firstValue("Location")).hasValue(list() + "?bucket=failed");
        assertThat(unread(ALICE)).isEqualTo(4);
        HttpResponse<String> none = post("alice", path, back, "Sec-Fetch-Site", "same-origin");
        assertThat(none.statusCode()).isEqualTo(303);
        assertThat(unread(ALICE)).as("a post that names no notification marks none").isEqualTo(4);
        assertThat(post("alice", path, "all=true&id=" + one, "Sec-Fetch-Site", "same-origin").statusCode())
                .as("all and ids at once").isEqualTo(400);

        HttpResponse<String> all = post("alice", path, "all=true&return=https://evil.example/", "Origin", host.uri().toString());
        assertThat(all.statusCode()).isEqualTo(303);
        assertThat(all.headers().firstValue("Location")).as("only back into the hub").hasValue(list());
        assertThat(unread(ALICE)).isZero();
        assertThat(unread(MALLORY)).as("another user's notifications are untouched").isEqualTo(2);
        assertThat(post("alice", path, "id=nope", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(400);
        assertThat(post("nora", path, "", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(403);
        assertThat(get("alice", list()).body()).doesNotContain("new</span>").doesNotContain("Mark all read");
    }

    private int unread(dev.opsruns.core.Principal p) {
        return scenario.ledger().notifications().list(p, HubScenario.CONTOSO, true, 50).size();
    }

    @Test
    void the_start_page_lists_the_callers_tenants_and_goes_straight_to_a_single_one() {
        HttpResponse<String> one = get("alice", PlainServletHost.BASE + "/");
        assertThat(one.statusCode()).isEqualTo(302);
        assertThat(one.headers().firstValue("Location").orElseThrow()).endsWith(list());
        HttpResponse<String> two = get("morgan", PlainServletHost.BASE);
        assertThat(two.statusCode()).isEqualTo(200);
        assertThat(two.body()).contains("href=\"/ops/tenants/contoso/operations\"").contains("href=\"/ops/tenants/fabrikam/operations\"");
        assertThat(get("morgan", list()).body()).as("the switcher").contains("tenant-switcher");
        assertThat(MORGAN.roles()).hasSize(2);
        assertThat(RITA.roles()).hasSize(1);
        assertThat(get("nora", PlainServletHost.BASE + "/").body()).contains("You have no role in any tenant.");
    }

    @Test
    void the_hubs_own_assets_come_from_its_jar() {
        for (String asset : List.of("hub.css", "hub.js", "favicon.svg")) {
            HttpResponse<String> r = get(null, PlainServletHost.BASE + "/assets/" + asset);
            assertThat(r.statusCode()).as(asset).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(get(null, PlainServletHost.BASE + "/assets/secret.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void a_host_cannot_mount_a_broken_base_path_or_a_script_link() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunsHub.builder(scenario.ledger(), r -> java.util.Optional.empty())
                .basePath("ops")).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.opsruns.hub.spi.HostLink.to("x", "javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(URI.create(host.uri() + "/").getPath()).isEqualTo("/");
    }

    // ------------------------------------------------------------------ statistics

    private static String statistics() {
        return PlainServletHost.BASE + "/tenants/contoso/statistics";
    }

    /** @return the section of one run type on the statistics page */
    private static String section(String body, String runType) {
        Matcher m = Pattern.compile("<section class=\"card run-type-stats\" id=\"stats-" + Pattern.quote(runType)
                + "\".*?</section>", Pattern.DOTALL).matcher(body);
        assertThat(m.find()).as("section of " + runType).isTrue();
        return m.group();
    }

    private static List<String> all(String body, String regex) {
        return Pattern.compile(regex, Pattern.DOTALL).matcher(body).results().map(m -> m.group(1)).toList();
    }

    @Test
    void statistics_show_each_run_types_figures_reasons_and_two_charts_agreeing_with_the_data_table() {
        clock.advance(Duration.ofMinutes(1)); // the last run ended at the scenario's "now": let it into the window
        HttpResponse<String> r = get("alice", statistics());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'").contains("style-src 'self'").doesNotContain("unsafe"));
        String body = r.body();
        assertThat(body).contains("Showing all run types, last 24 hours, in intervals of 1 h.")
                .doesNotContain("data-statistics-empty").doesNotContain("style=").doesNotContain("<script>");
        assertThat(all(body, "data-run-type=\"([^\"]+)\"")).containsExactly("backup_set.add_policies", "drift.generate");

        String drift = section(body, "drift.generate");
        assertThat(drift).contains("<tr data-figure=\"started\"><th scope=\"row\">Started</th><td class=\"num\">2</td>")
                .containsPattern("data-figure=\"succeeded\">.*?<td class=\"num\">1</td><td class=\"num\" data-share>50.0%</td>")
                .containsPattern("data-figure=\"failed\">.*?<td class=\"num\">1</td><td class=\"num\" data-share>50.0%</td>")
                .containsPattern("data-figure=\"partially_succeeded\">.*?<td class=\"num\">0</td><td class=\"num\" data-share>0.0%</td>")
                .contains("<td class=\"num\">15 s</td><td class=\"num\">28.5 s</td><td class=\"num\">30 s</td>");
        assertThat(drift).as("the top failure reason leads to the failed runs with it")
                .contains("href=\"/ops/tenants/contoso/operations?bucket=failed&amp;type=drift.generate&amp;reason=graph.forbidden\" "
                        + "data-reason=\"graph.forbidden\"");
        String failedList = get("alice", list() + "?bucket=failed&type=drift.generate&reason=graph.forbidden").body();
        assertThat(all(failedList, "<tr data-run-id=\"([^\"]+)\"")).containsExactly(scenario.hostile.id().toString());

        // 24 hourly slots; every run ended in the last one, so one bar and one point, the rest gaps
        assertThat(all(drift, "<g class=\"bar\" data-slot=\"(\\d+)\"")).containsExactly("23");
        assertThat(all(drift, "<g class=\"point\" data-slot=\"(\\d+)\"")).containsExactly("23");
        assertThat(all(drift, "<polyline")).isEmpty();
        List<String> titles = all(drift, "<title>([^<]+)</title>");
        assertThat(titles).containsExactly("2026-01-15 08:32 UTC: 2 ended (1 succeeded, 0 partially succeeded, 1 failed)",
                "2026-01-15 08:32 UTC: p95 duration 28.5 s (2 ended)");
        List<String> rows = all(drift, "<table data-slots>.*?<tbody>(.*?)</tbody>");
        assertThat(all(rows.get(0), "(<tr>)")).hasSize(24);
        assertThat(rows.get(0)).contains("<tr><th scope=\"row\">2026-01-15 08:32 UTC</th><td class=\"num\">1</td>"
                + "<td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">28.5 s</td></tr>")
                .as("an interval without runs has no duration, not zero")
                .contains("<tr><th scope=\"row\">2026-01-15 07:32 UTC</th><td class=\"num\">0</td><td class=\"num\">0</td>"
                        + "<td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">—</td></tr>");
        assertThat(all(drift, "data-bucket=\"([a-z_]+)\" data-runs=\"1\"")).containsExactly("succeeded", "failed");
        assertThat(drift).contains("fill=\"url(#stats-fill-failed)\"").contains(">03:32</text>");
        assertThat(body).contains("<pattern id=\"stats-fill-failed\"");

        String backup = section(body, "backup_set.add_policies");
        assertThat(backup).contains("data-share>100.0%</td>").contains("data-no-reasons");
    }

    @Test
    void the_list_links_to_the_statistics_of_its_run_type_and_back() {
        assertThat(get("alice", list()).body()).contains("href=\"/ops/tenants/contoso/statistics\" data-statistics-link")
                .as("and the navigation does").contains("<a href=\"/ops/tenants/contoso/statistics\">Statistics</a>");
        assertThat(get("alice", list() + "?type=backup_set.add_policies").body())
                .contains("href=\"/ops/tenants/contoso/statistics?type=backup_set.add_policies\" data-statistics-link");
        String stats = get("alice", statistics() + "?type=backup_set.add_policies").body();
        assertThat(stats).contains("href=\"/ops/tenants/contoso/operations?type=backup_set.add_policies\" data-list-link")
                .contains("<a href=\"/ops/tenants/contoso/statistics\" aria-current=\"page\">Statistics</a>");
        assertThat(all(stats, "data-run-type=\"([^\"]+)\"")).containsExactly("backup_set.add_policies");
    }

    @Test
    void a_window_without_runs_shows_an_empty_state_not_empty_charts_and_so_does_an_unknown_run_type() {
        clock.advance(Duration.ofHours(2));
        String body = get("alice", statistics() + "?window=1h").body();
        assertThat(body).contains("data-statistics-empty").contains("No run started or ended in this window.")
                .doesNotContain("<svg class=\"chart-svg\"").doesNotContain("data-run-type=");
        HttpResponse<String> unknown = get("alice", statistics() + "?type=no.such");
        assertThat(unknown.statusCode()).as("an unknown run type is an empty result, not an error").isEqualTo(200);
        assertThat(unknown.body()).contains("data-statistics-empty").contains("No run of type")
                .contains("<option value=\"no.such\" selected>");
        String seven = get("alice", statistics() + "?window=7d").body();
        assertThat(seven).as("the same runs, two hours on").contains("data-run-type=\"drift.generate\"")
                .contains("in intervals of 6 h");
    }

    @Test
    void a_run_type_that_only_started_has_figures_but_nothing_to_chart() {
        clock.advance(Duration.ofMinutes(1));
        String body = get("bob", PlainServletHost.BASE + "/tenants/fabrikam/statistics").body();
        String drift = section(body, "drift.generate");
        assertThat(drift).contains("<td class=\"num\">1</td>").contains("data-no-chart").doesNotContain("<svg class=\"chart-svg\"");
    }

    @Test
    void statistics_of_a_custom_window_read_dates_as_the_list_does_and_end_now_at_the_latest() {
        clock.advance(Duration.ofMinutes(1));
        String body = get("alice", statistics() + "?window=custom&from=2026-01-15&to=2026-01-15").body();
        assertThat(body).contains("from 2026-01-15 00:00:00 UTC to 2026-01-15 09:32:30 UTC (now)")
                .contains("in intervals of 1 h").contains("value=\"2026-01-15\"");
        String earlier = get("alice", statistics() + "?from=2026-01-10&to=2026-01-12").body();
        assertThat(earlier).as("a window before the runs").contains("data-statistics-empty")
                .contains("from 2026-01-10 00:00:00 UTC to 2026-01-13 00:00:00 UTC, in intervals of 6 h.");
    }

    @Test
    void bad_statistics_input_is_refused_with_400_and_its_reason_never_500() {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("?window=2h", "is not a statistics window");
        refused.put("?window=custom&from=2026-01-14&to=2026-01-10", "The \"to\" date must be after the \"from\" date");
        refused.put("?window=custom&from=2026-01-20&to=2026-01-21", "The window starts in the future");
        refused.put("?from=2026-01-16", "The window starts in the future");
        refused.put("?window=custom&from=2024-11-01&to=2026-01-01", "statistics cover at most 366 days at once");
        refused.put("?window=custom&from=2025-09-01&to=2025-09-02", "ended runs are kept for 90 d only");
        refused.put("?window=custom", "A custom window needs a \"from\" date");
        refused.put("?window=7d&from=2026-01-01", "From and to dates apply only to a custom window");
        refused.put("?window=custom&from=yesterday", "is not a date");
        refused.put("?type=Not%20A%20Type", "is not a run type");
        refused.put("?colour=red", "This page does not take the parameter");
        refused.put("?window=1h&window=24h", "may be given once");
        refused.put("?from=2026-01-01&tz=Mars/Olympus", "is not a time zone");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            HttpResponse<String> r = get("alice", statistics() + e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(r.body()).as(e.getKey()).contains("data-error-status=\"400\"").contains(e.getValue())
                    .doesNotContain("Exception").doesNotContain("at dev.");
        }
        assertThat(post("alice", statistics(), "").statusCode()).as("the page is view-only").isEqualTo(405);
        assertThat(get("alice", statistics() + "/more").statusCode()).isEqualTo(404);
    }

    @Test
    void a_window_reaching_back_past_the_hosts_retention_is_refused() throws Exception {
        try (PlainServletHost weekly = PlainServletHost.start(scenario.ledger(), HubScenario.USERS, HubScenario.runTypes(),
                b -> b.retention(Duration.ofDays(7)))) {
            HttpResponse<String> month = send(HttpRequest.newBuilder(weekly.uri().resolve(statistics() + "?window=30d"))
                    .header("Cookie", PlainServletHost.COOKIE + "=" + weekly.session("alice")).GET().build());
            assertThat(month.statusCode()).isEqualTo(400);
            assertThat(month.body()).contains("ended runs are kept for 7 d only");
            HttpResponse<String> week = send(HttpRequest.newBuilder(weekly.uri().resolve(statistics() + "?window=7d"))
                    .header("Cookie", PlainServletHost.COOKIE + "=" + weekly.session("alice")).GET().build());
            assertThat(week.statusCode()).isEqualTo(200);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunsHub.builder(scenario.ledger(), r -> java.util.Optional.empty())
                .retention(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
    }

    @Test
    void another_tenants_statistics_are_refused_like_its_other_pages() {
        clock.advance(Duration.ofMinutes(1));
        String fabrikam = PlainServletHost.BASE + "/tenants/fabrikam/statistics";
        HttpResponse<String> r = get("alice", fabrikam);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("has no role in tenant").doesNotContain("data-run-type");
        assertThat(get("alice", fabrikam + "?window=2h").statusCode()).as("the tenant is checked before the input").isEqualTo(403);
        assertThat(get("nora", statistics()).statusCode()).isEqualTo(403);
        assertThat(get(null, statistics()).statusCode()).as("to the sign-in").isEqualTo(303);
        assertThat(get("rita", statistics()).statusCode()).as("readonly may view").isEqualTo(200);
        assertThat(get("bob", fabrikam).body()).contains("data-run-type=\"drift.generate\"")
                .doesNotContain("data-run-type=\"backup_set.add_policies\"");
    }

    // ------------------------------------------------------------------ new failures since the last visit

    private dev.opsruns.core.RunId failNewRun(String scope) {
        clock.advance(Duration.ofMinutes(1));
        dev.opsruns.core.RunId id = scenario.startRunning(scope);
        scenario.ledger().registry().fail(id, dev.opsruns.core.ReasonCode.of("graph.throttled"), "throttled");
        clock.advance(Duration.ofSeconds(1)); // a visit at the very instant of a failure would count it as new
        return id;
    }

    @Test
    void the_list_counts_new_failures_since_the_callers_last_visit_and_links_to_them() {
        clock.advance(Duration.ofSeconds(1)); // past the scenario's last failure
        assertThat(get("alice", list()).body()).as("a first visit has nothing to be new since").doesNotContain("data-new-failures");
        java.time.Instant visited = clock.instant();
        dev.opsruns.core.RunId first = failNewRun("new-1");
        dev.opsruns.core.RunId second = failNewRun("new-2");
        scenario.ledger().registry().finish(scenario.startRunning("fine"));

        String body = get("alice", list() + "?type=backup_set.add_policies").body();
        assertThat(body).contains("data-new-failures=\"2\"").contains("<strong>2 new failures since your last visit</strong>");
        String link = "/ops/tenants/contoso/operations?bucket=failed&ended_from=" + visited;
        assertThat(body).contains("href=\"" + link.replace("&", "&amp;").replace(":", "%3A") + "\" data-new-failures-link");

        String listed = get("alice", link).body();
        assertThat(all(listed, "<tr data-run-id=\"([^\"]+)\"")).as("only the failures since the visit, newest first")
                .containsExactly(second.toString(), first.toString());
        assertThat(listed).as("viewing the list was the visit").doesNotContain("data-new-failures=")
                .contains("ended since 2026-01-15 09:31:31 UTC").contains("name=\"ended_from\" value=\"" + visited + "\"");
        failNewRun("new-3");
        assertThat(get("alice", list()).body()).contains("<strong>1 new failure since your last visit</strong>");
        assertThat(get("alice", list()).body()).doesNotContain("data-new-failures=");
    }

    @Test
    void the_pages_own_auto_refresh_is_not_a_visit() {
        clock.advance(Duration.ofSeconds(1));
        get("alice", list());
        java.time.Instant visited = clock.instant();
        failNewRun("while-watching");

        HttpResponse<String> refreshed = send(HttpRequest.newBuilder(host.uri().resolve(list()))
                .header("Accept", "text/html").header("X-Opsruns-Refresh", "list")
                .header("Cookie", PlainServletHost.COOKIE + "=" + host.session("alice")).GET().build());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(scenario.ledger().queries().newFailures(HubScenario.ALICE, HubScenario.CONTOSO).lastVisit())
                .as("the refresh left the visit where the page load put it").contains(visited);
        assertThat(get("alice", list()).body()).contains("<strong>1 new failure since your last visit</strong>");
    }

    @Test
    void new_failures_are_counted_per_user_and_a_bad_ended_from_is_a_400() {
        clock.advance(Duration.ofSeconds(1));
        get("alice", list());
        failNewRun("for-rita");
        assertThat(get("rita", list()).body()).as("rita's first visit").doesNotContain("data-new-failures");
        assertThat(get("alice", list()).body()).contains("data-new-failures=\"1\"");
        failNewRun("again");
        assertThat(get("rita", list()).body()).contains("data-new-failures=\"1\"");
        assertThat(get("alice", statistics()).body()).as("only the list counts as a visit").doesNotContain("data-new-failures");
        assertThat(get("alice", list()).body()).contains("data-new-failures=\"1\"");
        HttpResponse<String> bad = get("alice", list() + "?ended_from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("must be a time with offset");
        assertThat(get("alice", list() + "?ended_from=%2B20000-01-01T00:00:00Z").statusCode()).isEqualTo(400);
    }
}
