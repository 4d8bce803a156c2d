package dev.opsruns.example.web.pages;

import dev.opsruns.core.Principal;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.example.auth.AuthenticationRequiredException;
import dev.opsruns.example.auth.SessionStore;
import dev.opsruns.example.auth.SignInLimiter;
import dev.opsruns.example.tenancy.DemoUserCard;
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
        List<List<String>> rows = shown.stream()
                .map(card -> List.of(card.id(), card.displayName(), roles(card.roles()))).toList();
        String allUsers = shown.size() < all.size() ? Urls.with("/sign-in", "next", q.single("next")) : null;
        Templates.send(ctx, 200, "signin", new Models.SignIn(PageSupport.plainFrame("Sign in", null), next, rows, allUsers));
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
        List<Models.TenantCard> cards = support.users.tenants().stream().filter(t -> principal.roleIn(t.id()).isPresent())
                .map(t -> {
                    TenantRole role = principal.roleIn(t.id()).orElseThrow();
                    return new Models.TenantCard(t.displayName(), "/tenants/" + Urls.segment(t.id().value()), role.name(),
                            !role.canStartRuns());
                }).toList();
        Templates.send(ctx, 200, "home", new Models.Home(PageSupport.plainFrame("Your tenants", principal.displayName()),
                principal.displayName(), principal.userId(), cards, support.csrf.token(ctx)));
    }

    /** {@code POST /account/api-token} (the home page's form): a new bearer token, shown this once. */
    void newApiToken(Context ctx) {
        Principal principal = support.callers.principal(ctx);
        support.csrf.check(ctx);
        QueryParams.of(ctx, Set.of());
        String token = support.users.issueToken(principal.userId());
        Templates.send(ctx, 200, "apitoken", new Models.ApiToken(PageSupport.plainFrame("New bearer token",
                principal.displayName()), token));
    }

    private static String roles(Map<TenantId, TenantRole> roles) {
        StringBuilder sb = new StringBuilder();
        roles.forEach((tenant, role) -> sb.append(sb.length() == 0 ? "" : ", ").append(tenant.value()).append(": ").append(role.name()));
        return sb.toString();
    }
}
