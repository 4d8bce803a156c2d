package dev.opsruns.core.spi;

import dev.opsruns.core.RunType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The heartbeat times before which a running run counts as stale: one per overridden run type, and
 * one for every other type. The engine computes them from the stale-run policy and the clock.
 *
 * @param otherTypes the cutoff of every run type without an override
 * @param byRunType the cutoffs of overridden run types
 */
public record HeartbeatCutoffs(Instant otherTypes, Map<RunType, Instant> byRunType) {

    /**
     * @param otherTypes the cutoff of every run type without an override
     * @param byRunType the cutoffs of overridden run types
     * @throws NullPointerException when a part is null
     */
    public HeartbeatCutoffs {
        Objects.requireNonNull(otherTypes, "otherTypes");
        byRunType = Map.copyOf(byRunType);
    }

    /**
     * @param runType a run type
     * @return the cutoff that applies to it
     */
    public Instant cutoffFor(RunType runType) {
        return byRunType.getOrDefault(runType, otherTypes);
    }
}
