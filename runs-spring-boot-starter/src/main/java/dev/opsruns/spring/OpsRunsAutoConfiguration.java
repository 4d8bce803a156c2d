package dev.opsruns.spring;

import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.RunAccessPolicy;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunListener;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.jdbi.JdbiRunLedger;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * opsruns over the application's {@link DataSource}: its schema (migrated after the application's
 * own Flyway or Liquibase migrations), a {@link RunsConfig} from the {@code opsruns.*} properties and
 * every {@link RunListener} and {@link OpsRunsConfigCustomizer} bean, the {@link RunLedger} with its
 * registry, queries, inbox and maintenance as beans, and the reaper and purge schedules. Every bean
 * backs off when the application defines its own. {@code opsruns.enabled=false} turns it all off.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"})
@ConditionalOnClass(JdbiRunLedger.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "opsruns.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OpsRunsProperties.class)
public class OpsRunsAutoConfiguration {

    /** Created by Spring. */
    public OpsRunsAutoConfiguration() {
    }

    /**
     * @param dataSource the application's database
     * @param properties the settings
     * @return the checked and migrated schema
     */
    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    public OpsRunsSchema opsRunsSchema(DataSource dataSource, OpsRunsProperties properties) {
        return OpsRunsSchema.prepare(dataSource, properties);
    }

    /**
     * @param properties the settings
     * @param accessPolicy an access policy bean of the application's, replacing {@code opsruns.access-policy}
     * @param listeners every run listener bean (the meters among them), in bean order
     * @param customizers every customizer bean, in bean order
     * @return the configuration of the ledger
     */
    @Bean
    @ConditionalOnMissingBean
    public RunsConfig opsRunsConfig(OpsRunsProperties properties, ObjectProvider<RunAccessPolicy> accessPolicy,
            ObjectProvider<RunListener> listeners, ObjectProvider<OpsRunsConfigCustomizer> customizers) {
        RunsConfig.Builder builder = properties.configBuilder(Clock.systemUTC());
        accessPolicy.ifAvailable(builder::accessPolicy);
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /**
     * @param dataSource the application's database
     * @param config the configuration
     * @param schema the schema, prepared before the ledger is used
     * @return the ledger
     */
    @Bean
    @ConditionalOnMissingBean
    public RunLedger opsRunsLedger(DataSource dataSource, RunsConfig config, OpsRunsSchema schema) {
        return JdbiRunLedger.builder(dataSource).config(config).vendor(schema.vendor()).build();
    }

    /**
     * @param ledger the ledger
     * @return its write side
     */
    @Bean
    @ConditionalOnMissingBean
    public RunRegistry opsRunsRegistry(RunLedger ledger) {
        return ledger.registry();
    }

    /**
     * @param ledger the ledger
     * @return its monitoring side
     */
    @Bean
    @ConditionalOnMissingBean
    public RunQueries opsRunsQueries(RunLedger ledger) {
        return ledger.queries();
    }

    /**
     * @param ledger the ledger
     * @return its notifications
     */
    @Bean
    @ConditionalOnMissingBean
    public NotificationInbox opsRunsNotifications(RunLedger ledger) {
        return ledger.notifications();
    }

    /**
     * @param ledger the ledger
     * @return its reaper and purge
     */
    @Bean
    @ConditionalOnMissingBean
    public RunMaintenance opsRunsMaintenance(RunLedger ledger) {
        return ledger.maintenance();
    }

    /**
     * @param ledger the ledger
     * @param properties the schedules
     * @return the reaper and purge schedule
     */
    @Bean
    @ConditionalOnMissingBean
    public OpsRunsMaintenanceScheduler opsRunsMaintenanceScheduler(RunLedger ledger, OpsRunsProperties properties) {
        return new OpsRunsMaintenanceScheduler(ledger, properties);
    }
}
