package dev.opsruns.example.web.pages;

import dev.opsruns.core.RunAccessDeniedException;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.auth.SessionStore;
import dev.opsruns.example.web.ApiException;
import dev.opsruns.example.web.SessionCookie;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The pages' start forms carry a token derived from the session (see {@link SessionStore#csrfToken}),
 * which another site cannot read, so it cannot make a signed-in browser start a run. A request with an
 * {@code Authorization} header needs none: a browser never adds that header on its own.
 */
final class Csrf {

    /** The form field that carries the token. */
    static final String FIELD = "csrf";

    private static final String MESSAGE = "the form was not sent from this app's page "
            + "(its security token is missing or out of date); reload the page and try again";

    private final SessionStore sessions;
    private final SessionCookie cookie;

    Csrf(SessionStore sessions, SessionCookie cookie) {
        this.sessions = sessions;
        this.cookie = cookie;
    }

    /**
     * @param ctx the request
     * @return the token for the caller's forms, or empty when the caller has no session
     */
    String token(Context ctx) {
        String session = cookie.read(ctx);
        return session == null || session.isBlank() ? "" : sessions.csrfToken(session);
    }

    /**
     * @param ctx a form post
     * @param tenant the tenant it acts in
     * @param userId the caller
     * @throws RunAccessDeniedException (403) when the token is missing or wrong
     */
    void check(Context ctx, TenantId tenant, String userId) {
        if (!valid(ctx)) {
            throw new RunAccessDeniedException(tenant, userId, MESSAGE);
        }
    }

    /**
     * @param ctx a form post that acts in no tenant (the caller's own account)
     * @throws ApiException (403) when the token is missing or wrong
     */
    void check(Context ctx) {
        if (!valid(ctx)) {
            throw new ApiException(403, "forbidden", FIELD, MESSAGE);
        }
    }

    private boolean valid(Context ctx) {
        if (ctx.header("Authorization") != null) {
            return true;
        }
        String expected = token(ctx);
        String sent = ctx.formParam(FIELD);
        return !expected.isEmpty() && sent != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
