package dev.opsruns.example.tenancy;

import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import java.util.Map;

/**
 * What start-up prints and the sign-in page shows of one demo user: who it is and its role in each
 * tenant. Never its bearer token: only a hash of that is stored.
 *
 * @param id the user's id
 * @param displayName the user's name
 * @param roles the user's role per tenant, ordered by tenant
 */
public record DemoUserCard(String id, String displayName, Map<TenantId, TenantRole> roles) {
    /** Compact constructor: keeps the roles' order. */
    public DemoUserCard {
        roles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(roles));
    }
}
