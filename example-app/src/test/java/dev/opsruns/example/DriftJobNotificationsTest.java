package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.CredentialScan;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Seed scenario: the drift job's end and the initiator's notifications, each with a "View run" URL that resolves. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class DriftJobNotificationsTest extends AppScenario {

    @Test
    void a_successful_generation_writes_findings_and_notifies_succeeded_with_a_view_run_url() {
        Reply start = startDrift("fabrikam.manager", "fabrikam", "all_policies");
        String id = start.json().path("run").path("id").asText();

        JsonNode detail = app.awaitEnded("fabrikam.manager", "fabrikam", id);

        JsonNode run = detail.path("run");
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("bucket").asText()).isEqualTo("succeeded");
        assertThat(run.path("counts").path("total").asLong()).isEqualTo(50);
        assertThat(run.path("counts").path("succeeded").asLong()).isEqualTo(50);
        assertThat(run.path("progress").path("percent").asInt()).isEqualTo(100);
        assertThat(run.path("finished_at").isNull()).isFalse();
        JsonNode link = detail.path("related_links").get(0);
        assertThat(link.path("label").asText()).isEqualTo("Drift findings");

        JsonNode findings = app.get("fabrikam.readonly", link.path("url").asText()).json();
        assertThat(findings.path("summary").path("added").asLong()).isEqualTo(4);
        assertThat(findings.path("summary").path("removed").asLong()).isEqualTo(2);
        assertThat(findings.path("summary").path("changed").asLong()).isEqualTo(3);
        assertThat(policyIds(findings, "added")).containsExactly("fabrikam-pol-047", "fabrikam-pol-048",
                "fabrikam-pol-049", "fabrikam-pol-050");
        assertThat(policyIds(findings, "removed")).containsExactly("fabrikam-pol-045", "fabrikam-pol-046");
        assertThat(policyIds(findings, "changed")).containsExactly("fabrikam-pol-003", "fabrikam-pol-009", "fabrikam-pol-015");

        List<JsonNode> notes = notificationsOf("fabrikam.manager", "fabrikam", id);
        assertThat(notes).extracting(n -> n.path("kind").asText()).containsExactly("succeeded", "queued");
        for (JsonNode n : notes) {
            assertThat(n.path("action").path("label").asText()).isEqualTo("View run");
            Reply viewed = app.get("fabrikam.manager", n.path("action").path("url").asText());
            assertThat(viewed.status()).isEqualTo(200);
            assertThat(viewed.json().path("run").path("id").asText()).isEqualTo(id);
            assertThat(viewed.json().path("run").path("bucket").asText()).isEqualTo("succeeded");
        }

        String succeededId = notes.get(0).path("id").asText();
        Reply marked = app.post("fabrikam.manager", "/api/tenants/fabrikam/notifications/read", "{\"ids\":[\"" + succeededId + "\"]}");
        assertThat(marked.json().path("marked_read").asInt()).isEqualTo(1);
        JsonNode unread = app.get("fabrikam.manager", "/api/tenants/fabrikam/notifications?unread_only=true").json();
        assertThat(unread.path("notifications")).noneSatisfy(n -> assertThat(n.path("id").asText()).isEqualTo(succeededId));
    }

    @Test
    void a_failed_generation_ends_failed_with_a_sanitized_reason_and_notifies_failed() {
        Reply start = startDrift("contoso.operator", "contoso", "scripts");
        assertThat(start.status()).as(start.toString()).isEqualTo(202);
        String id = start.json().path("run").path("id").asText();

        JsonNode detail = app.awaitEnded("contoso.operator", "contoso", id);

        JsonNode run = detail.path("run");
        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("bucket").asText()).isEqualTo("failed");
        assertThat(run.path("failure").path("reason_code").asText()).isEqualTo("drift.snapshot_unavailable");
        assertThat(run.path("failure").path("message").asText()).contains("BlobArchived");
        assertThat(CredentialScan.leaksIn(List.of(detail.toString()))).isEmpty();

        List<JsonNode> notes = notificationsOf("contoso.operator", "contoso", id);
        assertThat(notes).extracting(n -> n.path("kind").asText()).containsExactly("failed", "queued");
        JsonNode failed = notes.get(0);
        assertThat(CredentialScan.leaksIn(List.of(failed.toString()))).isEmpty();
        Reply viewed = app.get("contoso.operator", failed.path("action").path("url").asText());
        assertThat(viewed.status()).isEqualTo(200);
        assertThat(viewed.json().path("run").path("status").asText()).isEqualTo("failed");
        assertThat(CredentialScan.leaksIn(app.allRows())).as("rows holding a credential").isEmpty();
    }

    private static List<String> policyIds(JsonNode findings, String changeType) {
        List<String> ids = new ArrayList<>();
        findings.path("findings").forEach(f -> {
            if (f.path("change_type").asText().equals(changeType)) {
                ids.add(f.path("policy_id").asText());
            }
        });
        return ids;
    }

    private static List<JsonNode> notificationsOf(String user, String tenant, String runId) {
        List<JsonNode> notes = new ArrayList<>();
        app.get(user, "/api/tenants/" + tenant + "/notifications").json().path("notifications").forEach(n -> {
            if (n.path("run_id").asText().equals(runId)) {
                notes.add(n);
            }
        });
        return notes;
    }
}
