package dev.opsruns.example.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-side sign-in sessions, in memory: a random, unguessable id per session, mapped to a user id
 * until it expires. At most {@link #maxSessions()} live at once: beyond that, a new sign-in ends the
 * oldest session, so sign-ins in a loop cannot grow memory without bound. Sessions do not survive a
 * restart (sign in again).
 */
public final class SessionStore {

    /** How long a session lasts after sign-in. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);
    /** Live sessions at most; a demo has a handful of users, a real app would size it to its own. */
    public static final int DEFAULT_MAX_SESSIONS = 10_000;

    private record Session(String userId, Instant expiresAt) {
    }

    // Insertion order is expiry order (one lifetime for all), so the eldest entries are the first to go.
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final byte[] formKey = new byte[32];
    private final Clock clock;
    private final Duration lifetime;
    private final int maxSessions;

    /**
     * @param clock the app's clock
     * @param lifetime how long a session lasts
     */
    public SessionStore(Clock clock, Duration lifetime) {
        this(clock, lifetime, DEFAULT_MAX_SESSIONS);
    }

    /**
     * @param clock the app's clock
     * @param lifetime how long a session lasts
     * @param maxSessions the most sessions alive at once, at least 1
     */
    public SessionStore(Clock clock, Duration lifetime, int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1, but was " + maxSessions);
        }
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxSessions = maxSessions;
        random.nextBytes(formKey);
    }

    /** @return the most sessions alive at once */
    public int maxSessions() {
        return maxSessions;
    }

    /**
     * @param userId the signed-in user
     * @return the new session's id (the cookie value)
     */
    public String create(String userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        synchronized (sessions) {
            Iterator<Session> eldest = sessions.values().iterator();
            while (eldest.hasNext()) {
                Session s = eldest.next();
                if (sessions.size() < maxSessions && s.expiresAt().isAfter(now)) {
                    break;
                }
                eldest.remove();
            }
            sessions.put(id, new Session(userId, now.plus(lifetime)));
        }
        return id;
    }

    /**
     * @return how many sessions are alive (or expired and not yet removed)
     */
    public int size() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    /**
     * @param sessionId a cookie value
     * @return the session's user, while it has not expired
     */
    public Optional<String> userOf(String sessionId) {
        synchronized (sessions) {
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
    }

    /**
     * @param sessionId a cookie value
     */
    public void end(String sessionId) {
        synchronized (sessions) {
            sessions.remove(sessionId);
        }
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
