package dev.opsruns.jdbi.internal;

import dev.opsruns.core.TenantId;
import java.time.Instant;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * One user's visit to one tenant, about to be recorded.
 *
 * @param tenantId the tenant
 * @param userId the user
 * @param at when, in whole microseconds
 */
record Visit(TenantId tenantId, String userId, Instant at) {

    /** Binds {@code :tenant}, {@code :user} and {@code :at}. */
    <S extends SqlStatement<S>> S bind(S statement) {
        return statement.bind("tenant", tenantId.value()).bind("user", userId).bind("at", Binds.instant(at));
    }
}
