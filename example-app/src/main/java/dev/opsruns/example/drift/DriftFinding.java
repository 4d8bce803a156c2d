package dev.opsruns.example.drift;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored drift finding of a run.
 *
 * @param id the finding's id
 * @param change what differs
 * @param detectedAt when the run found it
 */
public record DriftFinding(long id, DriftChange change, Instant detectedAt) {
    /** Compact constructor: every part is required. */
    public DriftFinding {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(detectedAt, "detectedAt");
    }

    /** @return the changed setting paths (empty unless changed) */
    public List<String> changedSettings() {
        return change.changedSettings();
    }
}
