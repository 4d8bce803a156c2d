package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.RunningApp;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.example.seed.DemoSeeder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a stopped process left pending are dispatched again by the next one: a graceful shutdown drops
 * queued jobs (their runs stay pending) and the restarted app picks them up at start-up.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class PendingRunRecoveryTest {

    @Parameter
    TestDatabase database;

    @Test
    void runs_left_pending_by_a_stopped_process_are_dispatched_at_the_next_start() {
        RunningApp first = RunningApp.start(database);
        RunningApp second = null;
        try {
            first.gate().hold();
            Reply drift = first.post("contoso.operator", "/api/tenants/contoso/drift/generate", "{\"scope_key\":\"all_policies\"}");
            Reply backup = first.post("contoso.operator", "/api/tenants/contoso/backup-sets/"
                    + DemoSeeder.backupSetId("contoso", 1) + "/policies", "{\"policy_ids\":[\"contoso-pol-001\",\"contoso-pol-005\"]}");
            String driftId = drift.json().path("run").path("id").asText();
            String backupId = backup.json().path("run").path("id").asText();
            assertThat(first.gate().held()).hasSize(2);

            second = first.restart();

            assertThat(second.awaitEnded("contoso.operator", "contoso", driftId).path("run").path("bucket").asText())
                    .isEqualTo("succeeded");
            assertThat(second.awaitEnded("contoso.operator", "contoso", backupId).path("run").path("bucket").asText())
                    .isEqualTo("partially_succeeded");
        } finally {
            (second != null ? second : first).close();
        }
    }
}
