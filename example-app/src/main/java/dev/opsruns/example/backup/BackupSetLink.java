package dev.opsruns.example.backup;

import dev.opsruns.core.RelatedLink;
import dev.opsruns.core.RelatedLinkProvider;
import dev.opsruns.core.Run;
import dev.opsruns.core.TenantId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The related link of a {@code backup_set.add_policies} run's detail: its backup set. The URL is the
 * backup set's page, which answers browsers with HTML and API clients with JSON.
 */
public final class BackupSetLink implements RelatedLinkProvider {

    /** The link's label. */
    public static final String LABEL = "Backup set";

    @Override
    public List<RelatedLink> linksFor(Run run) {
        return run.context().getString(AddPoliciesContext.BACKUP_SET_ID)
                .map(set -> List.of(new RelatedLink(LABEL, url(run.tenantId(), set))))
                .orElse(List.of());
    }

    /**
     * @param tenantId the tenant
     * @param backupSetId a backup set's id
     * @return its page
     */
    public static String url(TenantId tenantId, String backupSetId) {
        return "/tenants/" + URLEncoder.encode(tenantId.value(), StandardCharsets.UTF_8) + "/backup-sets/"
                + URLEncoder.encode(backupSetId, StandardCharsets.UTF_8);
    }
}
