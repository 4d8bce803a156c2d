package dev.opsruns.hub.spi;

import dev.opsruns.core.Principal;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * The host around the hub: names it shows and links into the host's own pages. Every method has a
 * default, so a host overrides only what it has; {@link #NONE} is a host with nothing to add.
 */
public interface HubHost {

    /** A host with no pages of its own to link to: tenant ids as names, run types as they are. */
    HubHost NONE = new HubHost() {
    };

    /**
     * @param tenantId a tenant
     * @return what people call it (default: its id)
     */
    default String tenantName(TenantId tenantId) {
        return tenantId.value();
    }

    /**
     * @param principal the caller
     * @return the tenants the switcher offers (default: every tenant the principal has a role in, by id)
     */
    default List<TenantId> tenantsOf(Principal principal) {
        return principal.roles().keySet().stream().sorted(java.util.Comparator.comparing(TenantId::value)).toList();
    }

    /**
     * @return the run types the list's type filter offers (default: none, and then the filter is not
     *     shown); a {@code type} in the URL outside a non-empty set is refused with 400
     */
    default java.util.Set<RunType> runTypes() {
        return java.util.Set.of();
    }

    /**
     * @param runType a run type
     * @return its label (default: built from the type, such as "Drift: generate" for {@code drift.generate})
     */
    default String runTypeLabel(RunType runType) {
        String resource = runType.resource().replace('_', ' ');
        return Character.toUpperCase(resource.charAt(0)) + resource.substring(1) + ": " + runType.action().replace('_', ' ');
    }

    /**
     * @param principal the caller
     * @param tenantId the tenant of the page
     * @return the host's pages of that tenant, shown in the navigation after "Operations" (default: none)
     */
    default List<HostLink> navigation(Principal principal, TenantId tenantId) {
        return List.of();
    }

    /**
     * @param principal the caller
     * @return account actions shown beside the caller's name, such as signing out (default: none)
     */
    default List<HostLink> account(Principal principal) {
        return List.of();
    }

    /**
     * @return the host's home page, the brand link's target (default: none, the brand links to the hub)
     */
    default Optional<String> homeUrl() {
        return Optional.empty();
    }

    /**
     * @param returnTo the hub URL (path and query) the caller asked for
     * @return where to send a caller who is not signed in, or empty to answer 401
     */
    default Optional<String> signInUrl(String returnTo) {
        return Optional.empty();
    }
}
