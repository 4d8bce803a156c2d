package dev.opsruns.example.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-side sign-in sessions, in memory: a random, unguessable id per session, mapped to a user id
 * until it expires. Sessions do not survive a restart (sign in again).
 */
public final class SessionStore {

    /** How long a session lasts after sign-in. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);

    private record Session(String userId, Instant expiresAt) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final byte[] formKey = new byte[32];
    private final Clock clock;
    private final Duration lifetime;

    /**
     * @param clock the app's clock
     * @param lifetime how long a session lasts
     */
    public SessionStore(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
        random.nextBytes(formKey);
    }

    /**
     * @param userId the signed-in user
     * @return the new session's id (the cookie value)
     */
    public String create(String userId) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(id, new Session(userId, now.plus(lifetime)));
        return id;
    }

    /**
     * @param sessionId a cookie value
     * @return the session's user, while it has not expired
     */
    public Optional<String> userOf(String sessionId) {
        Session s = sessions.get(sessionId);
        if (s == null) {
            return Optional.empty();
        }
        if (!s.expiresAt().isAfter(clock.instant())) {
            sessions.remove(sessionId);
            return Optional.empty();
        }
        return Optional.of(s.userId());
    }

    /**
     * @param sessionId a cookie value
     */
    public void end(String sessionId) {
        sessions.remove(sessionId);
    }

    /**
     * The token the pages' forms carry (HMAC-SHA256 of the session id under a key that never leaves this
     * process): another site can neither read it nor compute it, so it cannot post a form in the user's name.
     *
     * @param sessionId a cookie value
     * @return the session's form token
     */
    public String csrfToken(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(formKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
