package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many runs fall in each status bucket under a filter (the hub's tabs).
 *
 * @param counts the count per bucket; every bucket is present
 */
public record BucketCounts(Map<StatusBucket, Long> counts) {

    /**
     * @param counts the count per bucket; every bucket is present
     * @throws InvalidRunInputException when null; missing buckets count zero
     */
    public BucketCounts {
        Checks.notNull(counts, "counts");
        EnumMap<StatusBucket, Long> all = new EnumMap<>(StatusBucket.class);
        for (StatusBucket b : StatusBucket.values()) {
            all.put(b, counts.getOrDefault(b, 0L));
        }
        counts = Map.copyOf(all);
    }

    /**
     * @param bucket a bucket
     * @return how many runs are in it
     */
    public long get(StatusBucket bucket) {
        return counts.get(bucket);
    }

    /** @return the number of runs in all buckets */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
