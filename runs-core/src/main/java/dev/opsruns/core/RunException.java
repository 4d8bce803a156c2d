package dev.opsruns.core;

/**
 * The root of every exception opsruns throws. It is unchecked; subclasses say what was wrong and
 * what is accepted. No {@code SQLException} or store-specific exception ever escapes a store:
 * stores translate them into subclasses of this type.
 */
public abstract class RunException extends RuntimeException {

    /**
     * @param message what was wrong and what is accepted
     */
    protected RunException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong and what is accepted
     * @param cause the underlying cause
     */
    protected RunException(String message, Throwable cause) {
        super(message, cause);
    }
}
