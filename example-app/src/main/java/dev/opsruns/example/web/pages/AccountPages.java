package dev.opsruns.example.web.pages;

import dev.opsruns.core.Principal;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.example.auth.AuthenticationRequiredException;
import dev.opsruns.example.auth.Authenticator;
import dev.opsruns.example.auth.SessionStore;
import dev.opsruns.example.tenancy.Tenant;
import dev.opsruns.example.tenancy.UserDirectory;
import dev.opsruns.example.web.ApiException;
import dev.opsruns.example.web.Callers;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.List;
import java.util.Map;

/**
 * The demo sign-in page (pick a demo user, get a session cookie: HttpOnly, SameSite=Lax; there is no
 * password, it is a demo), sign-out, and the home page listing the caller's tenants. A page that needs
 * a signed-in user sends the browser here with {@code ?next=} and the sign-in returns it there.
 */
final class AccountPages {

    private final Callers callers;
    private final UserDirectory users;
    private final SessionStore sessions;

    AccountPages(Callers callers, UserDirectory users, SessionStore sessions) {
        this.callers = callers;
        this.users = users;
        this.sessions = sessions;
    }

    /** {@code GET /sign-in}. */
    void signInPage(Context ctx) {
        String next = Urls.localOrHome(ctx.queryParam("next"));
        Html rows = Html.each(users.userCards(), card -> Html.of("""
                <tr><td><button type="submit" name="user_id" value="{}">Sign in as {}</button></td>
                <td><code>{}</code></td><td>{}</td></tr>
                """, card.id(), card.displayName(), card.id(), roles(card.roles())));
        Html main = Html.of("""
                <div class="page-head">
                  <h1>Sign in to the opsruns demo</h1>
                  <p class="lead">Pick a demo user. There is no password: this is a demo. The session lasts 8 hours.
                  Scripts use the JSON API under <a href="/api"><code>/api</code></a> with a bearer token instead.</p>
                </div>
                <form method="post" action="/sign-in" class="sign-in">
                  <input type="hidden" name="next" value="{}">
                  <div class="table-wrap"><table>
                    <caption class="visually-hidden">Demo users and their roles per tenant</caption>
                    <thead><tr><th scope="col">Sign in</th><th scope="col">User id</th><th scope="col">Roles</th></tr></thead>
                    <tbody>{}</tbody>
                  </table></div>
                </form>
                """, next, rows);
        Layout.plainPage(ctx, 200, "Sign in", null, main);
    }

    /** {@code POST /sign-in}: the session cookie, then back to {@code next} (a path on this app) or home. */
    void signIn(Context ctx) {
        String userId = ctx.formParam("user_id");
        if (userId == null || users.findById(userId).isEmpty()) {
            throw ApiException.badRequest("user_id", "user_id must be a demo user's id, as listed on GET /sign-in");
        }
        // name, value, path, max-age (-1: a browser-session cookie), secure, HttpOnly, domain, SameSite
        ctx.cookie(new Cookie(Authenticator.SESSION_COOKIE, sessions.create(userId), "/", -1, false, true, null, SameSite.LAX));
        ctx.redirect(Urls.localOrHome(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /sign-out}. */
    void signOut(Context ctx) {
        String session = ctx.cookie(Authenticator.SESSION_COOKIE);
        if (session != null) {
            sessions.end(session);
        }
        ctx.removeCookie(Authenticator.SESSION_COOKIE, "/");
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    }

    /** {@code GET /}: the caller's tenants with their pages; the sign-in page when nobody is signed in. */
    void home(Context ctx) {
        Principal principal;
        try {
            principal = callers.principal(ctx);
        } catch (AuthenticationRequiredException e) {
            ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
            return;
        }
        List<Tenant> mine = users.tenants().stream().filter(t -> principal.roleIn(t.id()).isPresent()).toList();
        Html cards = Html.each(mine, t -> {
            String base = "/tenants/" + Urls.segment(t.id().value());
            TenantRole role = principal.roleIn(t.id()).orElseThrow();
            return Html.of("""
                    <li class="card tenant-card">
                      <h2>{}</h2>
                      <p>Your role: <span class="role">{}</span>{}</p>
                      <ul class="links">
                        <li><a href="{}/operations">Operations<span class="visually-hidden"> in {}</span></a></li>
                        <li><a href="{}/drift">Drift<span class="visually-hidden"> in {}</span></a></li>
                        <li><a href="{}/backup-sets">Backup sets<span class="visually-hidden"> in {}</span></a></li>
                      </ul>
                    </li>
                    """, t.displayName(), role.name(), role.canStartRuns() ? "" : " (view only)", base, t.displayName(),
                    base, t.displayName(), base, t.displayName());
        });
        Html main = Html.of("""
                <div class="page-head">
                  <h1>Your tenants</h1>
                  <p class="lead">Signed in as {} (<code>{}</code>). The Operations hub shows every long-running
                  operation of a tenant; Drift and Backup sets start them.</p>
                </div>
                {}
                <p class="muted">The same data as JSON: <a href="/api"><code>/api</code></a> lists the endpoints.</p>
                """, principal.displayName(), principal.userId(),
                mine.isEmpty() ? Html.of("<p>You have no role in any tenant.</p>") : Html.of("<ul class=\"cards\">{}</ul>", cards));
        Layout.plainPage(ctx, 200, "Your tenants", principal.displayName(), main);
    }

    private static String roles(Map<TenantId, TenantRole> roles) {
        StringBuilder sb = new StringBuilder();
        roles.forEach((tenant, role) -> sb.append(sb.length() == 0 ? "" : ", ").append(tenant.value()).append(": ").append(role.name()));
        return sb.toString();
    }
}
