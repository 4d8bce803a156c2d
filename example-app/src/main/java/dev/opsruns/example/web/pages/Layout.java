package dev.opsruns.example.web.pages;

import dev.opsruns.core.Notification;
import dev.opsruns.example.tenancy.Tenant;
import io.javalin.http.Context;
import java.util.List;

/**
 * The page shell every page shares: head (the app's own stylesheet and script, nothing from elsewhere),
 * skip link, header with the tenant switcher, notifications menu and sign-out, the main navigation,
 * breadcrumbs and footer. Pages are sent with a Content-Security-Policy that allows only this app's
 * own files, so even a mistake in escaping could not run a script.
 */
final class Layout {

    /** Where in the app a page belongs, for the navigation's "current page" marker and the tenant switcher. */
    enum Section {
        /** Monitoring: the Operations hub (list, detail, findings). */
        OPERATIONS("operations"),
        /** The drift landing. */
        DRIFT("drift"),
        /** Backup sets. */
        BACKUP_SETS("backup-sets");

        private final String path;

        Section(String path) {
            this.path = path;
        }

        String url(Viewer viewer) {
            return viewer.base() + "/" + path;
        }

        String urlIn(Tenant tenant) {
            return "/tenants/" + Urls.segment(tenant.id().value()) + "/" + path;
        }
    }

    /**
     * One step of the breadcrumbs.
     *
     * @param label what to show
     * @param url where it leads, or null for the current page
     */
    record Crumb(String label, String url) {
    }

    /** Only this app's own files; no inline script or style; forms post only here; no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private Layout() {
    }

    /**
     * Sends a page of a tenant.
     *
     * @param ctx the request
     * @param viewer who looks, in which tenant
     * @param section where the page belongs
     * @param title the page title (also its h1 is the page's business)
     * @param crumbs the breadcrumbs, the last one the page itself
     * @param main the page's content
     */
    static void tenantPage(Context ctx, Viewer viewer, Section section, String title, List<Crumb> crumbs, Html main) {
        Html header = Html.of("""
                <header class="site-header">
                  <div class="bar">
                    <a class="brand" href="/">opsruns <span class="brand-sub">demo</span></a>
                    {}
                    <div class="tools">{}{}</div>
                  </div>
                  <nav class="main-nav" aria-label="Main">
                    <ul>
                      <li class="nav-group" aria-hidden="true">Monitoring</li>
                      <li>{}</li>
                      <li class="nav-group" aria-hidden="true">Producers</li>
                      <li>{}</li>
                      <li>{}</li>
                    </ul>
                  </nav>
                </header>
                """, tenantSwitcher(viewer, section), notifications(viewer), user(viewer),
                navLink(viewer, Section.OPERATIONS, section, "Operations"), navLink(viewer, Section.DRIFT, section, "Drift"),
                navLink(viewer, Section.BACKUP_SETS, section, "Backup sets"));
        send(ctx, 200, title + " · " + viewer.tenant().displayName(), header, Html.of("{}{}", breadcrumbs(crumbs), main));
    }

    /**
     * Sends a page outside any tenant (sign-in, home, errors).
     *
     * @param ctx the request
     * @param status the HTTP status
     * @param title the page title
     * @param signedIn the signed-in user's name for the header, or null
     * @param main the page's content
     */
    static void plainPage(Context ctx, int status, String title, String signedIn, Html main) {
        Html user = signedIn == null ? Html.EMPTY : Html.of("""
                <div class="tools"><span class="user">{}</span>
                <form class="inline" method="post" action="/sign-out"><button type="submit" class="link-button">Sign out</button></form></div>
                """, signedIn);
        Html header = Html.of("""
                <header class="site-header">
                  <div class="bar"><a class="brand" href="/">opsruns <span class="brand-sub">demo</span></a>{}</div>
                </header>
                """, user);
        send(ctx, status, title, header, main);
    }

