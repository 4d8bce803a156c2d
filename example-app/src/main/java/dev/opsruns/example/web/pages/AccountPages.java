package dev.opsruns.example.web.pages;

import dev.opsruns.core.Principal;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.example.auth.AuthenticationRequiredException;
import dev.opsruns.example.auth.SessionStore;
import dev.opsruns.example.auth.SignInLimiter;
import dev.opsruns.example.tenancy.DemoUserCard;
import dev.opsruns.example.tenancy.Tenant;
import dev.opsruns.example.web.ApiException;
import dev.opsruns.example.web.QueryParams;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * The demo sign-in page (pick a demo user, get a session cookie: HttpOnly, SameSite=Lax, see
 * {@link dev.opsruns.example.web.SessionCookie}; there is no password, it is a demo), sign-out, and the
 * home page listing the caller's tenants, where a signed-in user also creates a new bearer token. A page
 * that needs a signed-in user sends the browser here with {@code ?next=} and the sign-in returns it there.
 *
 * <p>Every sign-in starts a new session and ends the one the browser had, and sign-in attempts are
 * limited per client address ({@link SignInLimiter}); the session store caps how many live at once.
 */
final class AccountPages {

    /** Sign-in bodies read at once at most; the rest are answered 503 at once instead of waiting for a thread. */
    static final int CONCURRENT_SIGN_IN_READS = 16;

    private final PageSupport support;
    private final SessionStore sessions;
    private final SignInLimiter limiter;
    private final Semaphore bodyReads = new Semaphore(CONCURRENT_SIGN_IN_READS);

    AccountPages(PageSupport support, SessionStore sessions, SignInLimiter limiter) {
        this.support = support;
        this.sessions = sessions;
        this.limiter = limiter;
    }

    /** {@code GET /sign-in}; {@code ?user=} (the start-up output's links) offers only that user. */
    void signInPage(Context ctx) {
        QueryParams q = QueryParams.of(ctx, Set.of("next", "user"));
        String next = Urls.localOrHome(q.single("next"));
        String only = q.single("user");
        List<DemoUserCard> all = support.users.userCards();
        List<DemoUserCard> shown = all.stream().filter(card -> only == null || card.id().equals(only)).toList();
        if (shown.isEmpty()) {
            shown = all;
        }
        Html rows = Html.each(shown, card -> Html.of("""
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
                {}
                """, next, rows, shown.size() < all.size()
                        ? Html.of("<p><a href=\"{}\">All demo users</a></p>", Urls.with("/sign-in", "next", q.single("next")))
                        : Html.EMPTY);
        Layout.plainPage(ctx, 200, "Sign in", null, main);
    }

    /**
     * {@code POST /sign-in}: a new session (the browser's previous one ends), its cookie, then back to
     * {@code next} (a path on this app) or home.
     */
    void signIn(Context ctx) {
        // Both before the body is read: a client over its limit costs no more than this check.
        if (!limiter.tryAcquire(ctx.ip())) {
            ctx.header("Retry-After", Long.toString(Math.max(1, limiter.refillEvery().toSeconds())));
            throw new ApiException(429, "too_many_requests", null, "too many sign-in attempts from this address; "
                    + "wait a few seconds and try again");
        }
        // Reading a body holds a server thread until it has arrived (or the server gives up on it); this is
        // the one body anybody may send without credentials, so only a few such reads may wait at once.
        if (!bodyReads.tryAcquire()) {
            ctx.header("Retry-After", "1");
            throw new ApiException(503, "busy", null, "too many sign-ins are in progress; try again in a moment");
        }
        try {
            startSession(ctx);
        } finally {
            bodyReads.release();
        }
    }

    private void startSession(Context ctx) {
        String userId = ctx.formParam("user_id");
        if (userId == null || support.users.findById(userId).isEmpty()) {
            throw ApiException.badRequest("user_id", "user_id must be a demo user's id, as listed on GET /sign-in");
        }
        String previous = support.callers.cookie().read(ctx);
        if (previous != null) {
            sessions.end(previous);
        }
        support.callers.cookie().set(ctx, sessions.create(userId));
        ctx.redirect(Urls.localOrHome(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /sign-out}. */
    void signOut(Context ctx) {
        String session = support.callers.cookie().read(ctx);
        if (session != null) {
            sessions.end(session);
        }
        support.callers.cookie().clear(ctx);
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    }

    /** {@code GET /}: the caller's tenants with their pages; the sign-in page when nobody is signed in. */
    void home(Context ctx) {
        Principal principal;
        try {
            principal = support.callers.principal(ctx);
        } catch (AuthenticationRequiredException e) {
            ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
            return;
        }
        List<Tenant> mine = support.users.tenants().stream().filter(t -> principal.roleIn(t.id()).isPresent()).toList();
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
                <section class="card" aria-labelledby="token-h">
                  <h2 id="token-h">Bearer token for the JSON API</h2>
                  <p>Scripts send <code>Authorization: Bearer &lt;token&gt;</code>. A new token replaces your previous
                  one and is shown once: only its hash is stored.</p>
                  <form method="post" action="/account/api-token">
                    <input type="hidden" name="{}" value="{}">
                    <button type="submit">Create a new token</button>
                  </form>
                </section>
                <p class="muted">The same data as JSON: <a href="/api"><code>/api</code></a> lists the endpoints.</p>
                """, principal.displayName(), principal.userId(),
                mine.isEmpty() ? Html.of("<p>You have no role in any tenant.</p>") : Html.of("<ul class=\"cards\">{}</ul>", cards),
                Csrf.FIELD, support.csrf.token(ctx));
        Layout.plainPage(ctx, 200, "Your tenants", principal.displayName(), main);
    }

    /** {@code POST /account/api-token} (the home page's form): a new bearer token, shown this once. */
    void newApiToken(Context ctx) {
        Principal principal = support.callers.principal(ctx);
        support.csrf.check(ctx);
        QueryParams.of(ctx, Set.of());
        String token = support.users.issueToken(principal.userId());
        Html main = Html.of("""
                <div class="page-head">
                  <h1>Your new bearer token</h1>
                  <p class="lead">Copy it now: it is shown only this once. Your previous token no longer works.</p>
                </div>
                <p><code class="api-token" data-api-token>{}</code></p>
                <p>Send it as <code>Authorization: Bearer {}</code>; <a href="/api"><code>/api</code></a> lists the endpoints.</p>
                <p><a href="/">Back to your tenants</a></p>
                """, token, token);
        Layout.plainPage(ctx, 200, "New bearer token", principal.displayName(), main);
    }

    private static String roles(Map<TenantId, TenantRole> roles) {
        StringBuilder sb = new StringBuilder();
        roles.forEach((tenant, role) -> sb.append(sb.length() == 0 ? "" : ", ").append(tenant.value()).append(": ").append(role.name()));
        return sb.toString();
    }
}
