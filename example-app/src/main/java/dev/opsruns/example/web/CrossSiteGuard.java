package dev.opsruns.example.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses writes that a browser sent on another site's behalf, before anything reads their body. A
 * request that changes something ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) with the
 * session cookie and no {@code Authorization} header (so the cookie is what authenticates it), and every
 * sign-in, must show it comes from this app's own pages: {@code Sec-Fetch-Site: same-origin}, or, from a browser that does not send
 * that, an {@code Origin} (or else a {@code Referer}) on this host. With none of them it is refused too:
 * every current browser sends one, and scripts use bearer tokens, which a browser never adds by itself.
 *
 * <p>"This host" is the request's {@code Host} header: a reverse proxy in front must pass it on.
 */
final class CrossSiteGuard implements Handler {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final SessionCookie cookie;

    CrossSiteGuard(SessionCookie cookie) {
        this.cookie = cookie;
    }

    @Override
    public void handle(Context ctx) {
        if (SAFE_METHODS.contains(ctx.method().name()) || ctx.header("Authorization") != null) {
            return;
        }
        // Without the cookie a write is anonymous (401 later), except a sign-in, which makes the cookie.
        if (cookie.read(ctx) == null && !ctx.path().equals("/sign-in")) {
            return;
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null) {
            if (site.equals("same-origin") || site.equals("none")) {
                return;
            }
            throw refused("it came from another site (Sec-Fetch-Site: " + JsonBody.clip(site) + ")");
        }
        String host = ctx.header("Host");
        String origin = ctx.header("Origin");
        if (origin != null) {
            if (sameHost(origin, host)) {
                return;
            }
            throw refused("it came from another site (Origin: " + JsonBody.clip(origin) + ")");
        }
        String referer = ctx.header("Referer");
        if (referer != null && sameHost(referer, host)) {
            return;
        }
        throw refused("it does not say which site sent it (no Origin or Sec-Fetch-Site header)");
    }

    private static boolean sameHost(String url, String host) {
        if (host == null || url.equals("null")) {
            return false;
        }
        try {
            String authority = URI.create(url).getRawAuthority();
            return authority != null && authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static ApiException refused(String why) {
        return new ApiException(403, "cross_site_request", null, "this request changes something but " + why
                + "; use this app's own pages, or send 'Authorization: Bearer <token>' from scripts");
    }
}
