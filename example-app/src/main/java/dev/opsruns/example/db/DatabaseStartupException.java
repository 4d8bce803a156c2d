package dev.opsruns.example.db;

/**
 * The app's database could not be started or reached at start-up. The message is one line, safe to
 * print: it says which database and why, without credentials or a stack trace.
 */
public final class DatabaseStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line: which database, what went wrong, what to do
     * @param cause what failed
     */
    public DatabaseStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
