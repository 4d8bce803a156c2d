package dev.opsruns.example.auth;

import dev.opsruns.example.tenancy.AppUser;
import dev.opsruns.example.tenancy.UserDirectory;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds out who is calling: from an {@code Authorization: Bearer <token>} header, else from the
 * session cookie. Framework-free: the web layer passes the raw header and cookie.
 */
public final class Authenticator {

    private final UserDirectory users;
    private final SessionStore sessions;

    /**
     * @param users the user directory
     * @param sessions the sign-in sessions
     */
    public Authenticator(UserDirectory users, SessionStore sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    /**
     * @param authorizationHeader the {@code Authorization} header, or null
     * @param sessionCookie the session cookie's value, or null
     * @return the caller
     * @throws AuthenticationRequiredException when neither identifies a user
     */
    public AppUser authenticate(String authorizationHeader, String sessionCookie) {
        if (authorizationHeader != null) {
            String header = authorizationHeader.trim();
            if (!header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
                throw new AuthenticationRequiredException("the Authorization header must be 'Bearer <token>' "
                        + "with a demo user's token (shown at the first start, or created on / when signed in)");
            }
            String token = header.substring("bearer ".length()).trim();
            return (token.isEmpty() || token.length() > 100 ? Optional.<AppUser>empty() : users.findByToken(token))
                    .orElseThrow(() -> new AuthenticationRequiredException(
                            "unknown bearer token; use a demo user's token (shown at the first start, or created on / when signed in)"));
        }
        if (sessionCookie != null && !sessionCookie.isBlank()) {
            return sessions.userOf(sessionCookie).flatMap(users::findById)
                    .orElseThrow(() -> new AuthenticationRequiredException("the session has expired; sign in again at /sign-in"));
        }
        throw new AuthenticationRequiredException("sign in at /sign-in, or send 'Authorization: Bearer <token>' "
                + "with a demo user's token (shown at the first start, or created on / when signed in)");
    }
}
