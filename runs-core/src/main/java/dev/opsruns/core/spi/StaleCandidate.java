package dev.opsruns.core.spi;

import dev.opsruns.core.RunId;
import dev.opsruns.core.RunType;
import java.time.Instant;
import java.util.Objects;

/**
 * A run the reaper may end: a running run whose heartbeat is older than its type's cutoff, or a
 * pending run queued before the queue cutoff.
 *
 * @param runId the run
 * @param runType its type
 * @param seen the time the judgement rests on: the heartbeat of a running run, the creation time of
 *     a pending one; the end is guarded by it ({@link RunEnd#reapStale})
 */
public record StaleCandidate(RunId runId, RunType runType, Instant seen) {

    /**
     * @param runId the run
     * @param runType its type
     * @param seen the time the judgement rests on: the heartbeat of a running run, the creation time of a pending one; the end is guarded by it ({@link RunEnd#reapStale})
     * @throws NullPointerException when a part is null
     */
    public StaleCandidate {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(seen, "seen");
    }
}
