package dev.opsruns.example.inventory;

import java.time.Instant;

/**
 * What the drift landing shows of one scope: how many syncs succeeded and failed, and when the last
 * successful one ended. Drift generation needs at least two successful syncs.
 *
 * @param scopeKey the scope
 * @param successfulRuns successful syncs
 * @param failedRuns failed syncs
 * @param lastSucceededAt when the newest successful sync ended, or null
 */
public record ScopeSummary(String scopeKey, int successfulRuns, int failedRuns, Instant lastSucceededAt) {

    /** @return true when drift generation can compare two snapshots of this scope */
    public boolean driftReady() {
        return successfulRuns >= 2;
    }
}
