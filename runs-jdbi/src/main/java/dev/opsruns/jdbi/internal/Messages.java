package dev.opsruns.jdbi.internal;

import dev.opsruns.core.FailureSanitizer;

/** Prepares caller text for storage. */
final class Messages {

    private Messages() {
    }

    /**
     * @param sanitizer the configured sanitizer
     * @param raw the caller's message
     * @return the sanitized message; never null and without NUL characters, which PostgreSQL text
     *     cannot hold (the standard sanitizer already strips them; a host's own may not)
     */
    static String sanitized(FailureSanitizer sanitizer, String raw) {
        String s = sanitizer.sanitize(raw);
        return s == null ? "" : s.replace("\u0000", "");
    }
}
