package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.core.RunId;
import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.RunningApp;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seed scenario: status buckets end to end (DESIGN §5). One run per row of the design table, made by
 * the real producers over HTTP; then the list filters, the counts and the detail must all put each run
 * in the same bucket.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class StatusBucketSemanticsTest extends AppScenario {

    private static final String VIEWER = "contoso.readonly";

    /** The runs of the fixture, by what they are. */
    private static Map<String, String> runs;
    private static RunningApp fixtureApp;

    @Override
    protected boolean quietAfterEach() {
        return false; // the fixture keeps one run queued and one running on purpose
    }

    @BeforeEach
    void everyRowOfTheDesignTableHasARun() {
        if (fixtureApp == app) {
            return;
        }
        Map<String, String> made = new java.util.LinkedHashMap<>();
        made.put("drift_succeeded", ended(startDrift("contoso.operator", "contoso", "all_policies")));
        made.put("drift_failed", ended(startDrift("contoso.operator", "contoso", "scripts")));
        String set1 = DemoSeeder.backupSetId("contoso", 1).toString();
        String set2 = DemoSeeder.backupSetId("contoso", 2).toString();
        made.put("backup_succeeded", ended(addPolicies("contoso.operator", "contoso", set1, "contoso-pol-002", "contoso-pol-003")));
        made.put("backup_partial", ended(addPolicies("contoso.operator", "contoso", set1, "contoso-pol-001", "contoso-pol-005")));
        made.put("backup_all_items_failed", ended(addPolicies("contoso.operator", "contoso", set2, "contoso-pol-005", "contoso-pol-008")));
        app.gate().hold();
        made.put("backup_queued", id(addPolicies("contoso.operator", "contoso", set2, "contoso-pol-004")));
        String running = id(addPolicies("contoso.operator", "contoso", set2, "contoso-pol-006"));
        app.server().ledger().registry().markRunning(RunId.parse(running)); // a worker picked it up
        made.put("backup_running", running);
        runs = made;
        fixtureApp = app;
    }

    @Test
    void each_bucket_lists_exactly_the_runs_the_design_table_puts_there() {
        assertThat(listed("bucket=queued")).containsExactly(runs.get("backup_queued"));
        assertThat(listed("bucket=running")).containsExactly(runs.get("backup_running"));
        assertThat(listed("bucket=succeeded")).containsExactlyInAnyOrder(runs.get("drift_succeeded"), runs.get("backup_succeeded"));
        assertThat(listed("bucket=partially_succeeded")).containsExactly(runs.get("backup_partial"));
        assertThat(listed("bucket=failed")).containsExactlyInAnyOrder(runs.get("drift_failed"), runs.get("backup_all_items_failed"));
    }

    @Test
    void the_detail_shows_each_status_with_its_bucket() {
        assertStatus("drift_succeeded", "completed", "succeeded");
        assertStatus("drift_failed", "failed", "failed");
        assertStatus("backup_succeeded", "completed", "succeeded");
        assertStatus("backup_partial", "completed_with_errors", "partially_succeeded");
        JsonNode allFailed = assertStatus("backup_all_items_failed", "completed_with_errors", "failed");
        assertThat(allFailed.path("counts").path("succeeded").asLong()).isZero();
        assertThat(allFailed.path("counts").path("failed").asLong()).isEqualTo(2);
        assertStatus("backup_queued", "pending", "queued");
        assertStatus("backup_running", "running", "running");
    }

    @Test
    void the_counts_agree_with_the_lists() {
        JsonNode counts = counts(VIEWER, "contoso");
        assertThat(counts.path("counts").path("queued").asLong()).isEqualTo(1);
        assertThat(counts.path("counts").path("running").asLong()).isEqualTo(1);
        assertThat(counts.path("counts").path("succeeded").asLong()).isEqualTo(2);
        assertThat(counts.path("counts").path("partially_succeeded").asLong()).isEqualTo(1);
        assertThat(counts.path("counts").path("failed").asLong()).isEqualTo(2);
        assertThat(counts.path("total").asLong()).isEqualTo(7);
        JsonNode backupOnly = app.get(VIEWER, "/api/tenants/contoso/runs/counts?type=backup_set.add_policies").json();
        assertThat(backupOnly.path("counts").path("failed").asLong()).isEqualTo(1);
        assertThat(backupOnly.path("total").asLong()).isEqualTo(5);
        assertThat(counts("fabrikam.readonly", "fabrikam").path("total").asLong()).isZero();
    }

    @Test
    void filters_combine_and_pages_cover_every_run_once_newest_first() {
        assertThat(listed("type=backup_set.add_policies&bucket=failed")).containsExactly(runs.get("backup_all_items_failed"));
        assertThat(listed("bucket=succeeded,partially_succeeded")).hasSize(3);
        assertThat(listed("bucket=succeeded&bucket=partially_succeeded")).hasSize(3);

        JsonNode partial = detail("backup_partial").path("run");
        String from = partial.path("created_at").asText();
        List<String> sinceThePartialRun = listed("from=" + from);
        assertThat(sinceThePartialRun).contains(runs.get("backup_partial"), runs.get("backup_queued"))
                .doesNotContain(runs.get("drift_succeeded"), runs.get("backup_succeeded"));
        assertThat(listed("to=" + from)).doesNotContain(runs.get("backup_partial")).contains(runs.get("drift_succeeded"));

        List<String> paged = new ArrayList<>();
        List<String> createdAt = new ArrayList<>();
        String path = "/api/tenants/contoso/runs?limit=2";
        while (true) {
            JsonNode page = app.get(VIEWER, path).json();
            page.path("runs").forEach(r -> {
                paged.add(r.path("id").asText());
                createdAt.add(r.path("created_at").asText());
            });
            if (page.path("older_cursor").isNull()) {
                break;
            }
            path = "/api/tenants/contoso/runs?limit=2&cursor=" + page.path("older_cursor").asText();
        }
        assertThat(paged).hasSize(7).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(runs.values());
        List<java.time.Instant> times = createdAt.stream().map(java.time.Instant::parse).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    private static List<String> listed(String query) {
        Reply r = app.get(VIEWER, "/api/tenants/contoso/runs?limit=200&" + query);
        assertThat(r.status()).as("%s -> %s", query, r).isEqualTo(200);
        Set<String> ids = new LinkedHashSet<>();
        r.json().path("runs").forEach(run -> {
            assertThat(run.path("tenant_id").asText()).isEqualTo("contoso");
            ids.add(run.path("id").asText());
        });
        return List.copyOf(ids);
    }

    private static JsonNode detail(String name) {
        return app.get(VIEWER, "/api/tenants/contoso/runs/" + runs.get(name)).json();
    }

    private static JsonNode assertStatus(String name, String status, String bucket) {
        JsonNode run = detail(name).path("run");
        assertThat(run.path("status").asText()).as(name).isEqualTo(status);
        assertThat(run.path("bucket").asText()).as(name).isEqualTo(bucket);
        return run;
    }

    private static String id(Reply start) {
        assertThat(start.status()).as(start.toString()).isEqualTo(202);
        return start.json().path("run").path("id").asText();
    }

    private static String ended(Reply start) {
        String id = id(start);
        app.awaitEnded("contoso.operator", "contoso", id);
        return id;
    }
}
