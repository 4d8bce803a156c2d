package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.Map;
import java.util.Optional;

/**
 * The caller of a read or a user-initiated start: a user with a role per tenant. Hosts build it from
 * their own sessions and memberships.
 *
 * @param userId the host's user id
 * @param displayName the user's display name
 * @param roles the user's role in each tenant it belongs to
 */
public record Principal(String userId, String displayName, Map<TenantId, TenantRole> roles) {

    /**
     * @throws InvalidRunInputException when a part is null or invalid
     */
    public Principal {
        new Initiator.User(userId, displayName); // same rules as the initiator it becomes
        Checks.notNull(roles, "roles").forEach((tenant, role) -> {
            Checks.notNull(tenant, "roles.tenantId");
            Checks.notNull(role, "roles.role");
        });
        roles = Map.copyOf(roles);
    }

    /**
     * @param tenantId a tenant
     * @return the user's role there, if any
     */
    public Optional<TenantRole> roleIn(TenantId tenantId) {
        return Optional.ofNullable(roles.get(tenantId));
    }

    /** @return the initiator recorded when this principal starts a run */
    public Initiator.User asInitiator() {
        return new Initiator.User(userId, displayName);
    }
}
