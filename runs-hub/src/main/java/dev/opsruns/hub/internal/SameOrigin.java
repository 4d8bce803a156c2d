package dev.opsruns.hub.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * Whether a form post came from a page of this site. Browsers send {@code Sec-Fetch-Site} on every
 * request (and {@code Origin} on every POST), and a page on another site cannot forge either, so a
 * post is accepted only when {@code Sec-Fetch-Site} is {@code same-origin}, or, from a browser that
 * does not send it, when {@code Origin} names this server. A post with neither is refused: the hub has
 * no form for clients that send neither.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    static boolean check(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin");
        }
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return false;
        }
        return origin.toLowerCase(Locale.ROOT).equals(self(request));
    }

    private static String self(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + request.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
