package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.regex.Pattern;

/**
 * A stable, machine-readable failure reason such as {@code graph.forbidden} or {@code run.stale}:
 * dot-separated parts, each {@code [a-z][a-z0-9_]*}, at most 64 characters.
 *
 * @param value the reason code
 */
public record ReasonCode(String value) {

    /** The longest accepted reason code. */
    public static final int MAX_LENGTH = 64;

    // Declared before the constants below: their constructor needs it during class initialization.
    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    /** A run whose worker stopped sending heartbeats. */
    public static final ReasonCode RUN_STALE = new ReasonCode("run.stale");
    /** A run that stayed pending longer than the queue timeout. */
    public static final ReasonCode RUN_NEVER_STARTED = new ReasonCode("run.never_started");
    /** A run whose last allowed attempt stopped sending heartbeats: no worker may take it over. */
    public static final ReasonCode RUN_ATTEMPTS_EXHAUSTED = new ReasonCode("run.attempts_exhausted");
    /** A run aborted because a start with {@link ConflictPolicy#REPLACE} replaced it; the message names the new run. */
    public static final ReasonCode RUN_SUPERSEDED = new ReasonCode("run.superseded");

    /**
     * @param value the reason code
     * @throws InvalidRunInputException when the format is not accepted
     */
    public ReasonCode {
        Checks.notNull(value, "reasonCode");
        if (value.length() > MAX_LENGTH || !FORMAT.matcher(value).matches()) {
            throw new InvalidRunInputException("reasonCode",
                    "must be dot-separated parts of [a-z][a-z0-9_]*, at most 64 chars, but was "
                            + Checks.quote(value));
        }
    }

    /**
     * @param value the reason code
     * @return the reason code
     * @throws InvalidRunInputException when the format is not accepted
     */
    public static ReasonCode of(String value) {
        return new ReasonCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
