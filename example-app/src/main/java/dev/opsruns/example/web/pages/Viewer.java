package dev.opsruns.example.web.pages;

import dev.opsruns.core.Notification;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunAccessPolicy;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.example.tenancy.Tenant;
import java.util.List;
import java.util.Optional;

/**
 * Who is looking at a tenant's page (already allowed to view it), with what the page chrome shows: the
 * tenant, the caller's role there, the caller's tenants for the switcher, recent notifications, and the
 * token start forms carry. Whether a start action is offered is the access policy's decision, the same
 * one the start endpoints enforce.
 *
 * @param principal the caller
 * @param tenant the tenant of the page
 * @param tenants every tenant the caller has a role in, ordered by id
 * @param notifications the caller's newest notifications in the tenant
 * @param csrfToken the token start forms carry
 * @param access the access policy
 */
record Viewer(Principal principal, Tenant tenant, List<Tenant> tenants, List<Notification> notifications, String csrfToken,
        RunAccessPolicy access) {

    /** Compact constructor: copies the lists. */
    Viewer {
        tenants = List.copyOf(tenants);
        notifications = List.copyOf(notifications);
    }

    /** @return the tenant's id */
    TenantId tenantId() {
        return tenant.id();
    }

    /** @return the caller's role in the tenant, if it has one */
    Optional<TenantRole> role() {
        return principal.roleIn(tenant.id());
    }

    /** @return the role's name, for showing */
    String roleName() {
        return role().map(Enum::name).orElse("viewer");
    }

    /**
     * @param runType a producer's run type
     * @return true when the caller may start such runs here
     */
    boolean canStart(RunType runType) {
        return access.canStart(principal, tenant.id(), runType);
    }

    /** @return the tenant's path prefix, such as {@code /tenants/contoso} */
    String base() {
        return "/tenants/" + Urls.segment(tenant.id().value());
    }
}
