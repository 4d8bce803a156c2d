package dev.opsruns.example.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Clock clock;
    private final Duration lifetime;

    /**
     * @param clock the app's clock
     * @param lifetime how long a session lasts
     */
    public SessionStore(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
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
}
