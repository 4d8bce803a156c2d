package dev.opsruns.core.spi;

import dev.opsruns.core.RunId;
import java.time.Instant;
import java.util.Objects;

/**
 * A place in a tenant's list of runs, which is ordered by {@code createdAt} and then id, both
 * descending (newest first). The engine decodes it from a page cursor; stores only compare with it.
 *
 * @param direction which side of the position to read
 * @param createdAt the creation time of the run at the position
 * @param runId the id of the run at the position
 */
public record PagePosition(Direction direction, Instant createdAt, RunId runId) {

    /** Which side of a position a page lies on. */
    public enum Direction {
        /** Runs strictly older than the position (further down the list). */
        OLDER,
        /** Runs strictly newer than the position (further up the list). */
        NEWER
    }

    /**
     * @param direction which side of the position to read
     * @param createdAt the creation time of the run at the position
     * @param runId the id of the run at the position
     * @throws NullPointerException when a part is null
     */
    public PagePosition {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(runId, "runId");
    }

    /**
     * @param createdAt a run's creation time
     * @param id the run's id
     * @return negative when that run lies before this position in ascending (createdAt, id) order,
     *     zero at it, positive after it
     */
    public int compareRun(Instant createdAt, RunId id) {
        int c = createdAt.compareTo(this.createdAt);
        return c != 0 ? c : id.compareTo(runId);
    }
}
