package dev.opsruns.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.core.Principal;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.hub.spi.HubCallers;
import jakarta.servlet.http.HttpServlet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The hub mounted by the starter in a servlet web application on H2: its registration under the base
 * path, a real page rendered by the mounted servlet for a caller the host's {@link HubCallers} names,
 * "View run" links into the hub, and the conditions that leave it out.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpsRunsHubAutoConfigurationTest {

    private static final TenantId CONTOSO = TenantId.of("contoso");
    private static final Principal OLIVIA = new Principal("olivia", "Olivia Owner", Map.of(CONTOSO, TenantRole.OWNER));

    private static WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, OpsRunsAutoConfiguration.class,
                        OpsRunsHubAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:hub-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "opsruns.reaper.enabled=false", "opsruns.retention.enabled=false");
    }

    /** A host whose sign-in is a request header naming the user. */
    @Configuration(proxyBeanMethods = false)
    static class HeaderSignIn {
        @Bean
        HubCallers hubCallers() {
            return request -> "olivia".equals(request.getHeader("X-User")) ? Optional.of(OLIVIA) : Optional.empty();
        }
    }

    @Test
    void with_a_HubCallers_bean_the_hub_is_mounted_under_ops_and_renders_the_callers_runs() {
        runner().withUserConfiguration(HeaderSignIn.class).run(context -> {
            assertThat(context).hasNotFailed();
            @SuppressWarnings("unchecked")
            ServletRegistrationBean<HttpServlet> registration = context.getBean("opsRunsHubRegistration", ServletRegistrationBean.class);
            assertThat(registration.getUrlMappings()).containsExactly("/ops/*");
            RunLedger ledger = context.getBean(RunLedger.class);
            var run = ledger.registry().startOrReuse(StartRequest.byUser(OLIVIA, CONTOSO, RunType.of("drift.generate"),
                    RunContext.builder().put("scope_key", "all").build())).run();

            MockHttpServletResponse page = get(registration.getServlet(), "/tenants/contoso/operations", "olivia");
            assertThat(page.getStatus()).isEqualTo(200);
            assertThat(page.getContentType()).startsWith("text/html");
            assertThat(page.getHeader("Content-Security-Policy")).isNotBlank();
            assertThat(page.getContentAsString()).contains("/ops/tenants/contoso/operations/" + run.id());

            assertThat(get(registration.getServlet(), "/tenants/contoso/operations", null).getStatus())
                    .as("nobody signed in").isIn(302, 303, 401);
            assertThat(ledger.config().linkTemplate().viewRunUrl(CONTOSO, run.id())).isEqualTo("/ops/tenants/contoso/operations/" + run.id());
        });
    }

    @Test
    void a_base_path_of_ones_own_is_used_and_an_explicit_link_template_is_kept() {
        runner().withUserConfiguration(HeaderSignIn.class)
                .withPropertyValues("opsruns.hub.base-path=/admin/runs/", "opsruns.link-template=https://ops.example.test/r/{tenant}/{runId}")
                .run(context -> {
                    ServletRegistrationBean<?> registration = context.getBean("opsRunsHubRegistration", ServletRegistrationBean.class);
                    assertThat(registration.getUrlMappings()).containsExactly("/admin/runs/*");
                    RunLedger ledger = context.getBean(RunLedger.class);
                    var run = ledger.registry().startOrReuse(StartRequest.byUser(OLIVIA, CONTOSO, RunType.of("drift.generate"),
                            RunContext.builder().put("scope_key", "x").build())).run();
                    assertThat(ledger.config().linkTemplate().viewRunUrl(CONTOSO, run.id()))
                            .isEqualTo("https://ops.example.test/r/contoso/" + run.id());
                });
    }

    @Test
    void without_a_HubCallers_bean_or_when_disabled_there_is_no_hub() {
        runner().run(context -> assertThat(context).doesNotHaveBean("opsRunsHubRegistration"));
        runner().withUserConfiguration(HeaderSignIn.class).withPropertyValues("opsruns.hub.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("opsRunsHubRegistration"));
    }

    @Test
    void a_bad_base_path_fails_the_start_naming_the_property() {
        runner().withUserConfiguration(HeaderSignIn.class).withPropertyValues("opsruns.hub.base-path=ops;rm")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidOpsRunsPropertyException.class).hasMessageContaining("opsruns.hub.base-path"));
    }

    private static MockHttpServletResponse get(HttpServlet servlet, String path, String user) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ops" + path);
        request.setServletPath("/ops");
        request.setPathInfo(path);
        if (user != null) {
            request.addHeader("X-User", user);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        servlet.init(new org.springframework.mock.web.MockServletConfig("opsRunsHub"));
        servlet.service(request, response);
        return response;
    }
}
