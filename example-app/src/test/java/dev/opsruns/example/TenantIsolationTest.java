package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seed scenario: a contoso user never sees fabrikam data. Asking in fabrikam's name is 403 (no role
 * there); asking for a fabrikam run, findings or backup set in contoso's name is 404, exactly like an id
 * that never existed.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class TenantIsolationTest extends AppScenario {

    private static final String CONTOSO_OWNER = "contoso.owner";

    private String fabrikamRun;
    private String fabrikamBaseline;

    @BeforeEach
    void aFabrikamRunExists() {
        Reply start = startDrift("fabrikam.operator", "fabrikam", "all_policies");
        fabrikamRun = start.json().path("run").path("id").asText();
        fabrikamBaseline = start.json().path("run").path("context").path("baseline_run_id").asText();
        app.awaitEnded("fabrikam.operator", "fabrikam", fabrikamRun);
        app.get("fabrikam.operator", "/api/tenants/fabrikam/notifications"); // the owner of the data sees it
    }

    @Test
    void reads_in_another_tenants_name_are_403_without_data() {
        List<String> paths = List.of(
                "/api/tenants/fabrikam/runs",
                "/api/tenants/fabrikam/runs?bucket=succeeded",
                "/api/tenants/fabrikam/runs/counts",
                "/api/tenants/fabrikam/runs/" + fabrikamRun,
                "/api/tenants/fabrikam/runs/" + fabrikamRun + "/drift-findings",
                "/tenants/fabrikam/operations/" + fabrikamRun,
                "/api/tenants/fabrikam/backup-sets",
                "/api/tenants/fabrikam/backup-sets/" + DemoSeeder.backupSetId("fabrikam", 1),
                "/api/tenants/fabrikam/policies",
                "/api/tenants/fabrikam/drift/scopes",
                "/api/tenants/fabrikam/notifications");
        for (String path : paths) {
            Reply r = app.get(CONTOSO_OWNER, path);
            assertThat(r.status()).as("GET %s -> %s", path, r).isEqualTo(403);
            assertThat(r.json().path("error").asText()).isEqualTo("forbidden");
            assertNoFabrikamData(r);
        }
        Reply markRead = app.post(CONTOSO_OWNER, "/api/tenants/fabrikam/notifications/read", "{}");
        assertThat(markRead.status()).isEqualTo(403);
        Reply unknownTenant = app.get(CONTOSO_OWNER, "/api/tenants/northwind/runs");
        assertThat(unknownTenant.status()).as("a tenant that does not exist looks like one without a role").isEqualTo(403);
    }

    @Test
    void another_tenants_ids_under_ones_own_tenant_are_404_like_ids_that_never_existed() {
        String neverExisted = "01890a5d-ac96-774b-bcce-b302099a8057";
        Reply foreign = app.get(CONTOSO_OWNER, "/api/tenants/contoso/runs/" + fabrikamRun);
        Reply unknown = app.get(CONTOSO_OWNER, "/api/tenants/contoso/runs/" + neverExisted);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(foreign.json().path("message").asText().replace(fabrikamRun, "<id>"))
                .isEqualTo(unknown.json().path("message").asText().replace(neverExisted, "<id>"));
        for (String path : List.of(
                "/api/tenants/contoso/runs/" + fabrikamRun + "/drift-findings",
                "/tenants/contoso/operations/" + fabrikamRun,
                "/api/tenants/contoso/backup-sets/" + DemoSeeder.backupSetId("fabrikam", 1))) {
            Reply r = app.get(CONTOSO_OWNER, path);
            assertThat(r.status()).as("GET %s -> %s", path, r).isEqualTo(404);
            assertNoFabrikamData(r);
        }
        JsonNode contosoRuns = app.get(CONTOSO_OWNER, "/api/tenants/contoso/runs?limit=200").json().path("runs");
        assertThat(contosoRuns).noneSatisfy(run -> assertThat(run.path("id").asText()).isEqualTo(fabrikamRun));
    }

    @Test
    void starting_in_another_tenant_or_on_its_backup_set_writes_nothing() {
        JsonNode fabrikamBefore = counts("fabrikam.owner", "fabrikam");
        JsonNode contosoBefore = counts(CONTOSO_OWNER, "contoso");

        Reply drift = startDrift(CONTOSO_OWNER, "fabrikam", "all_policies");
        Reply addThere = addPolicies(CONTOSO_OWNER, "fabrikam", DemoSeeder.backupSetId("fabrikam", 1), "fabrikam-pol-001");
        Reply addHere = addPolicies(CONTOSO_OWNER, "contoso", DemoSeeder.backupSetId("fabrikam", 1), "contoso-pol-001");
        Reply foreignPolicy = addPolicies(CONTOSO_OWNER, "contoso", DemoSeeder.backupSetId("contoso", 1), "fabrikam-pol-001");

        assertThat(drift.status()).isEqualTo(403);
        assertThat(addThere.status()).isEqualTo(403);
        assertThat(addHere.status()).as(addHere.toString()).isEqualTo(404);
        assertThat(foreignPolicy.status()).as(foreignPolicy.toString()).isEqualTo(400);
        assertThat(foreignPolicy.json().path("message").asText()).contains("fabrikam-pol-001").contains("not in tenant contoso");
        assertThat(counts("fabrikam.owner", "fabrikam")).isEqualTo(fabrikamBefore);
        assertThat(counts(CONTOSO_OWNER, "contoso")).isEqualTo(contosoBefore);
    }

    @Test
    void a_user_of_both_tenants_acts_with_its_role_in_each() {
        JsonNode me = app.get("morgan", "/api/me").json();
        assertThat(me.path("tenants")).hasSize(2);
        assertThat(app.get("morgan", "/api/tenants/fabrikam/runs/" + fabrikamRun).status()).isEqualTo(200);
        assertThat(app.get("morgan", "/api/tenants/contoso/runs/" + fabrikamRun).status()).isEqualTo(404);

        Reply inContoso = startDrift("morgan", "contoso", "all_policies");
        Reply inFabrikam = startDrift("morgan", "fabrikam", "all_policies");

        assertThat(inContoso.status()).as(inContoso.toString()).isIn(200, 202);
        assertThat(inFabrikam.status()).as(inFabrikam.toString()).isEqualTo(403);
        assertThat(inFabrikam.json().path("message").asText()).contains("READONLY");
        JsonNode morgansFabrikamNotes = app.get("morgan", "/api/tenants/fabrikam/notifications").json().path("notifications");
        assertThat(morgansFabrikamNotes).isEmpty();
    }

    private void assertNoFabrikamData(Reply r) {
        assertThat(r.body()).doesNotContain(fabrikamBaseline).doesNotContain("Fabrikam").doesNotContain("fabrikam-pol-")
                .doesNotContain("\"runs\"").doesNotContain("\"notifications\"");
    }
}
