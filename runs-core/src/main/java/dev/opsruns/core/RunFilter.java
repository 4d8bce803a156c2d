package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Instant;
import java.util.Set;

/**
 * Which runs a monitoring list or count covers. An empty set means "any"; the time range
 * applies to {@code createdAt}, {@code from} inclusive and {@code to} exclusive, either end open when
 * null.
 *
 * @param runTypes the run types to include (empty: all)
 * @param buckets the status buckets to include (empty: all)
 * @param from the earliest {@code createdAt} included, or null
 * @param to the first {@code createdAt} excluded, or null
 */
public record RunFilter(Set<RunType> runTypes, Set<StatusBucket> buckets, Instant from, Instant to) {

    /** Every run of the tenant. */
    public static final RunFilter ALL = new RunFilter(Set.of(), Set.of(), null, null);

    /**
     * @param runTypes the run types to include (empty: all)
     * @param buckets the status buckets to include (empty: all)
     * @param from the earliest {@code createdAt} included, or null
     * @param to the first {@code createdAt} excluded, or null
     * @throws InvalidRunInputException when a set is null or holds null, or {@code from} is not
     *     before {@code to}
     */
    public RunFilter {
        runTypes = copy(runTypes, "runTypes");
        buckets = copy(buckets, "buckets");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRunInputException("to", "must be after from (from is inclusive, to exclusive), but from="
                    + from + " and to=" + to);
        }
    }

    private static <T> Set<T> copy(Set<T> set, String field) {
        Checks.notNull(set, field);
        // Not set.contains(null): immutable sets (Set.of, Set.copyOf) and TreeSet throw
        // NullPointerException for it, which broke even RunFilter.ALL.
        for (T element : set) {
            if (element == null) {
                throw new InvalidRunInputException(field, "must not contain null");
            }
        }
        return Set.copyOf(set);
    }

    /**
     * @param types the run types to include
     * @return a copy with these run types
     */
    public RunFilter withRunTypes(Set<RunType> types) {
        return new RunFilter(types, buckets, from, to);
    }

    /**
     * @param newBuckets the buckets to include
     * @return a copy with these buckets
     */
    public RunFilter withBuckets(Set<StatusBucket> newBuckets) {
        return new RunFilter(runTypes, newBuckets, from, to);
    }

    /**
     * @param newFrom the earliest createdAt included, or null
     * @param newTo the first createdAt excluded, or null
     * @return a copy with this time range
     */
    public RunFilter withCreatedBetween(Instant newFrom, Instant newTo) {
        return new RunFilter(runTypes, buckets, newFrom, newTo);
    }

    /**
     * @param run a run
     * @return true when the run passes this filter
     */
    public boolean matches(Run run) {
        return (runTypes.isEmpty() || runTypes.contains(run.runType()))
                && (buckets.isEmpty() || buckets.contains(run.bucket()))
                && (from == null || !run.createdAt().isBefore(from))
                && (to == null || run.createdAt().isBefore(to));
    }
}
