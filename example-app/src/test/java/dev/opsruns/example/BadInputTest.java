package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input is refused with a JSON error that says what is accepted (400, 404, 413 or 415), and
 * nothing is written: after every test the runs, notifications and backup items are as before.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class BadInputTest extends AppScenario {

    private static final String USER = "contoso.operator";
    private static final String DRIFT = "/api/tenants/contoso/drift/generate";
    private static final String SET = DemoSeeder.backupSetId("contoso", 1).toString();
    private static final String ADD = "/api/tenants/contoso/backup-sets/" + SET + "/policies";

    private List<String> before;

    @BeforeEach
    void rememberState() {
        before = state();
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void malformed_json_bodies_are_400() {
        assertRefused(app.post(USER, DRIFT, "{\"scope_key\": "), 400, "not valid JSON", "scope_key");
        assertRefused(app.post(USER, DRIFT, "[\"all_policies\"]"), 400, "must be a JSON object", "scope_key");
        assertRefused(app.post(USER, DRIFT, ""), 400, "must be a JSON object", "scope_key");
        assertRefused(app.post(USER, DRIFT, "{\"scope_key\":\"a\",\"scope_key\":\"b\"}"), 400, "duplicate field", "scope_key");
        assertRefused(app.post(USER, DRIFT, "{\"scope_key\":\"all_policies\"} trailing"), 400, "not valid JSON", "scope_key");
    }

    @Test
    void unknown_fields_and_wrong_types_are_400_naming_what_is_accepted() {
        assertRefused(app.post(USER, DRIFT, "{\"scope_key\":\"all_policies\",\"force\":true}"), 400,
                "unknown field 'force'", "accepted fields: scope_key");
        assertRefused(app.post(USER, DRIFT, "{\"scope_key\":42}"), 400, "must be a string", "scope key");
        assertRefused(app.post(USER, DRIFT, "{\"scope_key\":\"All Policies!\"}"), 400, "[a-z][a-z0-9_]*");
        assertRefused(app.post(USER, DRIFT, "{}"), 400, "'scope_key' is required");
        assertRefused(app.post(USER, ADD, "{\"policy_ids\":\"contoso-pol-001\"}"), 400, "must be a list of 1-200 strings", "but was a string");
        assertRefused(app.post(USER, ADD, "{\"policy_ids\":[1,2]}"), 400, "element 0 was a number");
        assertRefused(app.post(USER, ADD, "{\"policy_ids\":[\"contoso pol 1\"]}"), 400, "letters, digits");
        assertRefused(app.post(USER, ADD, "{\"policyIds\":[\"contoso-pol-001\"]}"), 400, "unknown field 'policyIds'", "policy_ids");
    }

    @Test
    void an_empty_list_unknown_or_foreign_policies_and_foreign_or_malformed_backup_sets_are_refused() {
        assertRefused(app.post(USER, ADD, "{\"policy_ids\":[]}"), 400, "1-200", "had 0 element(s)");
        assertRefused(app.post(USER, ADD, "{\"policy_ids\":[\"contoso-pol-001\",\"contoso-pol-999\",\"fabrikam-pol-002\"]}"),
                400, "2 id(s) not in tenant contoso", "contoso-pol-999", "fabrikam-pol-002", "/policies");
        StringBuilder tooMany = new StringBuilder("{\"policy_ids\":[");
        for (int i = 0; i < 201; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"p-").append(i).append('"');
        }
        assertRefused(app.post(USER, ADD, tooMany.append("]}").toString()), 400, "1-200", "201");
        String foreignSet = "/api/tenants/contoso/backup-sets/" + DemoSeeder.backupSetId("fabrikam", 1) + "/policies";
        assertRefused(app.post(USER, foreignSet, "{\"policy_ids\":[\"contoso-pol-001\"]}"), 404, "not found in tenant contoso");
        assertRefused(app.post(USER, "/api/tenants/contoso/backup-sets/not-a-uuid/policies", "{\"policy_ids\":[\"contoso-pol-001\"]}"),
                400, "must be a UUID");
    }

    @Test
    void bodies_over_the_cap_are_413_and_other_content_types_415() {
        String huge = "{\"scope_key\":\"" + "a".repeat(70 * 1024) + "\"}";
        assertRefused(app.post(USER, DRIFT, huge), 413, "at most 65536 bytes");
        Reply chunked = app.send(HttpRequest.newBuilder(app.uri(DRIFT))
                .header("Authorization", "Bearer " + app.token(USER))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes()))));
        assertRefused(chunked, 413, "at most 65536 bytes");
        Reply form = app.send(HttpRequest.newBuilder(app.uri(DRIFT))
                .header("Authorization", "Bearer " + app.token(USER))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scope_key=all_policies")));
        assertRefused(form, 415, "application/json");
    }

    @Test
    void bad_filters_cursors_and_ids_are_400() {
        String runs = "/api/tenants/contoso/runs";
        assertRefused(app.get(USER, runs + "?bucket=done"), 400, "queued, running, succeeded, partially_succeeded, failed");
        assertRefused(app.get(USER, runs + "?type=inventory.sync"), 400, "backup_set.add_policies, drift.generate");
        assertRefused(app.get(USER, runs + "?type=Not-A-Type"), 400, "resource.action");
        assertRefused(app.get(USER, runs + "?from=yesterday"), 400, "ISO-8601", "2026-01-15T09:30:00Z");
        assertRefused(app.get(USER, runs + "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"), 400, "must be after from");
        assertRefused(app.get(USER, runs + "/counts?from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z"), 400, "must be after from");
        assertRefused(app.get(USER, runs + "?limit=0"), 400, "1-200");
        assertRefused(app.get(USER, runs + "?limit=500"), 400, "1-200");
        assertRefused(app.get(USER, runs + "?limit=ten"), 400, "1-200");
        assertRefused(app.get(USER, runs + "?buckets=failed"), 400, "unknown query parameter 'buckets'", "bucket");
        assertRefused(app.get(USER, runs + "/not-a-uuid"), 400, "must be a UUID");
        assertRefused(app.get(USER, runs + "/6f9619ff-8b86-d011-b42d-00c04fc964ff"), 400, "version 7");
        assertRefused(app.get(USER, runs + "/01890a5d-ac96-774b-bcce-b302099a8057"), 404, "not found");
        // A malformed tenant is one nobody has a role in: 403 like a foreign tenant, not a validation lesson.
        assertRefused(app.get(USER, "/api/tenants/" + "x".repeat(65) + "/runs"), 403, "has no role in tenant");
        assertRefused(app.get(USER, "/api/tenants/contoso/notifications?unread_only=maybe"), 400, "true or false");
    }

    @Test
    void a_tampered_cursor_is_400() {
        startDrift(USER, "contoso", "all_policies");
        app.gate().release();
        app.awaitQuiet();
        startDrift(USER, "contoso", "all_policies");
        app.awaitQuiet();
        before = state(); // the two runs above are this test's setup
        JsonNode page = app.get(USER, "/api/tenants/contoso/runs?limit=1").json();
        String cursor = page.path("older_cursor").asText();
        assertThat(cursor).isNotEmpty();
        char last = cursor.charAt(cursor.length() - 2);
        String tampered = cursor.substring(0, cursor.length() - 2) + (last == 'A' ? 'B' : 'A') + cursor.charAt(cursor.length() - 1);

        assertRefused(app.get(USER, "/api/tenants/contoso/runs?limit=1&cursor=" + tampered), 400, "cursor");
        assertRefused(app.get(USER, "/api/tenants/contoso/runs?limit=1&cursor=garbage"), 400, "cursor");
        assertRefused(app.get("fabrikam.owner", "/api/tenants/fabrikam/runs?limit=1&cursor=" + cursor), 400, "cursor");
        assertThat(app.get(USER, "/api/tenants/contoso/runs?limit=1&cursor=" + cursor).status()).isEqualTo(200);
    }

    @Test
    void times_outside_years_1_to_9999_are_400_not_a_database_error() {
        String runs = "/api/tenants/contoso/runs";
        for (String bound : List.of("to=%2B999999999-12-31T23:59:59Z", "from=-999999999-01-01T00:00:00%2B18:00",
                "from=%2B294277-01-01T00:00:00Z", "to=-4714-11-24T00:00:00Z", "from=0000-12-31T23:59:59Z",
                "to=%2B10000-01-01T00:00:00.000001Z")) {
            assertRefused(app.get(USER, runs + "?" + bound), 400, "must be a time between");
            assertRefused(app.get(USER, runs + "/counts?" + bound), 400, "must be a time between");
        }
        String page = "/tenants/contoso/operations";
        for (String bound : List.of("range=custom&to=%2B999999999-12-31", "range=custom&from=-999999999-01-01",
                "range=custom&from=0001-01-01T00:30&tz=Etc%2FGMT-14", "range=30d&at=0001-01-15T00:00:00Z",
                "range=7d&at=%2B999999999-12-31T23:59:59Z", "range=custom&from=-999999999-01-01T00:00:00%2B18:00")) {
            Reply r = app.page(USER, page + "?" + bound);
            assertThat(r.status()).as(bound + " -> " + r).isEqualTo(400);
            assertThat(r.body()).as(bound).contains("must be a time between");
        }
        // The widest accepted bounds work on every store.
        assertThat(app.get(USER, runs + "?from=0001-01-01T00:00:00Z&to=%2B10000-01-01T00:00:00Z").status()).isEqualTo(200);
        assertThat(state()).as("the refusals and the API read wrote nothing").isEqualTo(before);
        assertThat(app.page(USER, page + "?range=custom&from=0001-01-01&to=9999-12-31").status()).isEqualTo(200);
        before = state(); // a list page shown records the caller's visit (the new-failures banner's); a refusal never does
    }

    @Test
    void a_well_formed_cursor_whose_time_overflows_is_400_not_a_database_or_arithmetic_error() throws Exception {
        startDrift(USER, "contoso", "all_policies");
        app.gate().release();
        app.awaitQuiet();
        startDrift(USER, "contoso", "all_policies");
        app.awaitQuiet();
        before = state(); // the two runs above are this test's setup
        String cursor = app.get(USER, "/api/tenants/contoso/runs?limit=1").json().path("older_cursor").asText();
        assertThat(cursor).isNotEmpty();
        for (long micros : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -62_135_596_800_000_001L, 253_402_300_800_000_001L}) {
            for (byte direction : new byte[] {0, 1}) {
                String crafted = withPosition(cursor, direction, micros);
                assertRefused(app.get(USER, "/api/tenants/contoso/runs?limit=1&cursor=" + crafted), 400, "cursor");
                Reply page = app.page(USER, "/tenants/contoso/operations?limit=1&cursor=" + crafted);
                assertThat(page.status()).as("page with cursor at %d µs -> %s", micros, page).isEqualTo(400);
            }
        }
    }

    /** A cursor as the library writes it, moved to another position: its checksum is not a secret. */
    private static String withPosition(String cursor, byte direction, long micros) throws Exception {
        byte[] b = java.util.Base64.getUrlDecoder().decode(cursor);
        b[1] = direction;
        java.nio.ByteBuffer.wrap(b).putLong(2, micros);
        byte[] sum = java.security.MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOf(b, b.length - 4));
        System.arraycopy(sum, 0, b, b.length - 4, 4);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Test
    void unknown_routes_methods_and_missing_credentials_answer_json_too() {
        assertRefused(app.get(USER, "/api/nothing-here"), 404, "GET /api");
        Reply delete = app.send(HttpRequest.newBuilder(app.uri("/api/tenants/contoso/runs"))
                .header("Authorization", "Bearer " + app.token(USER)).DELETE());
        assertRefused(delete, 404, "no endpoint DELETE");
        assertRefused(app.get(null, "/api/tenants/contoso/runs"), 401, "Bearer");
        Reply basic = app.send(HttpRequest.newBuilder(app.uri("/api/tenants/contoso/runs")).header("Authorization", "Basic YTpi"));
        assertRefused(basic, 401, "Bearer <token>");
        Reply unknownToken = app.send(HttpRequest.newBuilder(app.uri("/api/tenants/contoso/runs"))
                .header("Authorization", "Bearer demo-not-a-token"));
        assertRefused(unknownToken, 401, "unknown bearer token");
        assertThat(unknownToken.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    private static void assertRefused(Reply r, int status, String... messageParts) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).as(r.toString()).startsWith("application/json");
        JsonNode error = r.json();
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("error").asText()).isNotBlank();
        assertThat(error.path("message").asText()).as(r.toString()).contains(messageParts);
    }

    /** Everything a refused request could have written, as text. */
    private static List<String> state() {
        return app.allRows().stream().filter(row -> !row.toLowerCase(java.util.Locale.ROOT).contains("schema_history:"))
                .sorted().toList();
    }
}
