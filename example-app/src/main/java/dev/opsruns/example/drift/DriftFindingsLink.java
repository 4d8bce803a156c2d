package dev.opsruns.example.drift;

import dev.opsruns.core.RelatedLink;
import dev.opsruns.core.RelatedLinkProvider;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunId;
import dev.opsruns.core.TenantId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The related link of a {@code drift.generate} run's detail: its drift findings. The URL is the findings
 * page, which answers browsers with HTML and API clients with JSON. A run that failed produced no
 * findings, so it gets no link: "0 added, 0 removed, 0 changed" would read as "no drift".
 */
public final class DriftFindingsLink implements RelatedLinkProvider {

    /** The link's label. */
    public static final String LABEL = "Drift findings";

    @Override
    public List<RelatedLink> linksFor(Run run) {
        if (run.bucket() == dev.opsruns.core.StatusBucket.FAILED) {
            return List.of();
        }
        return List.of(new RelatedLink(LABEL, url(run.tenantId(), run.id())));
    }

    /**
     * @param tenantId the run's tenant
     * @param runId a drift run
     * @return its findings page
     */
    public static String url(TenantId tenantId, RunId runId) {
        return "/tenants/" + URLEncoder.encode(tenantId.value(), StandardCharsets.UTF_8) + "/operations/" + runId
                + "/drift-findings";
    }
}
