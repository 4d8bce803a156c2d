package dev.opsruns.core.internal;

import java.time.Instant;

/** The reaper's failure messages, worded once for every store. */
public final class StaleRunMessages {

    private StaleRunMessages() {
    }

    /**
     * @param lastSignOfLife the run's last heartbeat (or start)
     * @return the message of a {@code run.stale} failure
     */
    public static String stale(Instant lastSignOfLife) {
        return "The worker stopped reporting: no heartbeat since " + lastSignOfLife + ".";
    }

    /**
     * @param createdAt when the run was queued
     * @return the message of a {@code run.never_started} failure
     */
    public static String neverStarted(Instant createdAt) {
        return "No worker picked the run up: queued at " + createdAt + " and never started.";
    }
}
