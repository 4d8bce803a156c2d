package dev.opsruns.core.internal;

import dev.opsruns.core.FailureSanitizer;

/**
 * The one place caller text is made fit for storage: every message a run or item failure stores, and
 * every notification text, passes through here.
 */
public final class StoredText {

    private StoredText() {
    }

    /**
     * @param sanitizer the configured sanitizer
     * @param raw the caller's text
     * @return the sanitized text; never null, and without NUL characters, which PostgreSQL text cannot
     *     hold (the standard sanitizer already strips them; a host's own may not)
     */
    public static String sanitized(FailureSanitizer sanitizer, String raw) {
        return withoutNul(sanitizer.sanitize(raw));
    }

    /**
     * @param text text built by opsruns itself, or null
     * @return the text without NUL characters, never null
     */
    public static String withoutNul(String text) {
        if (text == null) {
            return "";
        }
        return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }
}
