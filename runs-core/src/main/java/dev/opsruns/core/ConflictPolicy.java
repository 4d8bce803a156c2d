package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.Locale;

/**
 * What a start does when an active run already holds its (tenant, idempotency key). Configured per
 * run type in {@link StartPolicy}; a start with a caller key ({@link StartRequest#withCallerKey}) always
 * uses the existing run, since the key names one operation.
 */
public enum ConflictPolicy {
    /** Return the active run as {@link StartOutcome.Reused} (the default). */
    USE_EXISTING,
    /**
     * Abort the active run as {@link ReasonCode#RUN_SUPERSEDED} (its message names the new run) and
     * start the new one, in one atomic step: {@link StartOutcome.Started} with
     * {@link StartOutcome.Started#supersededRun()} set.
     */
    REPLACE;

    /**
     * @param text {@code use_existing} or {@code replace}, case-insensitive
     * @return the policy
     * @throws InvalidRunInputException naming the accepted values when the text is neither
     */
    public static ConflictPolicy parse(String text) {
        Checks.notNull(text, "conflictPolicy");
        for (ConflictPolicy p : values()) {
            if (p.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new InvalidRunInputException("conflictPolicy",
                "must be use_existing or replace, but was " + Checks.quote(text));
    }
}
