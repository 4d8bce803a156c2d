package dev.opsruns.example.drift;

import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RunType;

/** The names the drift producer shares with the ledger: its run type and failure reasons. */
public final class DriftGeneration {

    /** The run type. */
    public static final RunType RUN_TYPE = RunType.of("drift.generate");
    /** The run's context names an inventory run the tenant no longer has. */
    public static final ReasonCode INVENTORY_RUN_MISSING = ReasonCode.of("drift.inventory_run_missing");
    /** A snapshot to compare cannot be read. */
    public static final ReasonCode SNAPSHOT_UNAVAILABLE = ReasonCode.of("drift.snapshot_unavailable");
    /** The run's context is not one this app writes. */
    public static final ReasonCode INVALID_CONTEXT = ReasonCode.of("drift.invalid_context");

    private DriftGeneration() {
    }
}
