package dev.opsruns.example.backup;

import dev.opsruns.core.TenantId;
import dev.opsruns.example.domain.RefusedException;
import java.util.UUID;

/** No backup set with this id exists in the tenant (also when it exists in another tenant). */
public final class BackupSetNotFoundException extends RefusedException {

    /**
     * @param tenantId the tenant asked
     * @param id the backup set id
     */
    public BackupSetNotFoundException(TenantId tenantId, UUID id) {
        super(Kind.NOT_FOUND, "backupSetId", "backup set " + id + " not found in tenant " + tenantId
                + "; GET /api/tenants/" + tenantId + "/backup-sets lists the tenant's backup sets");
    }
}
