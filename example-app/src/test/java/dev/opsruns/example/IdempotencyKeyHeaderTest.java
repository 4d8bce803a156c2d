package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code Idempotency-Key} header on the producer endpoints, as draft-ietf-httpapi-idempotency-key-header
 * asks: a retry with the same key and body gets the same run, a key reused with another body is 422,
 * a malformed key is 400 and starts nothing.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class IdempotencyKeyHeaderTest extends AppScenario {

    private static final String HEADER = "Idempotency-Key";

    private static String policiesPath(String set) {
        return "/api/tenants/contoso/backup-sets/" + set + "/policies";
    }

    private static Reply addPolicies(String key, String set, String policiesJson) {
        return app.post("contoso.operator", policiesPath(set), "{\"policy_ids\":" + policiesJson + "}", HEADER, key);
    }

    @Test
    void the_same_key_and_body_answers_with_the_same_run_even_after_it_ended() {
        String set = DemoSeeder.backupSetId("contoso", 1).toString();
        String key = "\"" + UUID.randomUUID() + "\"";
        Reply first = addPolicies(key, set, "[\"contoso-pol-001\"]");
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        String id = first.json().path("run").path("id").asText();
        app.awaitEnded("contoso.operator", "contoso", id);

        Reply again = addPolicies(key, set, "[\"contoso-pol-001\"]");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("reused").asBoolean()).isTrue();
        assertThat(again.json().path("run").path("id").asText()).isEqualTo(id);
    }

    @Test
    void a_key_reused_with_another_body_is_422_on_both_endpoints() {
        String set = DemoSeeder.backupSetId("contoso", 1).toString();
        String key = UUID.randomUUID().toString(); // the bare form many clients send
        assertThat(addPolicies(key, set, "[\"contoso-pol-002\"]").status()).isEqualTo(202);

        Reply changed = addPolicies(key, set, "[\"contoso-pol-003\"]");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(422);
        assertThat(changed.json().path("error").asText()).isEqualTo("idempotency_key_mismatch");

        Reply drift = app.post("contoso.operator", "/api/tenants/contoso/drift/generate",
                "{\"scope_key\":\"all_policies\"}", HEADER, key);
        assertThat(drift.status()).as(drift.toString()).isEqualTo(422);
    }

    @Test
    void drift_generation_with_a_key_is_started_once() {
        String key = "\"drift-" + UUID.randomUUID() + "\"";
        Reply first = app.post("contoso.operator", "/api/tenants/contoso/drift/generate",
                "{\"scope_key\":\"all_policies\"}", HEADER, key);
        assertThat(first.status()).as(first.toString()).isIn(200, 202);
        Reply again = app.post("contoso.operator", "/api/tenants/contoso/drift/generate",
                "{\"scope_key\":\"all_policies\"}", HEADER, key);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("run").path("id").asText()).isEqualTo(first.json().path("run").path("id").asText());
    }

    @Test
    void a_malformed_key_is_400_naming_the_header_and_starts_nothing() {
        String set = DemoSeeder.backupSetId("contoso", 1).toString();
        long before = counts("contoso.owner", "contoso").path("total").asLong();
        for (String bad : new String[] {"\"\"", "   ", "k".repeat(256), "\"a\\\"b\""}) {
            Reply r = addPolicies(bad, set, "[\"contoso-pol-004\"]");
            assertThat(r.status()).as(bad + " -> " + r).isEqualTo(400);
            assertThat(r.json().path("field").asText()).isEqualTo(HEADER);
        }
        assertThat(counts("contoso.owner", "contoso").path("total").asLong()).isEqualTo(before);
    }
}
