package dev.opsruns.example.web;

import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.example.auth.Authenticator;
import dev.opsruns.example.auth.SessionStore;
import dev.opsruns.example.tenancy.DemoUserCard;
import dev.opsruns.example.tenancy.UserDirectory;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/**
 * The demo sign-in page: pick a demo user, get a session cookie (HttpOnly, SameSite=Lax). It is a demo:
 * there is no password. Start endpoints accept only {@code application/json} bodies, which a cross-site
 * form cannot send, so the cookie cannot be used to start runs from another site.
 */
final class SignInRoutes {

    private final UserDirectory users;
    private final SessionStore sessions;

    SignInRoutes(UserDirectory users, SessionStore sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/sign-in", this::page);
        routes.post("/sign-in", this::signIn);
        routes.post("/sign-out", this::signOut);
    }

    private void page(Context ctx) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>opsruns demo: sign in</title>
                <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto}
                form{display:inline}button{margin:.2rem 0;min-width:18rem;text-align:left}td{padding:.2rem .6rem}</style>
                </head><body><h1>opsruns demo: sign in</h1>
                <p>Pick a demo user. The session lasts 8 hours; the JSON API lives under <code>/api</code>.</p><table>
                """);
        for (DemoUserCard card : users.userCards()) {
            html.append("<tr><td><form method=\"post\" action=\"/sign-in\"><input type=\"hidden\" name=\"user_id\" value=\"")
                    .append(escape(card.id())).append("\"><button type=\"submit\">").append(escape(card.displayName()))
                    .append("</button></form></td><td>");
            for (Map.Entry<TenantId, TenantRole> role : card.roles().entrySet()) {
                html.append(escape(role.getKey().value())).append(": ").append(role.getValue().name()).append(' ');
            }
            html.append("</td></tr>");
        }
        html.append("</table></body></html>");
        ctx.html(html.toString());
    }

    private void signIn(Context ctx) {
        String userId = ctx.formParam("user_id");
        if (userId == null || users.findById(userId).isEmpty()) {
            throw ApiException.badRequest("user_id", "user_id must be a demo user's id, as listed on GET /sign-in");
        }
        // name, value, path, max-age (-1: a browser-session cookie), secure, HttpOnly, domain, SameSite
        ctx.cookie(new Cookie(Authenticator.SESSION_COOKIE, sessions.create(userId), "/", -1, false, true, null, SameSite.LAX));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        String session = ctx.cookie(Authenticator.SESSION_COOKIE);
        if (session != null) {
            sessions.end(session);
        }
        ctx.removeCookie(Authenticator.SESSION_COOKIE, "/");
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
