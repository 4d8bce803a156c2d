package dev.opsruns.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.core.RunAccessPolicy;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunListener;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.DatabaseVendor;
import dev.opsruns.jdbi.JdbiRunLedger;
import dev.opsruns.micrometer.OpsRunsMetrics;
import dev.opsruns.testkit.InMemoryRunLedger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each condition of the three auto-configurations, on H2 in memory (one new database per context). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpsRunsAutoConfigurationTest {

    private static final AutoConfigurations OPSRUNS = AutoConfigurations.of(DataSourceAutoConfiguration.class,
            OpsRunsAutoConfiguration.class, OpsRunsMetricsAutoConfiguration.class,
            OpsRunsHealthAutoConfiguration.class, HealthContributorAutoConfiguration.class);

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(OPSRUNS)
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:boot-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        // the schedule would touch the database from its own thread during the test
                        "opsruns.reaper.enabled=false", "opsruns.retention.enabled=false");
    }

    @Nested
    class With_a_DataSource {

        @Test
        void it_migrates_and_provides_the_ledger_its_parts_and_the_schedule() {
            runner().run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(JdbiRunLedger.class).hasSingleBean(RunRegistry.class)
                        .hasSingleBean(OpsRunsSchema.class).hasSingleBean(OpsRunsMaintenanceScheduler.class)
                        .hasSingleBean(OpsRunsHealthIndicator.class).doesNotHaveBean(OpsRunsMetrics.class);
                assertThat(context.getBean(OpsRunsSchema.class).vendor()).isEqualTo(DatabaseVendor.H2);
                assertThat(tables(context.getBean(DataSource.class))).contains("OPSRUNS_RUNS", "OPSRUNS_SCHEMA_HISTORY");
                assertThat(context.getBean(RunRegistry.class)).isSameAs(context.getBean(RunLedger.class).registry());
                assertThat(context.getBean(OpsRunsMaintenanceScheduler.class).isRunning()).isFalse();
            });
        }

        @Test
        void the_properties_reach_the_configuration() {
            runner().withPropertyValues("opsruns.item-failure-cap=7", "opsruns.link-template=/ops/{tenant}/{runId}")
                    .run(context -> {
                        RunsConfig config = context.getBean(RunsConfig.class);
                        assertThat(config.itemFailureCap()).isEqualTo(7);
                        assertThat(config.linkTemplate().viewRunUrl(dev.opsruns.core.TenantId.of("a&b"),
                                dev.opsruns.core.RunId.parse("0190a0b0-0000-7000-8000-000000000001")))
                                .isEqualTo("/ops/a%26b/0190a0b0-0000-7000-8000-000000000001");
                    });
        }

        @Test
        void the_schedule_runs_when_either_pass_is_on() {
            runner().withPropertyValues("opsruns.reaper.enabled=true", "opsruns.reaper.interval=1h").run(context -> {
                OpsRunsMaintenanceScheduler scheduler = context.getBean(OpsRunsMaintenanceScheduler.class);
                assertThat(scheduler.isRunning()).isTrue();
                assertThat(scheduler.reaperEnabled()).isTrue();
                // the first pass runs at start-up on the schedule's own thread: wait for it, bounded
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                        .until(() -> scheduler.lastReaperPass().isPresent());
            });
        }

        @Test
        void opsruns_enabled_false_turns_everything_off() {
            runner().withPropertyValues("opsruns.enabled=false").withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RunLedger.class)
                            .doesNotHaveBean(OpsRunsSchema.class).doesNotHaveBean(OpsRunsMetrics.class)
                            .doesNotHaveBean(OpsRunsHealthIndicator.class));
        }

        @Test
        void migrate_false_leaves_the_database_alone() {
            runner().withPropertyValues("opsruns.migrate=false", "opsruns.database=h2").run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(RunLedger.class);
                assertThat(tables(context.getBean(DataSource.class))).doesNotContain("OPSRUNS_RUNS");
            });
        }
    }

    @Test
    void without_a_DataSource_nothing_is_configured() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OpsRunsAutoConfiguration.class,
                OpsRunsHealthAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RunLedger.class)
                        .doesNotHaveBean(OpsRunsHealthIndicator.class));
    }

    @Nested
    class Every_bean_backs_off {

        @Test
        void an_application_ledger_replaces_the_starters_and_its_parts_come_from_it() {
            runner().withUserConfiguration(OwnLedger.class).run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(RunLedger.class).doesNotHaveBean(JdbiRunLedger.class);
                assertThat(context.getBean(RunRegistry.class)).isSameAs(context.getBean(RunLedger.class).registry());
            });
        }

        @Test
        void an_application_configuration_access_policy_and_listener_are_used() {
            RunListener listener = new RunListener() {
            };
            RunAccessPolicy policy = RunAccessPolicy.standard();
            runner().withBean(RunListener.class, () -> listener).withBean(RunAccessPolicy.class, () -> policy)
                    .run(context -> {
                        RunsConfig config = context.getBean(RunsConfig.class);
                        assertThat(config.listeners()).containsExactly(listener);
                        assertThat(config.accessPolicy()).isSameAs(policy);
                    });
            RunsConfig own = RunsConfig.builder().itemFailureCap(3).build();
            runner().withBean(RunsConfig.class, () -> own)
                    .run(context -> assertThat(context.getBean(RunLedger.class).config()).isSameAs(own));
        }

        @Test
        void application_metrics_and_health_beans_replace_the_starters() {
            runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                    .withUserConfiguration(OwnParts.class).run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(OpsRunsMetrics.class)).isSameAs(context.getBean(OwnParts.class).metrics);
                        assertThat(context.getBean("opsrunsHealthIndicator")).isInstanceOf(String.class);
                        assertThat(context).doesNotHaveBean(OpsRunsHealthIndicator.class);
                    });
        }
    }

    @Nested
    class Meters {

        @Test
        void with_a_MeterRegistry_the_meters_listen_to_the_ledger() {
            runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                OpsRunsMetrics metrics = context.getBean(OpsRunsMetrics.class);
                assertThat(context.getBean(RunsConfig.class).listeners()).containsExactly(metrics);
                assertThat(metrics.tenantTag()).isFalse();
            });
        }

        @Test
        void tenant_tag_opts_in_and_enabled_false_turns_them_off() {
            runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                    .withPropertyValues("opsruns.metrics.tenant-tag=true")
                    .run(context -> assertThat(context.getBean(OpsRunsMetrics.class).tenantTag()).isTrue());
            runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                    .withPropertyValues("opsruns.metrics.enabled=false").run(context -> {
                        assertThat(context).doesNotHaveBean(OpsRunsMetrics.class);
                        assertThat(context.getBean(RunsConfig.class).listeners()).isEmpty();
                    });
        }
    }

    @Test
    void the_health_indicator_can_be_switched_off() {
        runner().withPropertyValues("management.health.opsruns.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OpsRunsHealthIndicator.class));
    }

    @Test
    void with_the_applications_own_Flyway_both_migrate_with_their_own_history() {
        // an application bean that needs the registry is created before any auto-configured bean: only
        // the ordering the starter declares keeps opsruns' migrations behind the host's Flyway then
        runner().withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withUserConfiguration(EarlyRegistryUser.class)
                .withPropertyValues("spring.flyway.locations=classpath:host-migrations").run(context -> {
                    assertThat(context).hasNotFailed();
                    // the host's Flyway (no baseline-on-migrate) would refuse a schema opsruns had filled first
                    assertThat(tables(context.getBean(DataSource.class)))
                            .contains("HOST_ORDERS", "FLYWAY_SCHEMA_HISTORY", "OPSRUNS_RUNS", "OPSRUNS_SCHEMA_HISTORY");
                });
    }

    @Nested
    class Invalid_values_fail_start_up_naming_the_property {

        private ContextConsumer<AssertableApplicationContext> failsWith(String message) {
            return context -> {
                assertThat(context).hasFailed();
                Throwable failure = context.getStartupFailure();
                FailureAnalysis analysis = new OpsRunsFailureAnalyzer().analyze(failure);
                assertThat(analysis).as("analysed: %s", failure).isNotNull();
                assertThat(analysis.getDescription()).isEqualTo("Invalid opsruns configuration: " + message + ".");
            };
        }

        @Test
        void a_negative_failure_cap() {
            runner().withPropertyValues("opsruns.item-failure-cap=-1")
                    .run(failsWith("opsruns.item-failure-cap must be 0-10000, but was -1"));
        }

        @Test
        void a_link_template_without_its_placeholders() {
            runner().withPropertyValues("opsruns.link-template=/runs/{runId}").run(failsWith(
                    "opsruns.link-template must contain {tenant} and {runId}, but was \"/runs/{runId}\""));
        }

        @Test
        void an_unknown_database_name() {
            runner().withPropertyValues("opsruns.database=oracle")
                    .run(failsWith("opsruns.database must be one of auto, h2, postgresql, but was 'oracle'"));
        }

        @Test
        void a_database_name_that_is_not_the_DataSources() {
            runner().withPropertyValues("opsruns.database=postgresql").run(failsWith("opsruns.database must be one of "
                    + "auto, h2, postgresql and match the DataSource, but was 'postgresql' and the DataSource is h2"));
        }

        @Test
        void a_DataSource_that_is_neither_H2_nor_PostgreSQL() {
            runner().withUserConfiguration(MySqlLooking.class).run(failsWith("opsruns.database must be one of auto, h2, "
                    + "postgresql and match the DataSource, but the DataSource is MySQL; opsruns supports H2 and PostgreSQL"));
        }

        @Test
        void an_access_policy_a_schedule_and_a_retention_out_of_range() {
            runner().withPropertyValues("opsruns.access-policy=everyone")
                    .run(failsWith("opsruns.access-policy must be one of standard, view-only, but was 'everyone'"));
            runner().withPropertyValues("opsruns.reaper.interval=0s")
                    .run(failsWith("opsruns.reaper.interval must be a positive duration, but was PT0S"));
            runner().withPropertyValues("opsruns.reaper.max-runs-per-pass=0")
                    .run(failsWith("opsruns.reaper.max-runs-per-pass must be 1-100000, but was 0"));
            runner().withPropertyValues("opsruns.retention.batch-size=100000")
                    .run(failsWith("opsruns.retention.batch-size must be 1-50000, but was 100000"));
        }
    }

    private static List<String> tables(DataSource dataSource) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toUpperCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    @Configuration(proxyBeanMethods = false)
    static class EarlyRegistryUser {
        @Bean
        String producer(RunRegistry registry) {
            return "uses " + registry;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLedger {
        @Bean
        RunLedger ownLedger() {
            return InMemoryRunLedger.create(RunsConfig.defaults());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnParts {
        final OpsRunsMetrics metrics = OpsRunsMetrics.create(new SimpleMeterRegistry());

        @Bean
        OpsRunsMetrics ownMetrics() {
            return metrics;
        }

        @Bean
        String opsrunsHealthIndicator() {
            return "the application's own";
        }
    }

    /** A real H2 database that reports another product name, as a MySQL DataSource would. */
    @Configuration(proxyBeanMethods = false)
    static class MySqlLooking {
        @Bean
        DataSource dataSource() {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL("jdbc:h2:mem:mysql-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        Object result = method.invoke(h2, args);
                        return method.getName().equals("getConnection") ? renamed((Connection) result) : result;
                    });
        }

        private static Connection renamed(Connection c) {
            return (Connection) Proxy.newProxyInstance(MySqlLooking.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        Object result = method.invoke(c, args);
                        if (!method.getName().equals("getMetaData")) {
                            return result;
                        }
                        DatabaseMetaData real = (DatabaseMetaData) result;
                        return Proxy.newProxyInstance(MySqlLooking.class.getClassLoader(),
                                new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> m.getName()
                                        .equals("getDatabaseProductName") ? "MySQL" : m.invoke(real, a));
                    });
        }
    }
}
