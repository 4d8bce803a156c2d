package dev.opsruns.example.backup;

import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RunType;

/** The names the add-policies producer shares with the ledger: its run type, limits and failure reasons. */
public final class AddPolicies {

    /** The run type. */
    public static final RunType RUN_TYPE = RunType.of("backup_set.add_policies");
    /** The most policies one request may add. */
    public static final int MAX_POLICIES = 200;
    /** The backup set was deleted before the job ran. */
    public static final ReasonCode BACKUP_SET_MISSING = ReasonCode.of("backup_set.not_found");
    /** The run's context is not one this app writes. */
    public static final ReasonCode INVALID_CONTEXT = ReasonCode.of("backup_set.invalid_context");

    private AddPolicies() {
    }
}
