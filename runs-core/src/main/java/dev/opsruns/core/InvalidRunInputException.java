package dev.opsruns.core;

import java.util.Objects;

/**
 * A caller passed a value that opsruns does not accept. Thrown before any store work, so nothing
 * has been recorded.
 */
public class InvalidRunInputException extends RunException {

    /** The offending field or parameter. */
    private final String field;

    /**
     * @param field the name of the offending field or parameter (for example {@code tenantId})
     * @param message what was wrong and what is accepted
     */
    public InvalidRunInputException(String field, String message) {
        super(field + ": " + message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** @return the name of the offending field or parameter */
    public String field() {
        return field;
    }
}
