package dev.opsruns.spring;

import dev.opsruns.core.InvalidRunInputException;

/**
 * An {@code opsruns.*} property holds a value opsruns does not accept. Thrown while the application
 * starts, so it fails with one message naming the property and what it accepts.
 */
public class InvalidOpsRunsPropertyException extends IllegalArgumentException {

    /** The full name of the property whose value was refused. */
    private final String property;

    /**
     * @param property the full property name, for example {@code opsruns.item-failure-cap}
     * @param reason what is accepted and what the value was, for example
     *     {@code must be 0-10000, but was -1}
     */
    public InvalidOpsRunsPropertyException(String property, String reason) {
        super(property + " " + reason);
        this.property = property;
    }

    /**
     * Restates a core validation failure in terms of the property that held the value.
     *
     * @param property the full property name
     * @param cause the core's refusal of the value
     * @return the exception
     */
    static InvalidOpsRunsPropertyException of(String property, InvalidRunInputException cause) {
        String prefix = cause.field() + ": ";
        String message = cause.getMessage();
        String reason = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        InvalidOpsRunsPropertyException e = new InvalidOpsRunsPropertyException(property, reason);
        e.initCause(cause);
        return e;
    }

    /** @return the full property name */
    public String property() {
        return property;
    }
}
