package dev.opsruns.example.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits sign-in attempts per client address: a token bucket each, holding {@link #burst()} attempts
 * and refilled one attempt per {@link #refillEvery()}. The buckets of the least recently seen addresses
 * are dropped beyond {@link #MAX_CLIENTS}, so the limiter's own memory is bounded too (a dropped address
 * starts again with a full bucket, which only ever helps a client that has gone quiet).
 */
public final class SignInLimiter {

    /** Sign-in attempts a client may make at once. */
    public static final int DEFAULT_BURST = 20;
    /** One more attempt per this much time, up to the burst. */
    public static final Duration DEFAULT_REFILL_EVERY = Duration.ofSeconds(3);
    /** Client addresses remembered at most. */
    public static final int MAX_CLIENTS = 10_000;

    private static final class Bucket {
        double tokens;
        long updatedNanos;
    }

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true);
    private final Clock clock;
    private final int burst;
    private final Duration refillEvery;

    /**
     * @param clock the app's clock
     * @param burst attempts a client may make at once, at least 1
     * @param refillEvery one attempt more per this much time
     */
    public SignInLimiter(Clock clock, int burst, Duration refillEvery) {
        if (burst < 1 || refillEvery.isNegative() || refillEvery.isZero()) {
            throw new IllegalArgumentException("burst must be at least 1 and refillEvery positive, but were " + burst
                    + " and " + refillEvery);
        }
        this.clock = clock;
        this.burst = burst;
        this.refillEvery = refillEvery;
    }

    /** @return attempts a client may make at once */
    public int burst() {
        return burst;
    }

    /** @return the time that adds one attempt */
    public Duration refillEvery() {
        return refillEvery;
    }

    /**
     * Takes one attempt from the client's bucket.
     *
     * @param client the client's address
     * @return true when the attempt may go ahead, false when the client has to wait {@link #refillEvery()}
     */
    public boolean tryAcquire(String client) {
        long now = clock.millis() * 1_000_000L;
        synchronized (buckets) {
            Bucket b = buckets.get(client);
            if (b == null) {
                b = new Bucket();
                b.tokens = burst;
                b.updatedNanos = now;
                buckets.put(client, b);
                Iterator<Bucket> eldest = buckets.values().iterator();
                while (buckets.size() > MAX_CLIENTS && eldest.hasNext()) {
                    eldest.next();
                    eldest.remove();
                }
            } else {
                double refilled = (double) Math.max(0, now - b.updatedNanos) / refillEvery.toNanos();
                b.tokens = Math.min(burst, b.tokens + refilled);
                b.updatedNanos = now;
            }
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }
}
