package dev.opsruns.spring;

import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunLinkTemplate;
import dev.opsruns.hub.RunsHub;
import dev.opsruns.hub.spi.HubCallers;
import dev.opsruns.hub.spi.HubHost;
import jakarta.servlet.http.HttpServlet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The Operations hub ({@code runs-hub}) mounted under {@code opsruns.hub.base-path} (default
 * {@code /ops}) in a servlet web application, once the application says who its callers are with a
 * {@link HubCallers} bean (its own sign-in, seen from the hub). A {@link HubHost} bean adds the host's
 * names and links. {@code opsruns.hub.enabled=false} leaves it out.
 *
 * <p>While {@code opsruns.link-template} is left at its default, notifications' "View run" links point
 * into the mounted hub ({@code <base-path>/tenants/{tenant}/operations/{runId}}).
 */
@AutoConfiguration(after = OpsRunsAutoConfiguration.class)
@ConditionalOnClass({RunsHub.class, HttpServlet.class, ServletRegistrationBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({RunLedger.class, HubCallers.class})
@ConditionalOnBooleanProperty(name = "opsruns.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "opsruns.hub.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OpsRunsProperties.class)
public class OpsRunsHubAutoConfiguration {

    /** The registration's servlet name. */
    public static final String SERVLET_NAME = "opsRunsHub";

    /** Created by Spring. */
    public OpsRunsHubAutoConfiguration() {
    }

    /**
     * @param ledger the ledger
     * @param callers the application's callers
     * @param host the application's names and links, if it has a {@link HubHost} bean
     * @param properties the settings
     * @return the hub
     */
    @Bean
    @ConditionalOnMissingBean
    public RunsHub opsRunsHub(RunLedger ledger, HubCallers callers, ObjectProvider<HubHost> host, OpsRunsProperties properties) {
        OpsRunsProperties.Hub hub = properties.hub();
        return RunsHub.builder(ledger, callers)
                .basePath(hub.basePath())
                .host(host.getIfAvailable(() -> HubHost.NONE))
                .pageSize(hub.pageSize())
                // the statistics page refuses windows reaching back past what the purge keeps
                .retention(properties.retention().period())
                .build();
    }

    /**
     * @param hub the hub
     * @param properties the settings
     * @return the hub's servlet, mapped under its base path
     */
    @Bean
    @ConditionalOnMissingBean(name = "opsRunsHubRegistration")
    public ServletRegistrationBean<HttpServlet> opsRunsHubRegistration(RunsHub hub, OpsRunsProperties properties) {
        ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(hub.servlet(),
                properties.hub().basePath() + "/*");
        registration.setName(SERVLET_NAME);
        return registration;
    }

    /**
     * @param properties the settings
     * @return a customizer that points "View run" links into the hub, unless the application set its own template
     */
    @Bean
    public OpsRunsConfigCustomizer opsRunsHubLinks(OpsRunsProperties properties) {
        return builder -> {
            if (properties.linkTemplate().equals(RunLinkTemplate.DEFAULT_PATTERN)) {
                builder.linkTemplate(RunLinkTemplate.of(properties.hub().basePath() + RunLinkTemplate.DEFAULT_PATTERN));
            }
        };
    }
}
