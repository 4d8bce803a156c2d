package dev.opsruns.example.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * The sign-in session cookie: HttpOnly, SameSite=Lax, path {@code /}, no domain, and, behind HTTPS
 * ({@code OPSRUNS_SECURE_COOKIES=true}), {@code Secure} with the {@code __Host-} prefix, which browsers
 * accept only from a secure origin for exactly this host, so neither a subdomain nor a plain-HTTP
 * response can plant or replace it.
 *
 * @param secure true when the app is reached over HTTPS
 */
public record SessionCookie(boolean secure) {

    /** The cookie's name on plain HTTP. */
    public static final String PLAIN_NAME = "opsruns_session";
    /** The cookie's name behind HTTPS. */
    public static final String SECURE_NAME = "__Host-opsruns_session";

    /** @return the cookie's name */
    public String name() {
        return secure ? SECURE_NAME : PLAIN_NAME;
    }

    /**
     * @param ctx a request
     * @return the session id it carries, or null
     */
    public String read(Context ctx) {
        return ctx.cookie(name());
    }

    /**
     * @param ctx the response
     * @param sessionId the new session's id
     */
    public void set(Context ctx, String sessionId) {
        // -1: a browser-session cookie (gone when the browser closes; the server ends it after 8 hours anyway)
        ctx.cookie(new Cookie(name(), sessionId, "/", -1, secure, true, null, SameSite.LAX));
    }

    /**
     * @param ctx the response
     */
    public void clear(Context ctx) {
        // Same attributes as when set: a browser ignores a __Host- cookie without Secure, removal included.
        ctx.cookie(new Cookie(name(), "", "/", 0, secure, true, null, SameSite.LAX));
    }
}
