package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;

/**
 * The six storage statuses of a run. People see {@link StatusBucket}s instead.
 */
public enum RunStatus {
    /** Queued: started, no worker has picked it up yet. Active. */
    PENDING("pending"),
    /** A worker is processing it. Active. */
    RUNNING("running"),
    /** Ended with no failed item. */
    COMPLETED("completed"),
    /** Ended with at least one failed item. */
    COMPLETED_WITH_ERRORS("completed_with_errors"),
    /** Could not proceed. */
    FAILED("failed"),
    /** Stopped on purpose before it ended. */
    ABORTED("aborted");

    private final String storageName;

    RunStatus(String storageName) {
        this.storageName = storageName;
    }

    /** @return the name stored in the database and shown in the API ({@code completed_with_errors}) */
    public String storageName() {
        return storageName;
    }

    /** @return true for {@code pending} and {@code running}: the run may still change */
    public boolean isActive() {
        return this == PENDING || this == RUNNING;
    }

    /** @return true once the run has ended; terminal statuses never change */
    public boolean isTerminal() {
        return !isActive();
    }

    /**
     * @param storageName a storage name such as {@code running}
     * @return the status
     * @throws InvalidRunInputException for an unknown name
     */
    public static RunStatus parse(String storageName) {
        Checks.notNull(storageName, "status");
        for (RunStatus s : values()) {
            if (s.storageName.equals(storageName)) {
                return s;
            }
        }
        throw new InvalidRunInputException("status", "must be one of pending, running, completed, "
                + "completed_with_errors, failed, aborted, but was " + Checks.quote(storageName));
    }
}
