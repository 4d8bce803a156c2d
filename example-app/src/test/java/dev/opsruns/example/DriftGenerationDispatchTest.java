package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Seed scenario: starting drift generation over HTTP - queued, reused on a second click, refused. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class DriftGenerationDispatchTest extends AppScenario {

    @Test
    void an_operator_start_is_queued_with_the_two_newest_inventory_runs_and_a_view_run_url() throws Exception {
        app.gate().hold();
        long queuedBefore = counts("contoso.owner", "contoso").path("counts").path("queued").asLong();

        Reply r = startDrift("contoso.operator", "contoso", "all_policies");

        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        JsonNode run = r.json().path("run");
        assertThat(r.json().path("reused").asBoolean()).isFalse();
        assertThat(run.path("run_type").asText()).isEqualTo("drift.generate");
        assertThat(run.path("status").asText()).isEqualTo("pending");
        assertThat(run.path("bucket").asText()).isEqualTo("queued");
        assertThat(run.path("initiator").path("id").asText()).isEqualTo("contoso.operator");
        JsonNode context = run.path("context");
        assertThat(context.path("scope_key").asText()).isEqualTo("all_policies");
        UUID baseline = UUID.fromString(context.path("baseline_run_id").asText());
        UUID current = UUID.fromString(context.path("current_run_id").asText());
        assertThat(finishedAt(baseline)).isBefore(finishedAt(current));
        String id = run.path("id").asText();
        assertThat(r.json().path("view_run_url").asText()).isEqualTo("/tenants/contoso/operations/" + id);
        assertThat(counts("contoso.owner", "contoso").path("counts").path("queued").asLong()).isEqualTo(queuedBefore + 1);

        Reply viewed = app.get("contoso.operator", r.json().path("view_run_url").asText());
        assertThat(viewed.status()).isEqualTo(200);
        assertThat(viewed.json().path("run").path("id").asText()).isEqualTo(id);

        JsonNode notes = app.get("contoso.operator", "/api/tenants/contoso/notifications").json().path("notifications");
        assertThat(notes).anySatisfy(n -> {
            assertThat(n.path("run_id").asText()).isEqualTo(id);
            assertThat(n.path("kind").asText()).isEqualTo("queued");
            assertThat(n.path("action").path("label").asText()).isEqualTo("View run");
            assertThat(n.path("action").path("url").asText()).isEqualTo("/tenants/contoso/operations/" + id);
        });
    }

    @Test
    void a_second_click_reuses_the_active_run_and_starts_nothing_new() {
        app.gate().hold();
        Reply first = startDrift("contoso.owner", "contoso", "all_policies");
        assertThat(first.status()).as(first.toString()).isIn(200, 202);
        long queued = counts("contoso.owner", "contoso").path("counts").path("queued").asLong();

        Reply second = startDrift("contoso.owner", "contoso", "all_policies");
        Reply byAnotherOperator = startDrift("morgan", "contoso", "all_policies");

        String id = first.json().path("run").path("id").asText();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("reused").asBoolean()).isTrue();
        assertThat(second.json().path("run").path("id").asText()).isEqualTo(id);
        assertThat(byAnotherOperator.json().path("run").path("id").asText()).isEqualTo(id);
        assertThat(counts("contoso.owner", "contoso").path("counts").path("queued").asLong()).isEqualTo(queued);
        JsonNode morgans = app.get("morgan", "/api/tenants/contoso/notifications").json().path("notifications");
        assertThat(morgans).anySatisfy(n -> {
            assertThat(n.path("run_id").asText()).isEqualTo(id);
            assertThat(n.path("kind").asText()).isEqualTo("reused");
        });
    }

    @Test
    void readonly_users_get_403_and_no_run_is_created() {
        JsonNode before = counts("contoso.owner", "contoso");
        JsonNode fabrikamBefore = counts("fabrikam.owner", "fabrikam");

        Reply readonly = startDrift("contoso.readonly", "contoso", "all_policies");
        Reply morganInFabrikam = startDrift("morgan", "fabrikam", "all_policies");

        for (Reply r : new Reply[] {readonly, morganInFabrikam}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.json().path("error").asText()).isEqualTo("forbidden");
            assertThat(r.json().path("message").asText()).contains("OWNER, MANAGER or OPERATOR");
        }
        assertThat(counts("contoso.owner", "contoso")).isEqualTo(before);
        assertThat(counts("fabrikam.owner", "fabrikam")).isEqualTo(fabrikamBefore);
    }

    @Test
    void fewer_than_two_successful_inventory_runs_is_refused_with_409_and_no_run() {
        JsonNode before = counts("contoso.owner", "contoso");

        Reply oneRun = startDrift("contoso.operator", "contoso", "compliance");
        Reply noRuns = startDrift("contoso.operator", "contoso", "no_such_scope");

        assertThat(oneRun.status()).as(oneRun.toString()).isEqualTo(409);
        assertThat(oneRun.json().path("message").asText()).contains("'compliance' has 1 successful inventory run")
                .contains("drift/scopes");
        assertThat(noRuns.status()).isEqualTo(409);
        assertThat(noRuns.json().path("message").asText()).contains("has 0 successful inventory runs");
        assertThat(counts("contoso.owner", "contoso")).isEqualTo(before);
        JsonNode scopes = app.get("contoso.readonly", "/api/tenants/contoso/drift/scopes").json().path("scopes");
        assertThat(scopes).anySatisfy(s -> {
            assertThat(s.path("scope_key").asText()).isEqualTo("compliance");
            assertThat(s.path("drift_ready").asBoolean()).isFalse();
        });
    }

    private static OffsetDateTime finishedAt(UUID inventoryRun) throws Exception {
        try (Connection c = app.server().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT finished_at FROM inventory_runs WHERE id = ?")) {
            s.setObject(1, inventoryRun);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("inventory run %s exists", inventoryRun).isTrue();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }
}
