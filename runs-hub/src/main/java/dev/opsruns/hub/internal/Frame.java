package dev.opsruns.hub.internal;

import dev.opsruns.hub.spi.HostLink;
import java.util.List;

/**
 * What every page's shell shows: the title, the header (tenant switcher, notifications, the caller and
 * the host's account actions), the navigation and the breadcrumbs.
 *
 * @param title the page title
 * @param brandUrl where the brand leads
 * @param cssUrl the hub's stylesheet
 * @param jsUrl the hub's script
 * @param iconUrl the favicon
 * @param tenant the page's tenant chrome, or null on pages outside a tenant
 * @param userName the signed-in caller, or null
 * @param account the host's account actions
 * @param crumbs the breadcrumbs, the last one the page itself
 */
public record Frame(String title, String brandUrl, String cssUrl, String jsUrl, String iconUrl, TenantChrome tenant,
        String userName, List<HostLink> account, List<Crumb> crumbs) {

    /**
     * One step of the breadcrumbs.
     *
     * @param label what to show
     * @param url where it leads, or null for a step without a page
     */
    public record Crumb(String label, String url) {
    }

    /**
     * A navigation entry.
     *
     * @param label what to show
     * @param url where it leads
     * @param current true for the page's own section
     */
    public record NavLink(String label, String url, boolean current) {
    }

    /**
     * The chrome of a tenant's page.
     *
     * @param name the tenant's name
     * @param roleName the caller's role there
     * @param switcher the caller's tenants with their list URLs (the current one marked)
     * @param nav the navigation: Operations, then the host's pages
     * @param notes the caller's notifications in the tenant
     */
    public record TenantChrome(String name, String roleName, List<NavLink> switcher, List<NavLink> nav, NotesMenu notes) {
    }
}
