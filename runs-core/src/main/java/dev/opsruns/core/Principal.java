package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.Map;
import java.util.Optional;

/**
 * The caller of a read or a user-initiated start: a user with a role per tenant. Hosts build it from
 * their own sessions and memberships.
 *
 * <p>Maintenance and recovery code, which acts for no user, reads through {@link #systemReader}: a
 * principal that may view every tenant and start nothing.
 *
 * @param userId the host's user id
 * @param displayName the user's display name
 * @param roles the user's role in each tenant it belongs to
 * @param readsEveryTenant true for a {@link #systemReader}: {@link TenantRole#READONLY} in every tenant
 *     without a role of its own
 */
public record Principal(String userId, String displayName, Map<TenantId, TenantRole> roles, boolean readsEveryTenant) {

    /**
     * @param userId the host's user id
     * @param displayName the user's display name
     * @param roles the user's role in each tenant it belongs to
     * @param readsEveryTenant true for a {@link #systemReader}: {@link TenantRole#READONLY} in every tenant without a role of its own
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
     * A user with a role in each tenant of {@code roles}.
     *
     * @param userId the host's user id
     * @param displayName the user's display name
     * @param roles the user's role in each tenant it belongs to
     * @throws InvalidRunInputException when a part is null or invalid
     */
    public Principal(String userId, String displayName, Map<TenantId, TenantRole> roles) {
        this(userId, displayName, roles, false);
    }

    /**
     * A reader for code that acts for no user (the reaper's host, recovery at start-up, exports): it
     * may view every tenant's runs and may start none. Runs it would start are started with
     * {@link StartRequest#bySystem} instead.
     *
     * @param componentName the component reading, such as {@code pending-run-recovery}
     * @return the principal, with user id {@code system.<componentName>}
     * @throws InvalidRunInputException when the name is not a valid user id part
     */
    public static Principal systemReader(String componentName) {
        Checks.notNull(componentName, "componentName");
        return new Principal("system." + componentName, "System (" + componentName + ")", Map.of(), true);
    }

    /**
     * @param tenantId a tenant
     * @return the user's role there, if any ({@link TenantRole#READONLY} everywhere for a system reader)
     */
    public Optional<TenantRole> roleIn(TenantId tenantId) {
        TenantRole role = roles.get(tenantId);
        return role == null && readsEveryTenant ? Optional.of(TenantRole.READONLY) : Optional.ofNullable(role);
    }

    /** @return the initiator recorded when this principal starts a run */
    public Initiator.User asInitiator() {
        return new Initiator.User(userId, displayName);
    }
}
