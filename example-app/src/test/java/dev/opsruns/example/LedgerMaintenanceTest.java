package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.core.PurgeReport;
import dev.opsruns.core.ReapReport;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.RunningApp;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The app's maintenance schedule runs the library's reaper and purge with the configured thresholds.
 * Time is a manual clock and the passes are run now, so nothing waits for time to pass.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class LedgerMaintenanceTest {

    @Parameter
    TestDatabase database;

    @Test
    void a_run_never_started_is_reaped_after_the_queue_timeout_and_purged_after_the_retention() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
        try (RunningApp app = RunningApp.start(database, clock,
                b -> b.queueTimeout(Duration.ofMinutes(30)).retention(Duration.ofDays(90)))) {
            app.gate().hold();
            Reply start = app.post("contoso.operator", "/api/tenants/contoso/drift/generate", "{\"scope_key\":\"all_policies\"}");
            String id = start.json().path("run").path("id").asText();

            clock.advance(Duration.ofMinutes(29));
            assertThat(app.server().maintenance().reapNow().total()).isZero();
            clock.advance(Duration.ofMinutes(2));
            ReapReport reaped = app.server().maintenance().reapNow();

            assertThat(reaped.neverStarted()).extracting(Object::toString).containsExactly(id);
            JsonNode run = app.get("contoso.operator", "/api/tenants/contoso/runs/" + id).json().path("run");
            assertThat(run.path("bucket").asText()).isEqualTo("failed");
            assertThat(run.path("failure").path("reason_code").asText()).isEqualTo("run.never_started");
            JsonNode notes = app.get("contoso.operator", "/api/tenants/contoso/notifications").json().path("notifications");
            assertThat(notes.get(0).path("kind").asText()).isEqualTo("failed");

            clock.advance(Duration.ofDays(91));
            PurgeReport purged = app.server().maintenance().purgeNow();

            assertThat(purged.runsDeleted()).isEqualTo(1);
            assertThat(app.get("contoso.operator", "/api/tenants/contoso/runs/" + id).status()).isEqualTo(404);
        }
    }
}
