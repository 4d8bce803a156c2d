package dev.opsruns.example.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a throttled policy-source call is retried: at most {@code attempts}
 * calls; before attempt n+1 it waits the larger of the source's Retry-After and
 * {@code backoff * 2^(n-1)}, but never longer than {@code maxBackoff}.
 *
 * @param attempts calls per policy, at least 1
 * @param backoff the first wait
 * @param maxBackoff the longest wait
 */
public record SourceRetryPolicy(int attempts, Duration backoff, Duration maxBackoff) {

    /** Compact constructor: attempts at least 1, durations not negative. */
    public SourceRetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, but was " + attempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (backoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoffs must not be negative");
        }
    }

    /**
     * @param failedAttempt the attempt that was throttled, from 1
     * @param retryAfter what the source asked for
     * @return how long to wait before the next attempt
     */
    public Duration delayAfter(int failedAttempt, Duration retryAfter) {
        Duration exponential = backoff.multipliedBy(1L << Math.min(failedAttempt - 1, 20));
        Duration wanted = retryAfter != null && retryAfter.compareTo(exponential) > 0 ? retryAfter : exponential;
        return wanted.compareTo(maxBackoff) > 0 ? maxBackoff : wanted;
    }
}
