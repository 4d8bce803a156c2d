package dev.opsruns.example.maintenance;

import java.time.Instant;

/**
 * The outcome of one stale-run reaper pass, for {@code /health}.
 *
 * @param at when the pass ended
 * @param stale running runs it ended as {@code run.stale}
 * @param neverStarted pending runs it ended as {@code run.never_started}
 * @param failed true when the pass failed (the database did not answer, say); the counts are then 0
 */
public record ReaperPass(Instant at, int stale, int neverStarted, boolean failed) {
}
