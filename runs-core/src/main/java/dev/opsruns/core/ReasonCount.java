package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;

/**
 * How many failed runs ended with one reason code.
 *
 * @param reasonCode the failure's reason code
 * @param runs how many runs, at least 1
 */
public record ReasonCount(ReasonCode reasonCode, long runs) {

    /**
     * @param reasonCode the reason code
     * @param runs how many runs
     * @throws InvalidRunInputException when the code is null or the count below 1
     */
    public ReasonCount {
        Checks.notNull(reasonCode, "reasonCode");
        if (runs < 1) {
            throw new InvalidRunInputException("runs", "must be at least 1, but was " + runs);
        }
    }
}
