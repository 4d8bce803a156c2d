package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.backup.AddPolicies;
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
 * {@code GET /health} checks the database, reports running runs whose heartbeat is overdue (their worker
 * is not beating) and the reaper's last pass. Time is a manual clock; the reaper pass is run now.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class HealthEndpointTest {

    @Parameter
    TestDatabase database;

    @Test
    void health_reports_the_database_an_overdue_heartbeat_and_the_reaper_pass_that_ended_it() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
        try (RunningApp app = RunningApp.start(database, clock, b -> b
                .workerHeartbeatInterval(Duration.ofSeconds(1)).staleHeartbeatTimeout(Duration.ofSeconds(20)))) {
            JsonNode fresh = health(app, 200);
            assertThat(fresh.path("status").asText()).isEqualTo("ok");
            assertThat(fresh.path("database").path("status").asText()).isEqualTo("up");
            assertThat(fresh.path("runs").path("overdue_heartbeats").asLong()).isZero();
            assertThat(fresh.path("reaper").path("last_pass").isNull()).as("no pass yet").isTrue();

            // A running run that no worker of this app is beating: its worker is gone.
            Run run = app.server().ledger().registry().startOrReuse(StartRequest.bySystem("health-test", TenantId.of("contoso"),
                    AddPolicies.RUN_TYPE, RunContext.builder().put("scope_key", "health").build())).run();
            app.server().ledger().registry().markRunning(run.id());
            clock.advance(Duration.ofSeconds(2));
            assertThat(health(app, 200).path("runs").path("overdue_heartbeats").asLong()).as("2 s: not overdue yet").isZero();
            clock.advance(Duration.ofSeconds(8));
            JsonNode overdue = health(app, 200);
            assertThat(overdue.path("status").asText()).isEqualTo("degraded");
            assertThat(overdue.path("runs").path("running").asLong()).isEqualTo(1);
            assertThat(overdue.path("runs").path("overdue_heartbeats").asLong()).isEqualTo(1);
            assertThat(overdue.path("runs").path("oldest_heartbeat_age_ms").asLong()).isEqualTo(10_000);

            clock.advance(Duration.ofSeconds(15));
            assertThat(app.server().maintenance().reapNow().stale()).containsExactly(run.id());
            JsonNode reaped = health(app, 200);
            assertThat(reaped.path("status").asText()).isEqualTo("ok");
            assertThat(reaped.path("runs").path("overdue_heartbeats").asLong()).isZero();
            assertThat(reaped.path("reaper").path("last_pass").path("ok").asBoolean()).isTrue();
            assertThat(reaped.path("reaper").path("last_pass").path("ended_stale").asInt()).isEqualTo(1);
            assertThat(reaped.path("reaper").path("last_pass").path("at").asText()).isEqualTo(clock.instant().toString());
        }
    }

    private static JsonNode health(RunningApp app, int status) {
        Reply reply = app.get(null, "/health");
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        return reply.json();
    }
}
