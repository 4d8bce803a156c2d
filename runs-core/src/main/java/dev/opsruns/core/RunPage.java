package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * One page of a monitoring list, newest first, with opaque cursors to the neighbouring pages. Keyset
 * pagination: runs inserted while someone pages never make a run appear twice or go missing.
 *
 * @param runs the runs, newest first
 * @param olderCursor the cursor of the next (older) page, or null when there is none
 * @param newerCursor the cursor of the previous (newer) page, or null on the newest page
 */
public record RunPage(List<Run> runs, String olderCursor, String newerCursor) {

    /**
     * @param runs the runs, newest first
     * @param olderCursor the cursor of the next (older) page, or null when there is none
     * @param newerCursor the cursor of the previous (newer) page, or null on the newest page
     * @throws InvalidRunInputException when {@code runs} is null
     */
    public RunPage {
        runs = List.copyOf(Checks.notNull(runs, "runs"));
    }

    /** @return the cursor of the next (older) page, if any */
    public Optional<String> older() {
        return Optional.ofNullable(olderCursor);
    }

    /** @return the cursor of the previous (newer) page, if any */
    public Optional<String> newer() {
        return Optional.ofNullable(newerCursor);
    }
}
