package dev.opsruns.example.web.pages;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Whether a request gets a page or JSON. A browser asks for {@code text/html} (its navigations, and the
 * hub's own refresh script, say so); API clients (curl, the tests' HTTP client, scripts with a bearer
 * token) do not, so the URLs the ledger hands out ("View run", related links) serve both.
 */
public final class Negotiation {

    private Negotiation() {
    }

    /**
     * @param ctx the request
     * @return true when the caller asked for HTML and the path is not under {@code /api}
     */
    public static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html") && !ctx.path().startsWith("/api/")
                && !ctx.path().equals("/api");
    }
}
