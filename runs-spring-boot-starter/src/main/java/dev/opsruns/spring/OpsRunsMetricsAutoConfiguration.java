package dev.opsruns.spring;

import dev.opsruns.micrometer.OpsRunsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * opsruns' meters ({@link OpsRunsMetrics}) when the application has a {@link MeterRegistry} (Boot's
 * actuator provides one): a run listener bean that {@link OpsRunsAutoConfiguration} adds to the
 * ledger's configuration. {@code opsruns.metrics.enabled=false} turns them off;
 * {@code opsruns.metrics.tenant-tag=true} adds the tenant tag.
 */
@AutoConfiguration(before = OpsRunsAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, OpsRunsMetrics.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "opsruns.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "opsruns.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OpsRunsProperties.class)
public class OpsRunsMetricsAutoConfiguration {

    /** Created by Spring. */
    public OpsRunsMetricsAutoConfiguration() {
    }

    /**
     * @param registry the application's meter registry
     * @param properties the settings
     * @return the meters, as a run listener
     */
    @Bean
    @ConditionalOnMissingBean
    public OpsRunsMetrics opsRunsMetrics(MeterRegistry registry, OpsRunsProperties properties) {
        return OpsRunsMetrics.builder(registry).tenantTag(properties.metrics().tenantTag()).build();
    }
}
