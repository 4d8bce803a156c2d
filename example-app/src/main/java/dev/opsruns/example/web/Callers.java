package dev.opsruns.example.web;

import dev.opsruns.core.Principal;
import dev.opsruns.example.auth.Authenticator;
import dev.opsruns.example.tenancy.UserDirectory;
import io.javalin.http.Context;

/** Turns a request into the caller's {@link Principal}: authenticated, with roles read from the memberships table. */
public final class Callers {

    private final Authenticator authenticator;
    private final UserDirectory users;

    /**
     * @param authenticator who is calling
     * @param users the user directory (roles)
     */
    public Callers(Authenticator authenticator, UserDirectory users) {
        this.authenticator = authenticator;
        this.users = users;
    }

    /**
     * @param ctx the request
     * @return the caller with its current roles
     * @throws dev.opsruns.example.auth.AuthenticationRequiredException (401) when the caller is unknown
     */
    public Principal principal(Context ctx) {
        return users.principalOf(authenticator.authenticate(ctx.header("Authorization"), ctx.cookie(Authenticator.SESSION_COOKIE)));
    }
}
