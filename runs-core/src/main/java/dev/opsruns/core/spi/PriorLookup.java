package dev.opsruns.core.spi;

import dev.opsruns.core.Run;
import dev.opsruns.core.StatusBucket;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which <em>ended</em> run of the same (tenant, key) answers a start instead of a new run: the most
 * recent one (latest {@code finishedAt}, then highest id) that ended at or after {@code endedAtOrAfter}
 * and whose bucket is one of {@code buckets}. The engine builds it from the run type's reuse policy.
 *
 * @param endedAtOrAfter the earliest end that counts, or null for any (until purged)
 * @param buckets the buckets that count: ended ones only, at least one
 */
public record PriorLookup(Instant endedAtOrAfter, Set<StatusBucket> buckets) {

    /** The buckets an ended run can be in. */
    public static final Set<StatusBucket> ENDED = Set.copyOf(EnumSet.of(StatusBucket.SUCCEEDED,
            StatusBucket.PARTIALLY_SUCCEEDED, StatusBucket.FAILED));

    /**
     * @param endedAtOrAfter the earliest end that counts, or null for any
     * @param buckets the buckets that count
     * @throws NullPointerException when the buckets are null
     * @throws IllegalArgumentException when they are empty or name an active bucket
     */
    public PriorLookup {
        Objects.requireNonNull(buckets, "buckets");
        if (buckets.isEmpty() || !ENDED.containsAll(buckets)) {
            throw new IllegalArgumentException("buckets must be ended ones, at least one, but were " + buckets);
        }
        buckets = Set.copyOf(buckets);
    }

    /**
     * @param run a run of the key
     * @return true when it is ended and this lookup counts it
     */
    public boolean matches(Run run) {
        return run.finishedAt() != null && buckets.contains(run.bucket())
                && (endedAtOrAfter == null || !run.finishedAt().isBefore(endedAtOrAfter));
    }
}
