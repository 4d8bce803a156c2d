package dev.opsruns.core.spi;

import dev.opsruns.core.RunType;
import java.util.Map;
import java.util.Objects;

/**
 * When {@link RunStore#claim} may take a run: the heartbeat before which a running run's lease has
 * expired, and how many attempts a run may have, each per run type. The engine computes them from the
 * claim policy and the clock.
 *
 * @param leaseExpiredBefore a running run whose heartbeat is before its type's cutoff may be taken over
 * @param maxAttempts the attempt limit of every run type without an override
 * @param maxAttemptsByType the limits of overridden run types
 */
public record ClaimTerms(HeartbeatCutoffs leaseExpiredBefore, int maxAttempts, Map<RunType, Integer> maxAttemptsByType) {

    /**
     * @param leaseExpiredBefore the lease cutoffs
     * @param maxAttempts the default attempt limit, 1 or more
     * @param maxAttemptsByType the overrides
     * @throws NullPointerException when a part is null
     * @throws IllegalArgumentException when a limit is below 1
     */
    public ClaimTerms {
        Objects.requireNonNull(leaseExpiredBefore, "leaseExpiredBefore");
        maxAttemptsByType = Map.copyOf(maxAttemptsByType);
        if (maxAttempts < 1 || maxAttemptsByType.values().stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("attempt limits must be 1 or more");
        }
    }

    /**
     * @param runType a run type
     * @return its attempt limit
     */
    public int maxAttemptsFor(RunType runType) {
        return maxAttemptsByType.getOrDefault(runType, maxAttempts);
    }
}
