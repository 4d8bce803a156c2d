package dev.opsruns.example.web;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunAccessPolicy;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.auth.Authenticator;
import dev.opsruns.example.tenancy.UserDirectory;
import io.javalin.http.Context;

/**
 * Turns a request into the caller's {@link Principal}: authenticated, with roles read from the memberships table.
 *
 * <p>Tenant endpoints check in a fixed order: who is calling (401), then whether the caller may act in
 * the path's tenant (403), and only then the rest of the request (400). So a caller without a token, or
 * without a role in the tenant, learns nothing about what the endpoint would accept.
 */
public final class Callers {

    private final Authenticator authenticator;
    private final UserDirectory users;
    private final RunAccessPolicy access;
    private final SessionCookie cookie;

    /**
     * @param authenticator who is calling
     * @param users the user directory (roles)
     * @param access the library's access policy
     * @param cookie the session cookie
     */
    public Callers(Authenticator authenticator, UserDirectory users, RunAccessPolicy access, SessionCookie cookie) {
        this.authenticator = authenticator;
        this.users = users;
        this.access = access;
        this.cookie = cookie;
    }

    /** @return the session cookie */
    public SessionCookie cookie() {
        return cookie;
    }

    /**
     * @param ctx the request
     * @return the caller with its current roles
     * @throws dev.opsruns.example.auth.AuthenticationRequiredException (401) when the caller is unknown
     */
    public Principal principal(Context ctx) {
        return users.principalOf(authenticator.authenticate(ctx.header("Authorization"), cookie.read(ctx)));
    }

    /**
     * Authenticates the caller, then checks it may view the {@code {tenant}} of the path.
     *
     * @param ctx a request with a {@code {tenant}} path parameter
     * @return the caller and the tenant
     * @throws dev.opsruns.example.auth.AuthenticationRequiredException (401) when the caller is unknown
     * @throws dev.opsruns.core.RunAccessDeniedException (403) when it has no role in the tenant
     * @throws ApiException (403) when the tenant id is malformed: nobody has a role in such a tenant
     */
    public TenantCaller inTenant(Context ctx) {
        Principal principal = principal(ctx);
        String raw = ctx.pathParam("tenant");
        TenantId tenant;
        try {
            tenant = TenantId.of(raw);
        } catch (InvalidRunInputException malformed) {
            // Nobody has a role in a malformed tenant: refused like any foreign tenant, not as bad input.
            throw new ApiException(403, "forbidden", null, "user " + principal.userId() + " has no role in tenant '"
                    + JsonBody.clip(raw) + "'; viewing runs needs one of OWNER, MANAGER, OPERATOR, READONLY");
        }
        access.checkView(principal, tenant);
        return new TenantCaller(principal, tenant);
    }

    /**
     * {@link #inTenant}, and the caller may start runs of the type there.
     *
     * @param ctx a request with a {@code {tenant}} path parameter
     * @param runType the run type the request starts
     * @return the caller and the tenant
     * @throws dev.opsruns.core.RunAccessDeniedException (403) when its role may not start such runs
     */
    public TenantCaller starter(Context ctx, RunType runType) {
        TenantCaller caller = inTenant(ctx);
        access.checkStart(caller.principal(), caller.tenant(), runType);
        return caller;
    }
}
