package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * SPI: builds the "View run" URL that notifications carry.
 */
@FunctionalInterface
public interface RunLinkTemplate {

    /** The default pattern. */
    String DEFAULT_PATTERN = "/tenants/{tenant}/operations/{runId}";

    /**
     * @param tenantId the run's tenant
     * @param runId the run
     * @return the URL of the run's detail page
     */
    String viewRunUrl(TenantId tenantId, RunId runId);

    /** @return the template for {@value #DEFAULT_PATTERN} */
    static RunLinkTemplate standard() {
        return of(DEFAULT_PATTERN);
    }

    /**
     * @param pattern a URL holding {@code {tenant}} and {@code {runId}}; the tenant is URL-encoded
     * @return the template
     * @throws InvalidRunInputException when a placeholder is missing
     */
    static RunLinkTemplate of(String pattern) {
        Checks.notNull(pattern, "linkTemplate");
        if (!pattern.contains("{tenant}") || !pattern.contains("{runId}")) {
            throw new InvalidRunInputException("linkTemplate", "must contain {tenant} and {runId}, but was " + Checks.quote(pattern));
        }
        return (tenantId, runId) -> pattern
                .replace("{tenant}", URLEncoder.encode(tenantId.value(), StandardCharsets.UTF_8).replace("+", "%20"))
                .replace("{runId}", runId.toString());
    }
}
