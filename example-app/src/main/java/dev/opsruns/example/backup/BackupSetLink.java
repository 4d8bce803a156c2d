package dev.opsruns.example.backup;

import dev.opsruns.core.RelatedLink;
import dev.opsruns.core.RelatedLinkProvider;
import dev.opsruns.core.Run;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The related link of a {@code backup_set.add_policies} run's detail: its backup set. */
public final class BackupSetLink implements RelatedLinkProvider {

    @Override
    public List<RelatedLink> linksFor(Run run) {
        return run.context().getString(AddPoliciesContext.BACKUP_SET_ID)
                .map(set -> List.of(new RelatedLink("Backup set", "/api/tenants/"
                        + URLEncoder.encode(run.tenantId().value(), StandardCharsets.UTF_8) + "/backup-sets/"
                        + URLEncoder.encode(set, StandardCharsets.UTF_8))))
                .orElse(List.of());
    }
}