    private static void send(Context ctx, int status, String title, Html header, Html main) {
        Html page = Html.of("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{} · opsruns demo</title>
                <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
                <link rel="stylesheet" href="/static/hub.css">
                <script src="/static/hub.js" defer></script>
                </head>
                <body>
                <a class="skip-link" href="#main">Skip to main content</a>
                {}
                <main id="main" tabindex="-1">
                {}
                </main>
                <footer class="site-footer">
                  <p>Times are shown in <span data-time-zone>UTC</span>.
                  The Operations hub is view-only: there is no rerun, cancel or delete.</p>
                </footer>
                </body>
                </html>
                """, title, header, main);
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "same-origin");
        ctx.status(status).contentType("text/html; charset=utf-8").result(page.toString());
    }

    private static Html breadcrumbs(List<Crumb> crumbs) {
        Crumb last = crumbs.get(crumbs.size() - 1);
        return Html.of("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol>{}</ol></nav>", Html.each(crumbs,
                c -> c == last
                        ? Html.of("<li><span aria-current=\"page\">{}</span></li>", c.label())
                        : c.url() == null
                                ? Html.of("<li><span>{}</span></li>", c.label())
                                : Html.of("<li><a href=\"{}\">{}</a></li>", c.url(), c.label())));
    }

    private static Html navLink(Viewer viewer, Section target, Section current, String label) {
        return target == current
                ? Html.of("<a href=\"{}\" aria-current=\"page\">{}</a>", target.url(viewer), label)
                : Html.of("<a href=\"{}\">{}</a>", target.url(viewer), label);
    }

    private static Html tenantSwitcher(Viewer viewer, Section section) {
        if (viewer.tenants().size() < 2) {
            return Html.of("<span class=\"tenant\"><span class=\"muted\">Tenant</span> {}</span>",
                    viewer.tenant().displayName());
        }
        Html items = Html.each(viewer.tenants(), t -> t.id().equals(viewer.tenantId())
                ? Html.of("<li><a href=\"{}\" aria-current=\"true\">{} <span class=\"muted\">(current)</span></a></li>",
                        section.urlIn(t), t.displayName())
                : Html.of("<li><a href=\"{}\">{}</a></li>", section.urlIn(t), t.displayName()));
        return Html.of("""
                <details class="menu tenant-switcher" data-menu>
                  <summary><span class="muted">Tenant</span> {} <span class="visually-hidden">(switch tenant)</span></summary>
                  <div class="menu-panel"><p class="menu-title" id="tenant-menu-title">Switch tenant</p>
                  <ul aria-labelledby="tenant-menu-title">{}</ul></div>
                </details>
                """, viewer.tenant().displayName(), items);
    }

    private static Html notifications(Viewer viewer) {
        List<Notification> notes = viewer.notifications();
        long unread = notes.stream().filter(n -> !n.isRead()).count();
        Html count = unread == 0 ? Html.EMPTY : Html.of(" <span class=\"count\">{} new</span>", unread);
        Html list = notes.isEmpty()
                ? Html.of("<p class=\"muted\">No notifications in this tenant yet.</p>")
                : Html.of("<ul class=\"notes\">{}</ul>", Html.each(notes, n -> Html.of("""
                        <li class="note{}">
                          <span class="note-title">{}</span>
                          <span class="note-body">{}</span>
                          <span class="note-meta">{} · <a href="{}">{}</a></span>
                        </li>
                        """, n.isRead() ? "" : " unread", Show.notificationTitle(n), n.body(), Show.time(n.createdAt(), ""),
                        Html.safeUrl(n.actionUrl()), n.actionLabel())));
        return Html.of("""
                <details class="menu notifications" data-menu>
                  <summary>Notifications{}</summary>
                  <div class="menu-panel"><p class="menu-title">Your notifications in {}</p>{}</div>
                </details>
                """, count, viewer.tenant().displayName(), list);
    }

    private static Html user(Viewer viewer) {
        return Html.of("""
                <span class="user">{} <span class="role" title="Your role in {}">{}</span></span>
                <form class="inline" method="post" action="/sign-out"><button type="submit" class="link-button">Sign out</button></form>
                """, viewer.principal().displayName(), viewer.tenant().displayName(), viewer.roleName());
    }
}
