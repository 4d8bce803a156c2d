package dev.opsruns.core;

/**
 * The store could not be reached (database down, connection refused, pool exhausted). The call did
 * not take effect; it is safe to retry later.
 */
public class RunStoreUnavailableException extends RunStoreException {

    /**
     * @param message what could not be reached
     * @param cause the store's own exception
     */
    public RunStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
