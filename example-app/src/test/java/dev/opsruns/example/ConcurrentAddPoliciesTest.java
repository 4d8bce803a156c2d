package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.RunningApp;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Add-policies runs that capture the same policies into one backup set at the same time all succeed:
 * an item is written with one upsert, so two runs writing it at once cannot fail each other on the
 * unique key (the later capture wins).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class ConcurrentAddPoliciesTest {

    /** Policies the demo cloud never fails (it fails 5, 8, 11, 17, 20, ...). */
    private static final int[] GOOD = {1, 2, 3, 4, 6, 7, 9, 10, 12, 13, 14, 15, 16};
    private static final int RUNS = 20;

    @Parameter
    TestDatabase database;

    private static RunningApp app;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase kind) {
        // Several workers, so that overlapping runs really write the same items at the same time.
        app = RunningApp.start(kind, null, b -> b.workerThreads(6).dbPoolSize(10));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    @Test
    void twenty_overlapping_runs_on_one_backup_set_all_succeed() {
        String set = DemoSeeder.backupSetId("contoso", 2).toString();
        String path = "/api/tenants/contoso/backup-sets/" + set + "/policies";
        app.gate().hold();
        List<String> runIds = new ArrayList<>();
        Set<String> union = new LinkedHashSet<>();
        for (int i = 0; i < RUNS; i++) {
            List<String> ids = new ArrayList<>();
            for (int j = 0; j < GOOD.length; j++) {
                // every list leaves out one or two policies, so all 20 differ (20 runs) and all overlap
                if (j != i % GOOD.length && (i < GOOD.length || j != (i + 3) % GOOD.length)) {
                    ids.add(String.format("\"contoso-pol-%03d\"", GOOD[j]));
                }
            }
            ids.forEach(id -> union.add(id.replace("\"", "")));
            Reply r = app.post("contoso.operator", path, "{\"policy_ids\":[" + String.join(",", ids) + "]}");
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
            runIds.add(r.json().path("run").path("id").asText());
        }
        assertThat(Set.copyOf(runIds)).hasSize(RUNS);
        app.gate().release();

        for (String id : runIds) {
            JsonNode detail = app.awaitEnded("contoso.operator", "contoso", id);
            assertThat(detail.path("run").path("bucket").asText()).as(detail.toString()).isEqualTo("succeeded");
        }
        JsonNode items = app.get("contoso.operator", path.replace("/policies", "")).json().path("items");
        List<String> captured = new ArrayList<>();
        items.forEach(item -> captured.add(item.path("policy_id").asText()));
        assertThat(captured).containsExactlyInAnyOrderElementsOf(union);
    }
}
