package dev.opsruns.core;

import dev.opsruns.core.internal.StandardFailureSanitizer;

/**
 * Makes a failure message safe to store, show and send (DESIGN §7): removes credentials, drops stack
 * traces and payload dumps, strips control characters and caps the length, keeping what helps
 * diagnosis (error codes, HTTP statuses, GUIDs, names, URLs without credentials).
 *
 * <p>Implementations never throw and run in time linear in the input.
 */
@FunctionalInterface
public interface FailureSanitizer {

    /** The longest message {@link #standard()} returns. */
    int MAX_LENGTH = 500;

    /**
     * @param raw the raw message, possibly null
     * @return the sanitized message, at most {@value #MAX_LENGTH} characters; empty for null
     */
    String sanitize(String raw);

    /** @return the standard sanitizer */
    static FailureSanitizer standard() {
        return StandardFailureSanitizer.INSTANCE;
    }
}
