package dev.opsruns.example.web.pages;

import dev.opsruns.core.Principal;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.example.auth.AuthenticationRequiredException;
import dev.opsruns.example.auth.Authenticator;
import dev.opsruns.example.auth.SessionStore;
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
        List<List<String>> rows = users.userCards().stream()
                .map(card -> List.of(card.id(), card.displayName(), roles(card.roles()))).toList();
        Templates.send(ctx, 200, "signin", new Models.SignIn(PageSupport.plainFrame("Sign in", null), next, rows));
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
        List<Models.TenantCard> cards = users.tenants().stream().filter(t -> principal.roleIn(t.id()).isPresent())
                .map(t -> {
                    TenantRole role = principal.roleIn(t.id()).orElseThrow();
                    return new Models.TenantCard(t.displayName(), "/tenants/" + Urls.segment(t.id().value()), role.name(),
                            !role.canStartRuns());
                }).toList();
        Templates.send(ctx, 200, "home", new Models.Home(PageSupport.plainFrame("Your tenants", principal.displayName()),
                principal.displayName(), principal.userId(), cards));
    }

    private static String roles(Map<TenantId, TenantRole> roles) {
        StringBuilder sb = new StringBuilder();
        roles.forEach((tenant, role) -> sb.append(sb.length() == 0 ? "" : ", ").append(tenant.value()).append(": ").append(role.name()));
        return sb.toString();
    }
}
