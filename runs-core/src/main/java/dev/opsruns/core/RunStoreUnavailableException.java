package dev.opsruns.core;

/**
 * The store could not be reached (database down, connection refused, pool exhausted). It is safe to
 * retry later.
 *
 * <p>Usually the call did not take effect. The one exception is a connection lost while the
 * transaction was committing: the database may have committed just before the connection broke, so
 * the outcome is unknown, and {@link #outcomeUnknown()} says so. No store can tell those cases apart
 * without a second round trip that is impossible while the database is away.
 */
public class RunStoreUnavailableException extends RunStoreException {

    /** Whether the call may have taken effect. */
    private final boolean outcomeUnknown;

    /**
     * An unavailable store; the call did not take effect.
     *
     * @param message what could not be reached
     * @param cause the store's own exception
     */
    public RunStoreUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param message what could not be reached
     * @param cause the store's own exception
     * @param outcomeUnknown true when the connection was lost during the commit, so the call may have
     *     taken effect
     */
    public RunStoreUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /** @return true when the call may have taken effect (the connection broke during its commit) */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
