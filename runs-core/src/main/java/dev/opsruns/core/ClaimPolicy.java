package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long a worker's claim on a run lasts without a heartbeat (its lease), and how many claims a run
 * may have in all (its attempts), with per-run-type overrides. A claim whose heartbeat is older than
 * its lease may be taken over by another worker as the next attempt; once the last attempt's lease
 * has expired the run fails as {@code run.attempts_exhausted} at the next claim.
 *
 * <p>Leases should stay well below the reaper's heartbeat timeout ({@link StaleRunPolicy}), which
 * fails any running run whose heartbeat is older than that: the reaper is the backstop for runs no
 * worker claims any more.
 *
 * @param lease the default lease, 1 second to 1 hour
 * @param leases per-run-type leases
 * @param maxAttempts the default number of claims a run may have, 1-100
 * @param maxAttemptsByType per-run-type attempt limits
 */
public record ClaimPolicy(Duration lease, Map<RunType, Duration> leases, int maxAttempts,
        Map<RunType, Integer> maxAttemptsByType) {

    /** The default lease: one minute (a worker's {@link LeaseKeeper} renews it every 20 seconds). */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);
    /** The default attempt limit: the first claim and two takeovers. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** The shortest lease. */
    public static final Duration MIN_LEASE = Duration.ofSeconds(1);
    /** The longest lease. */
    public static final Duration MAX_LEASE = Duration.ofHours(1);
    /** The highest attempt limit. */
    public static final int MAX_ATTEMPT_LIMIT = 100;

    private static final ClaimPolicy DEFAULTS = new ClaimPolicy(DEFAULT_LEASE, Map.of(), DEFAULT_MAX_ATTEMPTS, Map.of());

    /** @return a one-minute lease and three attempts for every run type */
    public static ClaimPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * @param lease the default lease, 1 second to 1 hour
     * @param leases per-run-type leases
     * @param maxAttempts the default number of claims a run may have, 1-100
     * @param maxAttemptsByType per-run-type attempt limits
     * @throws InvalidRunInputException naming a value that is null or out of range
     */
    public ClaimPolicy {
        checkLease(lease, "lease");
        Checks.notNull(leases, "leases").forEach((type, d) -> {
            Checks.notNull(type, "leases");
            checkLease(d, "leases");
        });
        leases = Map.copyOf(leases);
        checkAttempts(maxAttempts, "maxAttempts");
        Checks.notNull(maxAttemptsByType, "maxAttemptsByType").forEach((type, n) -> {
            Checks.notNull(type, "maxAttemptsByType");
            checkAttempts(Checks.notNull(n, "maxAttemptsByType"), "maxAttemptsByType");
        });
        maxAttemptsByType = Map.copyOf(maxAttemptsByType);
    }

    private static void checkLease(Duration d, String field) {
        Checks.notNull(d, field);
        if (d.compareTo(MIN_LEASE) < 0 || d.compareTo(MAX_LEASE) > 0) {
            throw new InvalidRunInputException(field, "must be 1 second to 1 hour, but was " + d);
        }
    }

    private static void checkAttempts(int n, String field) {
        if (n < 1 || n > MAX_ATTEMPT_LIMIT) {
            throw new InvalidRunInputException(field, "must be 1-" + MAX_ATTEMPT_LIMIT + ", but was " + n);
        }
    }

    /**
     * @param runType a run type
     * @return its lease
     */
    public Duration leaseFor(RunType runType) {
        return leases.getOrDefault(runType, lease);
    }

    /**
     * @param runType a run type
     * @return how many claims a run of that type may have
     */
    public int maxAttemptsFor(RunType runType) {
        return maxAttemptsByType.getOrDefault(runType, maxAttempts);
    }

    /**
     * @param value the default lease, 1 second to 1 hour
     * @return a copy with that default lease
     * @throws InvalidRunInputException when out of range
     */
    public ClaimPolicy withLease(Duration value) {
        return new ClaimPolicy(value, leases, maxAttempts, maxAttemptsByType);
    }

    /**
     * @param runType a run type
     * @param value its lease, 1 second to 1 hour
     * @return a copy with this override
     * @throws InvalidRunInputException when null or out of range
     */
    public ClaimPolicy withLease(RunType runType, Duration value) {
        Map<RunType, Duration> m = new HashMap<>(leases);
        m.put(Checks.notNull(runType, "runType"), value);
        return new ClaimPolicy(lease, m, maxAttempts, maxAttemptsByType);
    }

    /**
     * @param value the default attempt limit, 1-100
     * @return a copy with that limit
     * @throws InvalidRunInputException when out of range
     */
    public ClaimPolicy withMaxAttempts(int value) {
        return new ClaimPolicy(lease, leases, value, maxAttemptsByType);
    }

    /**
     * @param runType a run type
     * @param value its attempt limit, 1-100
     * @return a copy with this override
     * @throws InvalidRunInputException when null or out of range
     */
    public ClaimPolicy withMaxAttempts(RunType runType, int value) {
        Map<RunType, Integer> m = new HashMap<>(maxAttemptsByType);
        m.put(Checks.notNull(runType, "runType"), value);
        return new ClaimPolicy(lease, leases, maxAttempts, m);
    }
}
