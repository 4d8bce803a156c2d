package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.CredentialScan;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Adding policies to a backup set: one item per policy, per-item failures from the demo cloud (not
 * found, forbidden, throttled until the retries give up) make a partially succeeded run, and the
 * credentials in the cloud's error texts appear in no response, row or notification.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class BackupSetFlowTest extends AppScenario {

    @Test
    void policies_that_fail_in_the_cloud_make_a_partially_succeeded_run_with_sanitized_item_failures() {
        String set = DemoSeeder.backupSetId("contoso", 1).toString();
        Reply start = addPolicies("contoso.manager", "contoso", set,
                "contoso-pol-011", "contoso-pol-001", "contoso-pol-008", "contoso-pol-002", "contoso-pol-005",
                "contoso-pol-003", "contoso-pol-001");

        assertThat(start.status()).as(start.toString()).isEqualTo(202);
        JsonNode context = start.json().path("run").path("context");
        assertThat(context.path("backup_set_id").asText()).isEqualTo(set);
        assertThat(texts(context.path("policy_ids"))).containsExactly("contoso-pol-001", "contoso-pol-002",
                "contoso-pol-003", "contoso-pol-005", "contoso-pol-008", "contoso-pol-011");
        String id = start.json().path("run").path("id").asText();

        JsonNode detail = app.awaitEnded("contoso.manager", "contoso", id);

        JsonNode run = detail.path("run");
        assertThat(run.path("status").asText()).isEqualTo("completed_with_errors");
        assertThat(run.path("bucket").asText()).isEqualTo("partially_succeeded");
        assertThat(run.path("counts").path("total").asLong()).isEqualTo(6);
        assertThat(run.path("counts").path("succeeded").asLong()).isEqualTo(3);
        assertThat(run.path("counts").path("failed").asLong()).isEqualTo(3);
        Map<String, String> reasons = new TreeMap<>();
        detail.path("item_failures").forEach(f -> reasons.put(f.path("item_key").asText(), f.path("reason_code").asText()));
        assertThat(reasons).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "contoso-pol-005", "graph.not_found",
                "contoso-pol-008", "graph.forbidden",
                "contoso-pol-011", "graph.throttled")));
        assertThat(detail.path("item_failures").toString()).contains("404 Not Found").contains("403 Forbidden")
                .contains("429 Too Many Requests").contains("gave up after 3 attempts");
        assertThat(detail.path("item_failures_omitted").asLong()).isZero();

        JsonNode link = detail.path("related_links").get(0);
        assertThat(link.path("label").asText()).isEqualTo("Backup set");
        JsonNode backupSet = app.get("contoso.readonly", link.path("url").asText()).json();
        List<String> captured = new ArrayList<>();
        backupSet.path("items").forEach(item -> {
            if (item.path("captured_by_run_id").asText().equals(id)) {
                captured.add(item.path("policy_id").asText());
                assertThat(item.path("payload").path("settings").isObject()).isTrue();
            }
        });
        assertThat(captured).containsExactly("contoso-pol-001", "contoso-pol-002", "contoso-pol-003");

        JsonNode notes = app.get("contoso.manager", "/api/tenants/contoso/notifications").json().path("notifications");
        assertThat(notes).anySatisfy(n -> {
            assertThat(n.path("run_id").asText()).isEqualTo(id);
            assertThat(n.path("kind").asText()).isEqualTo("partially_succeeded");
            assertThat(n.path("action").path("url").asText()).isEqualTo("/tenants/contoso/operations/" + id);
        });
    }

    @Test
    void the_same_request_in_another_order_reuses_the_active_run() {
        String set = DemoSeeder.backupSetId("contoso", 2).toString();
        app.gate().hold();
        Reply first = addPolicies("contoso.operator", "contoso", set, "contoso-pol-030", "contoso-pol-010", "contoso-pol-020");
        Reply again = addPolicies("contoso.operator", "contoso", set, "contoso-pol-020", "contoso-pol-030", "contoso-pol-010",
                "contoso-pol-030");
        Reply different = addPolicies("contoso.operator", "contoso", set, "contoso-pol-010", "contoso-pol-020");

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("reused").asBoolean()).isTrue();
        assertThat(again.json().path("run").path("id").asText()).isEqualTo(first.json().path("run").path("id").asText());
        assertThat(different.status()).isEqualTo(202);
        assertThat(different.json().path("run").path("id").asText()).isNotEqualTo(first.json().path("run").path("id").asText());
    }

    @Test
    void no_credential_from_the_cloud_errors_reaches_any_response_row_or_notification() {
        String set = DemoSeeder.backupSetId("fabrikam", 2).toString();
        Reply start = addPolicies("fabrikam.owner", "fabrikam", set,
                "fabrikam-pol-005", "fabrikam-pol-008", "fabrikam-pol-011", "fabrikam-pol-017", "fabrikam-pol-020");
        String id = start.json().path("run").path("id").asText();
        JsonNode detail = app.awaitEnded("fabrikam.owner", "fabrikam", id);
        assertThat(detail.path("run").path("bucket").asText()).isEqualTo("failed");
        assertThat(detail.path("item_failures")).hasSize(5);
        String driftId = startDrift("fabrikam.owner", "fabrikam", "scripts").json().path("run").path("id").asText();
        app.awaitEnded("fabrikam.owner", "fabrikam", driftId);
        app.get("fabrikam.owner", "/api/tenants/fabrikam/notifications");
        app.get("fabrikam.owner", "/api/tenants/fabrikam/runs?limit=200");
        app.get("fabrikam.owner", "/tenants/fabrikam/operations/" + id);

        assertThat(CredentialScan.leaksIn(app.responseBodies())).as("responses holding a credential").isEmpty();
        assertThat(CredentialScan.leaksIn(app.allRows())).as("rows holding a credential").isEmpty();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
