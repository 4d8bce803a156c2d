package dev.opsruns.spring;

import dev.opsruns.core.RunLedger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code opsruns} health component ({@link OpsRunsHealthIndicator}) when Boot's health support is
 * on the class path and a {@link RunLedger} bean exists. {@code management.health.opsruns.enabled=false}
 * turns it off.
 */
@AutoConfiguration(after = OpsRunsAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(RunLedger.class)
@ConditionalOnEnabledHealthIndicator("opsruns")
@EnableConfigurationProperties(OpsRunsProperties.class)
public class OpsRunsHealthAutoConfiguration {

    /** Created by Spring. */
    public OpsRunsHealthAutoConfiguration() {
    }

    /**
     * @param ledger the ledger
     * @param properties the reaper's thresholds
     * @param scheduler the maintenance schedule, when there is one
     * @return the health indicator, named {@code opsruns}
     */
    @Bean
    @ConditionalOnMissingBean(name = "opsrunsHealthIndicator")
    public OpsRunsHealthIndicator opsrunsHealthIndicator(RunLedger ledger, OpsRunsProperties properties,
            ObjectProvider<OpsRunsMaintenanceScheduler> scheduler) {
        return new OpsRunsHealthIndicator(ledger, properties.reaper().policy(), scheduler.getIfAvailable());
    }
}
