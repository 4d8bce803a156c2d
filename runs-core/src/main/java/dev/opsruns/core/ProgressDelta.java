package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;

/**
 * An increment to a run's counts, reported by a worker. Deltas are never negative: counts only grow.
 *
 * @param succeeded items that succeeded since the last report
 * @param failed items that failed since the last report (without a stored failure record; use
 *     {@link RunRegistry#recordItemFailure} to store why)
 * @param skipped items that were skipped since the last report
 */
public record ProgressDelta(long succeeded, long failed, long skipped) {

    /** Nothing changed. */
    public static final ProgressDelta NONE = new ProgressDelta(0, 0, 0);

    /**
     * @param succeeded items that succeeded since the last report
     * @param failed items that failed since the last report (without a stored failure record; use {@link RunRegistry#recordItemFailure} to store why)
     * @param skipped items that were skipped since the last report
     * @throws InvalidRunInputException when any part is negative
     */
    public ProgressDelta {
        Checks.notNegative(succeeded, "delta.succeeded");
        Checks.notNegative(failed, "delta.failed");
        Checks.notNegative(skipped, "delta.skipped");
    }

    /**
     * @param n items that succeeded
     * @return a delta of {@code n} successes
     */
    public static ProgressDelta succeeded(long n) {
        return new ProgressDelta(n, 0, 0);
    }

    /**
     * @param n items that were skipped
     * @return a delta of {@code n} skips
     */
    public static ProgressDelta skipped(long n) {
        return new ProgressDelta(0, 0, n);
    }

    /** @return true when every part is zero */
    public boolean isEmpty() {
        return succeeded == 0 && failed == 0 && skipped == 0;
    }

    /**
     * @param other another delta
     * @return the sum of both
     */
    public ProgressDelta plus(ProgressDelta other) {
        return new ProgressDelta(succeeded + other.succeeded, failed + other.failed, skipped + other.skipped);
    }
}
