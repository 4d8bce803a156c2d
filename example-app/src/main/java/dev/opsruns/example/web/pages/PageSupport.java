package dev.opsruns.example.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.tenancy.Tenant;
import dev.opsruns.example.tenancy.UserDirectory;
import dev.opsruns.example.web.Callers;
import dev.opsruns.example.web.TenantCaller;
import dev.opsruns.hub.spi.SafeUrls;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What every page needs: the caller as a {@link Viewer} of the tenant, the page shell, the app's clock, value text. */
final class PageSupport {

    /** How many notifications the menu reads. */
    static final int MENU_NOTIFICATIONS = 30;

    /** Where a page of a tenant belongs, for the navigation's "current page" marker and the tenant switcher. */
    enum Section {
        /** Monitoring: the Operations hub (and the findings pages it links to). */
        OPERATIONS("operations"),
        /** The drift landing. */
        DRIFT("drift"),
        /** Backup sets. */
        BACKUP_SETS("backup-sets");

        private final String path;

        Section(String path) {
            this.path = path;
        }

        String urlIn(TenantId tenant) {
            return "/tenants/" + Urls.segment(tenant.value()) + "/" + path;
        }
    }

    final RunLedger ledger;
    final Callers callers;
    final UserDirectory users;
    final Csrf csrf;
    private final ObjectMapper json;

    PageSupport(RunLedger ledger, Callers callers, UserDirectory users, Csrf csrf, ObjectMapper json) {
        this.ledger = ledger;
        this.callers = callers;
        this.users = users;
        this.csrf = csrf;
        this.json = json;
    }

    /**
     * Checks who is calling and that it may view the path's tenant; pages call it before they look at
     * any other part of the request.
     *
     * @param ctx a request with a {@code {tenant}} path parameter
     * @return the caller, allowed to view the tenant
     * @throws dev.opsruns.example.auth.AuthenticationRequiredException (401) when not signed in
     * @throws dev.opsruns.core.RunAccessDeniedException (403) when the caller has no role in the tenant
     */
    Viewer viewer(Context ctx) {
        TenantCaller caller = callers.inTenant(ctx);
        Principal principal = caller.principal();
        TenantId tenant = caller.tenant();
        List<Tenant> all = users.tenants();
        List<Tenant> mine = all.stream().filter(t -> principal.roleIn(t.id()).isPresent()).toList();
        Tenant current = all.stream().filter(t -> t.id().equals(tenant)).findFirst().orElse(new Tenant(tenant, tenant.value()));
        return new Viewer(principal, current, mine,
                ledger.notifications().list(principal, tenant, false, MENU_NOTIFICATIONS), csrf.token(ctx),
                ledger.config().accessPolicy());
    }

    /**
     * @param ctx the request (this page, for the mark-read form's way back)
     * @param viewer who looks, in which tenant
     * @param section where the page belongs
     * @param title the page title
     * @param crumbs the breadcrumbs (label, url or null); the last one is the page itself
     * @return the shell of a tenant's page
     */
    Models.Frame frame(Context ctx, Viewer viewer, Section section, String title, List<Models.Nav> crumbs) {
        List<Models.Nav> switcher = viewer.tenants().stream()
                .map(t -> new Models.Nav(t.displayName(), section.urlIn(t.id()), t.id().equals(viewer.tenantId()))).toList();
        List<Models.Nav> nav = List.of(
                new Models.Nav("Operations", Section.OPERATIONS.urlIn(viewer.tenantId()), section == Section.OPERATIONS),
                new Models.Nav("Drift", Section.DRIFT.urlIn(viewer.tenantId()), section == Section.DRIFT),
                new Models.Nav("Backup sets", Section.BACKUP_SETS.urlIn(viewer.tenantId()), section == Section.BACKUP_SETS));
        List<Models.Note> ends = new ArrayList<>();
        List<Models.Note> starts = new ArrayList<>();
        for (Notification n : viewer.notifications()) {
            Models.Note note = new Models.Note(n.id().toString(), Show.notification(n.runType(), n.kind()), n.body(),
                    Show.time(n.createdAt(), ""), SafeUrls.isSafe(n.actionUrl()) ? n.actionUrl() : null, n.actionLabel(),
                    !n.isRead());
            (n.kind() == NotificationKind.QUEUED || n.kind() == NotificationKind.REUSED ? starts : ends).add(note);
        }
        String query = ctx.queryString();
        Models.Notes notes = new Models.Notes(viewer.tenant().displayName(), ends.stream().filter(Models.Note::unread).count(),
                ends, starts, viewer.notifications().stream().anyMatch(n -> !n.isRead()),
                viewer.base() + "/notifications/read", ctx.path() + (query == null ? "" : "?" + query));
        List<Models.Nav> marked = new ArrayList<>();
        for (int i = 0; i < crumbs.size(); i++) {
            Models.Nav c = crumbs.get(i);
            marked.add(new Models.Nav(c.label(), c.url(), i == crumbs.size() - 1));
        }
        return new Models.Frame(title + " · " + viewer.tenant().displayName(), viewer.principal().displayName(),
                viewer.tenant().displayName(), viewer.roleName(), switcher, nav, notes, marked);
    }

    /**
     * @param title the page title
     * @param signedIn the signed-in user's name, or null
     * @return the shell of a page outside any tenant (sign-in, home, errors)
     */
    static Models.Frame plainFrame(String title, String signedIn) {
        return new Models.Frame(title, signedIn, null, null, List.of(), List.of(), null, List.of());
    }

    /** @return the app's clock's now */
    Instant now() {
        return ledger.config().clock().instant();
    }

    /**
     * @param context a run's context
     * @return its entries: strings as they are, lists of strings comma-separated, anything else as JSON text
     */
    List<Models.Entry> context(Map<String, Object> context) {
        List<Models.Entry> entries = new ArrayList<>();
        context.forEach((k, v) -> entries.add(new Models.Entry(k, value(v))));
        return entries;
    }

    private String value(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            return String.join(", ", list.stream().map(String.class::cast).toList());
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** @return a crumb */
    static Models.Nav crumb(String label, String url) {
        return new Models.Nav(label, url, false);
    }
}
