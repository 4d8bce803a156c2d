package dev.opsruns.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * A Boot application with nothing but the starter, the actuator and a DataSource: a run started
 * through the injected registry shows in the health and metrics endpoints. Subclasses choose the
 * database.
 */
@SpringBootTest(classes = HostApplicationContract.HostApplication.class, properties = {
        "management.endpoints.web.exposure.include=health,metrics",
        "management.endpoint.health.show-details=always",
        // passes are run by the test (reapNow), so none races with the clock it moves
        "opsruns.reaper.enabled=false", "opsruns.retention.enabled=false"})
abstract class HostApplicationContract {

    private static final TenantId TENANT = TenantId.of("contoso");
    private static final RunType REPORT = RunType.of("report.build");

    @Autowired
    private RunRegistry registry;
    @Autowired
    private HealthEndpoint health;
    @Autowired
    private MetricsEndpoint metrics;
    @Autowired
    private OpsRunsMaintenanceScheduler maintenance;
    @Autowired
    private ManualClock clock;

    @Test
    void a_run_started_through_the_injected_registry_shows_in_health_and_metrics() {
        Run done = start(1);
        registry.markRunning(done.id());
        clock.advance(Duration.ofSeconds(90));
        registry.finish(done.id());
        Run abandoned = start(2);
        registry.markRunning(abandoned.id());
        clock.advance(Duration.ofMinutes(11));

        assertThat(count("opsruns.runs.started", "type:report.build")).isEqualTo(2);
        assertThat(count("opsruns.runs.ended", "type:report.build", "bucket:succeeded")).isEqualTo(1);
        assertThat(metrics.metric("opsruns.runs.duration", List.of("type:report.build")).getMeasurements())
                .anySatisfy(m -> {
                    assertThat(m.getStatistic().name()).isEqualTo("TOTAL_TIME");
                    assertThat(m.getValue()).isEqualTo(90.0);
                });
        assertThat(gauge("opsruns.runs.active", "type:report.build")).isEqualTo(1);
        Map<String, Object> before = opsrunsHealth();
        assertThat(before).containsEntry("status", "UP").containsEntry("overdueRuns", 1);

        maintenance.reapNow();

        assertThat(count("opsruns.runs.reaped", "type:report.build", "reason:run.stale")).isEqualTo(1);
        assertThat(gauge("opsruns.runs.active", "type:report.build")).isEqualTo(0);
        Map<String, Object> after = opsrunsHealth();
        assertThat(after).containsEntry("status", "UP").containsEntry("overdueRuns", 0);
        assertThat(after.get("reaper")).asString().contains("lastPassEnded=1").contains("sinceLastPass=PT0S");
    }

    private Run start(int n) {
        StartOutcome outcome = registry.startOrReuse(
                StartRequest.bySystem("host-test", TENANT, REPORT, RunContext.builder().put("n", n).build()));
        return ((StartOutcome.Started) outcome).run();
    }

    private double count(String name, String... tags) {
        return metrics.metric(name, List.of(tags)).getMeasurements().stream()
                .filter(m -> m.getStatistic().name().equals("COUNT")).findFirst().orElseThrow().getValue();
    }

    private double gauge(String name, String... tags) {
        return metrics.metric(name, List.of(tags)).getMeasurements().get(0).getValue();
    }

    /** The opsruns component as the health endpoint reports it: status and details in one map. */
    private Map<String, Object> opsrunsHealth() {
        var component = health.healthForPath("opsruns");
        assertThat(component).isNotNull();
        var indicated = (org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor) component;
        Map<String, Object> all = new java.util.LinkedHashMap<>(indicated.getDetails());
        all.put("status", indicated.getStatus().getCode());
        return all;
    }

    /** The host: Boot's auto-configuration and a clock the test moves. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class HostApplication {
        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

        @Bean
        OpsRunsConfigCustomizer manualClock(ManualClock clock) {
            return builder -> builder.clock(clock);
        }
    }
}
