package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;

/**
 * A run's item counts. {@link #processed()} is derived, never stored apart. {@code total} is the
 * number of items the worker announced with {@link RunRegistry#setTotal}, or 0 while unknown.
 *
 * @param total the announced number of items (0 = unknown)
 * @param succeeded items that succeeded
 * @param failed items that failed
 * @param skipped items that were skipped
 */
public record RunCounts(long total, long succeeded, long failed, long skipped) {

    /** No items yet. */
    public static final RunCounts ZERO = new RunCounts(0, 0, 0, 0);

    /**
     * @param total the announced number of items (0 = unknown)
     * @param succeeded items that succeeded
     * @param failed items that failed
     * @param skipped items that were skipped
     * @throws InvalidRunInputException when any count is negative
     */
    public RunCounts {
        Checks.notNegative(total, "total");
        Checks.notNegative(succeeded, "succeeded");
        Checks.notNegative(failed, "failed");
        Checks.notNegative(skipped, "skipped");
    }

    /** @return succeeded + failed + skipped */
    public long processed() {
        return succeeded + failed + skipped;
    }

    /**
     * @param delta the change to add
     * @return these counts plus the delta
     */
    public RunCounts plus(ProgressDelta delta) {
        return new RunCounts(total, succeeded + delta.succeeded(), failed + delta.failed(),
                skipped + delta.skipped());
    }

    /**
     * @param newTotal the announced number of items
     * @return these counts with another total
     */
    public RunCounts withTotal(long newTotal) {
        return new RunCounts(newTotal, succeeded, failed, skipped);
    }
}
