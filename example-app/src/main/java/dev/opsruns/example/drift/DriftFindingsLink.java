package dev.opsruns.example.drift;

import dev.opsruns.core.RelatedLink;
import dev.opsruns.core.RelatedLinkProvider;
import dev.opsruns.core.Run;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The related link of a {@code drift.generate} run's detail: its drift findings. */
public final class DriftFindingsLink implements RelatedLinkProvider {

    @Override
    public List<RelatedLink> linksFor(Run run) {
        String tenant = URLEncoder.encode(run.tenantId().value(), StandardCharsets.UTF_8);
        return List.of(new RelatedLink("Drift findings", "/api/tenants/" + tenant + "/runs/" + run.id() + "/drift-findings"));
    }
}
