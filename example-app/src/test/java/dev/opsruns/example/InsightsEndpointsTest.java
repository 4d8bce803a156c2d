package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.RunningApp;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The insight endpoints: statistics over a named window or a range, and "new failures since your last
 * visit" with marking the tenant visited. Checks in the same order as every tenant route (401, 403, 400),
 * every bad input a 400 with a reason and never a 500.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class InsightsEndpointsTest extends AppScenario {

    private static final String STATS = "/api/tenants/contoso/statistics";
    private static final String NEW_FAILURES = "/api/tenants/contoso/failures/new";
    private static final String VISITED = "/api/tenants/contoso/failures/visited";

    private static String failedDrift() {
        Reply start = startDrift("contoso.operator", "contoso", "scripts"); // the demo's scope whose generation fails
        assertThat(start.status()).as(start.toString()).isEqualTo(202);
        String id = start.json().path("run").path("id").asText();
        assertThat(app.awaitEnded("contoso.operator", "contoso", id).path("run").path("bucket").asText()).isEqualTo("failed");
        return id;
    }

    private static JsonNode ok(Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static void assertBadRequest(Reply r, String field, String says) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(r.json().path("field").asText()).as(r.toString()).isEqualTo(field);
        assertThat(r.json().path("message").asText()).as(r.toString()).contains(says);
    }

    private static String range(Instant from, Instant to) {
        return STATS + "?from=" + from + "&to=" + to;
    }

    // ------------------------------------------------------------------ statistics

    @Test
    void a_named_window_reports_each_run_type_with_its_figures() {
        failedDrift();
        JsonNode body = ok(app.get("contoso.readonly", STATS + "?window=1h"));
        assertThat(body.path("tenant_id").asText()).isEqualTo("contoso");
        assertThat(body.path("window").path("step_seconds").asLong()).isEqualTo(300);
        JsonNode drift = null;
        for (JsonNode t : body.path("run_types")) {
            if (t.path("run_type").asText().equals("drift.generate")) {
                drift = t;
            }
        }
        assertThat(drift).as(body.toString()).isNotNull();
        assertThat(drift.path("ended").path("failed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(drift.path("failure_rate").isNumber()).isTrue();
        assertThat(drift.path("duration").path("p95_ms").isNumber()).as(drift.toString()).isTrue();
        assertThat(drift.path("top_failure_reasons").size()).isGreaterThanOrEqualTo(1);
        assertThat(drift.path("series").size()).isEqualTo(12);
    }

    @Test
    void without_a_window_the_last_24_hours_are_read() {
        JsonNode body = ok(app.get("contoso.readonly", STATS));
        assertThat(Duration.between(Instant.parse(body.path("window").path("from").asText()),
                Instant.parse(body.path("window").path("to").asText()))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void an_interval_with_no_ended_runs_has_null_durations_and_rates_never_zero() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        app.gate().hold(); // the run stays queued: started in the window, never ended
        Reply queued = addPolicies("contoso.operator", "contoso", DemoSeeder.backupSetId("contoso", 2), "contoso-pol-002");
        assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
        JsonNode body = ok(app.get("contoso.readonly", range(from, from.plus(Duration.ofMinutes(10)))
                + "&type=backup_set.add_policies"));
        assertThat(body.path("run_types").size()).as(body.toString()).isEqualTo(1);
        JsonNode backup = body.path("run_types").get(0);
        assertThat(backup.path("started").asLong()).isEqualTo(1);
        assertThat(backup.path("ended_total").asLong()).isZero();
        for (String field : new String[] {"duration", "queue_latency", "success_rate", "partial_rate", "failure_rate"}) {
            assertThat(backup.has(field)).as(field).isTrue();
            assertThat(backup.path(field).isNull()).as(field + " in " + backup).isTrue();
        }
        for (JsonNode slot : backup.path("series")) {
            assertThat(slot.has("p95_duration_ms")).isTrue();
            assertThat(slot.path("p95_duration_ms").isNull()).as(slot.toString()).isTrue();
        }
    }

    @Test
    void an_unknown_run_type_gives_an_empty_result_and_a_malformed_one_is_400() {
        JsonNode body = ok(app.get("contoso.readonly", STATS + "?window=7d&type=no_such.type"));
        assertThat(body.path("run_types").isArray()).isTrue();
        assertThat(body.path("run_types").size()).isZero();
        assertBadRequest(app.get("contoso.readonly", STATS + "?type=Not%20A%20Type"), "runType", "");
    }

    @Test
    void an_unknown_window_is_400_naming_the_accepted_ones() {
        assertBadRequest(app.get("contoso.readonly", STATS + "?window=2h"), "window", "1h, 24h, 7d, 30d");
    }

    @Test
    void a_reversed_or_empty_range_is_400() {
        Instant now = Instant.now();
        assertBadRequest(app.get("contoso.readonly", range(now, now.minus(Duration.ofHours(1)))), "to", "after");
        assertBadRequest(app.get("contoso.readonly", range(now, now)), "to", "after");
    }

    @Test
    void half_a_range_or_a_range_with_a_window_is_400() {
        Instant now = Instant.now();
        assertBadRequest(app.get("contoso.readonly", STATS + "?from=" + now), "to", "both");
        assertBadRequest(app.get("contoso.readonly", range(now.minusSeconds(60), now) + "&window=1h"), "window", "not both");
        assertBadRequest(app.get("contoso.readonly", STATS + "?from=yesterday&to=" + now), "from", "ISO-8601");
    }

    @Test
    void a_window_in_the_future_is_400() {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        assertBadRequest(app.get("contoso.readonly", range(later, later.plus(Duration.ofHours(1)))), "window", "future");
    }

    @Test
    void a_range_longer_than_the_apps_retention_is_400() {
        Instant now = Instant.now();
        Duration retention = app.server().config().retention();
        assertBadRequest(app.get("contoso.readonly", range(now.minus(retention).minusSeconds(1), now)), "to", "retention");
        ok(app.get("contoso.readonly", range(now.minus(retention), now)));
    }

    @Test
    void a_range_longer_than_the_statistics_maximum_is_400_even_when_runs_are_kept_longer() {
        try (RunningApp keepsLong = RunningApp.start(database, null, b -> b.retention(Duration.ofDays(1000)))) {
            Instant now = Instant.now();
            Reply r = keepsLong.get("contoso.readonly", range(now.minus(Duration.ofDays(367)), now));
            assertBadRequest(r, "to", "366 days");
            assertThat(keepsLong.get("contoso.readonly", range(now.minus(Duration.ofDays(366)), now)).status()).isEqualTo(200);
        }
    }

    @Test
    void statistics_check_the_caller_then_the_tenant_then_the_parameters() {
        assertThat(app.get(null, STATS + "?window=2h").status()).isEqualTo(401);
        Reply foreign = app.get("fabrikam.owner", STATS + "?window=2h");
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        assertBadRequest(app.get("contoso.readonly", STATS + "?windows=1h"), "windows", "unknown query parameter");
    }

    // ------------------------------------------------------------------ new failures since the last visit

    @Test
    void new_failures_count_the_failures_since_the_callers_last_visit() {
        String user = "contoso.manager";
        JsonNode first = ok(app.get(user, NEW_FAILURES));
        assertThat(first.has("last_visit")).isTrue();
        assertThat(first.path("last_visit").isNull()).as(first.toString()).isTrue();
        assertThat(first.path("count").asLong()).isZero();

        failedDrift(); // before the visit: not new
        Reply visited = app.post(user, VISITED, "");
        assertThat(visited.status()).as(visited.toString()).isEqualTo(204);
        JsonNode after = ok(app.get(user, NEW_FAILURES));
        Instant lastVisit = Instant.parse(after.path("last_visit").asText());
        assertThat(after.path("count").asLong()).isZero();

        failedDrift();
        failedDrift();
        JsonNode later = ok(app.get(user, NEW_FAILURES));
        assertThat(later.path("count").asLong()).as(later.toString()).isEqualTo(2);
        assertThat(Instant.parse(later.path("last_visit").asText())).isEqualTo(lastVisit);

        assertThat(app.post(user, VISITED, "{}").status()).isEqualTo(204);
        assertThat(ok(app.get(user, NEW_FAILURES)).path("count").asLong()).isZero();
    }

    @Test
    void each_user_has_a_visit_of_their_own() {
        assertThat(app.post("contoso.owner", VISITED, "").status()).isEqualTo(204);
        JsonNode other = ok(app.get("contoso.operator", NEW_FAILURES));
        assertThat(other.path("last_visit").isNull()).as(other.toString()).isTrue();
        assertThat(ok(app.get("contoso.owner", NEW_FAILURES)).path("last_visit").isTextual()).isTrue();
    }

    @Test
    void another_tenant_is_403_for_both_endpoints_and_no_caller_is_401() {
        assertThat(app.get("fabrikam.owner", NEW_FAILURES).status()).isEqualTo(403);
        assertThat(app.post("fabrikam.owner", VISITED, "").status()).isEqualTo(403);
        assertThat(app.get(null, NEW_FAILURES).status()).isEqualTo(401);
        assertThat(app.post(null, VISITED, "").status()).isEqualTo(401);
    }

    @Test
    void bad_input_on_the_visit_endpoints_is_400() {
        assertBadRequest(app.get("contoso.readonly", NEW_FAILURES + "?since=now"), "since", "unknown query parameter");
        assertBadRequest(app.post("contoso.readonly", VISITED, "{\"at\":\"2026-01-01T00:00:00Z\"}"), "at", "unknown field");
        JsonNode untouched = ok(app.get("contoso.readonly", NEW_FAILURES));
        assertThat(untouched.path("last_visit").isNull()).as("a refused visit records nothing: " + untouched).isTrue();
    }

    @Test
    void a_cookie_authenticated_visit_passes_the_cross_site_guard_only_from_the_apps_own_pages() {
        String user = DemoSeeder.MULTI_TENANT_USER;
        String cookie = app.signIn(user);
        Reply foreign = app.send(HttpRequest.newBuilder(app.uri(VISITED)).header("Cookie", cookie)
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        assertThat(foreign.json().path("error").asText()).isEqualTo("cross_site_request");
        assertThat(ok(app.get(user, NEW_FAILURES)).path("last_visit").isNull()).as("the refused visit recorded nothing").isTrue();

        Reply own = app.send(HttpRequest.newBuilder(app.uri(VISITED)).header("Cookie", cookie)
                .header("Origin", app.origin()).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(own.status()).as(own.toString()).isEqualTo(204);
        assertThat(ok(app.get(user, NEW_FAILURES)).path("last_visit").isTextual()).isTrue();
    }
}
