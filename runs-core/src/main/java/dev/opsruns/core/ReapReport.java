package dev.opsruns.core;

import java.util.List;

/**
 * What one reaper pass ended (or, from {@link RunMaintenance#findStaleRuns}, would end now).
 *
 * @param stale running runs ended as {@code run.stale}
 * @param neverStarted pending runs ended as {@code run.never_started}
 */
public record ReapReport(List<RunId> stale, List<RunId> neverStarted) {
    /**
     * Compact constructor: copies the lists.
     *
     * @param stale running runs ended as {@code run.stale}
     * @param neverStarted pending runs ended as {@code run.never_started}
     */
    public ReapReport {
        stale = List.copyOf(stale);
        neverStarted = List.copyOf(neverStarted);
    }

    /** @return how many runs the pass ended */
    public int total() {
        return stale.size() + neverStarted.size();
    }
}
