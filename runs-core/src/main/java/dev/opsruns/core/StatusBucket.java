package dev.opsruns.core;

/**
 * What people see of a run's status. {@link #of} is the one definition; stores' SQL
 * filters agree with it exactly.
 */
public enum StatusBucket {
    /** Waiting for a worker. */
    QUEUED("queued"),
    /** A worker is on it. */
    RUNNING("running"),
    /** Ended without failures. */
    SUCCEEDED("succeeded"),
    /** Ended with at least one success and at least one failure. */
    PARTIALLY_SUCCEEDED("partially_succeeded"),
    /** Ended with no success, or could not proceed. */
    FAILED("failed");

    private final String apiName;

    StatusBucket(String apiName) {
        this.apiName = apiName;
    }

    /** @return the lowercase name used in URLs and JSON ({@code partially_succeeded}) */
    public String apiName() {
        return apiName;
    }

    /**
     * @param apiName a name such as {@code partially_succeeded} (case-insensitive)
     * @return the bucket
     * @throws InvalidRunInputException for an unknown name
     */
    public static StatusBucket parse(String apiName) {
        if (apiName != null) {
            for (StatusBucket b : values()) {
                if (b.apiName.equalsIgnoreCase(apiName)) {
                    return b;
                }
            }
        }
        throw new InvalidRunInputException("bucket", "must be one of queued, running, succeeded, "
                + "partially_succeeded, failed, but was " + (apiName == null ? "null" : dev.opsruns.core.internal.Checks.quote(apiName)));
    }

    /**
     * The bucket of a run: {@code pending} is queued and {@code running} running; {@code failed} and
     * {@code aborted} are failed; an ended run that completed is succeeded when no item failed, partially
     * succeeded when some items failed and some succeeded, and failed when items failed and none
     * succeeded.
     *
     * @param status the storage status
     * @param counts the run's counts
     * @return the bucket people see
     */
    public static StatusBucket of(RunStatus status, RunCounts counts) {
        boolean anySucceeded = counts.succeeded() > 0;
        boolean anyFailed = counts.failed() > 0;
        return switch (status) {
            case PENDING -> QUEUED;
            case RUNNING -> RUNNING;
            case FAILED, ABORTED -> FAILED;
            case COMPLETED -> !anyFailed ? SUCCEEDED : anySucceeded ? PARTIALLY_SUCCEEDED : FAILED;
            case COMPLETED_WITH_ERRORS -> anySucceeded ? PARTIALLY_SUCCEEDED : FAILED;
        };
    }
}
