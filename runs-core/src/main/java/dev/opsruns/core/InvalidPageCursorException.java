package dev.opsruns.core;

/**
 * A page request carried a cursor that this listing did not issue: tampered with, truncated, or issued
 * for another tenant or other filters. Start again without a cursor. Thrown before any store work.
 */
public class InvalidPageCursorException extends InvalidRunInputException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong with the cursor and what is accepted
     */
    public InvalidPageCursorException(String message) {
        super("cursor", message);
    }
}
