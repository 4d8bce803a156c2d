package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tenant endpoints check who is calling (401), then whether the caller may act in the tenant (403),
 * and only then the rest of the request (400): a caller without a token, or without a role in the
 * tenant, learns nothing about what the endpoint would accept.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class CheckOrderTest extends AppScenario {

    private static final String FABRIKAM_SET = DemoSeeder.backupSetId("fabrikam", 1).toString();

    /** Requests that are malformed in every part but the tenant. */
    private static final List<String> MALFORMED_READS = List.of(
            "/api/tenants/fabrikam/runs/not-a-run-id",
            "/api/tenants/fabrikam/runs?bucket=done&limit=0",
            "/api/tenants/fabrikam/runs/counts?from=yesterday",
            "/api/tenants/fabrikam/runs/not-a-run-id/drift-findings",
            "/api/tenants/fabrikam/backup-sets/not-a-uuid",
            "/api/tenants/fabrikam/policies?colour=red",
            "/api/tenants/fabrikam/drift/scopes?x=1",
            "/api/tenants/fabrikam/notifications?unread_only=maybe");

    @Test
    void without_a_token_malformed_requests_are_401_and_without_a_role_403() {
        for (String path : MALFORMED_READS) {
            Reply anonymous = app.get(null, path);
            assertThat(anonymous.status()).as("no token: GET %s -> %s", path, anonymous).isEqualTo(401);
            Reply stranger = app.get("contoso.owner", path);
            assertThat(stranger.status()).as("no role in fabrikam: GET %s -> %s", path, stranger).isEqualTo(403);
            assertThat(app.get("fabrikam.readonly", path).status()).as("a member gets the validation: GET %s", path).isIn(400, 404);
        }
        assertThat(app.get(null, "/api/tenants/Not%20A%20Tenant!/runs").status()).isEqualTo(401);
        assertThat(app.get("contoso.owner", "/api/tenants/Not%20A%20Tenant!/runs").status()).isEqualTo(403);

        String badBody = "{\"scope_key\": 42, \"force\": true}";
        assertThat(app.post(null, "/api/tenants/fabrikam/drift/generate", badBody).status()).isEqualTo(401);
        assertThat(app.post("contoso.owner", "/api/tenants/fabrikam/drift/generate", badBody).status()).isEqualTo(403);
        assertThat(app.post("fabrikam.readonly", "/api/tenants/fabrikam/drift/generate", badBody).status())
                .as("readonly may not start: refused before its body is looked at").isEqualTo(403);
        String addPath = "/api/tenants/fabrikam/backup-sets/not-a-uuid/policies";
        assertThat(app.post(null, addPath, "[]").status()).isEqualTo(401);
        assertThat(app.post("contoso.owner", addPath, "[]").status()).isEqualTo(403);
        assertThat(app.post("contoso.owner", "/api/tenants/fabrikam/notifications/read", "not json").status()).isEqualTo(403);
        assertThat(app.post("fabrikam.owner", "/api/tenants/fabrikam/backup-sets/" + FABRIKAM_SET + "/policies", "[]").status())
                .isEqualTo(400);

        Reply page = app.page("contoso.owner", "/tenants/fabrikam/operations?bucket=done");
        assertThat(page.status()).as("pages too: " + page).isEqualTo(403);
        Reply pageDetail = app.page("contoso.owner", "/tenants/fabrikam/operations/not-a-run-id");
        assertThat(pageDetail.status()).isEqualTo(403);
        assertThat(app.page(null, "/tenants/fabrikam/operations/not-a-run-id").status()).as("to the sign-in page").isEqualTo(303);
    }
}
