package dev.opsruns.core;

/**
 * The store failed in a way the caller cannot fix by changing its input. The call did not take
 * effect (stores run every call in one transaction). The cause is the store's own exception.
 */
public class RunStoreException extends RunException {

    /**
     * @param message what failed
     * @param cause the store's own exception
     */
    public RunStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
