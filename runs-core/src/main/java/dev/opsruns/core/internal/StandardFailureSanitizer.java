package dev.opsruns.core.internal;

import dev.opsruns.core.FailureSanitizer;

/** The standard sanitizer (DESIGN §7). */
public final class StandardFailureSanitizer implements FailureSanitizer {

    /** The shared instance; it is stateless. */
    public static final StandardFailureSanitizer INSTANCE = new StandardFailureSanitizer();

    private StandardFailureSanitizer() {
    }

    @Override
    public String sanitize(String raw) {
        // Placeholder until the rule set lands: keeps only the first line, capped.
        if (raw == null) {
            return "";
        }
        String firstLine = raw.lines().findFirst().orElse("");
        return firstLine.length() > MAX_LENGTH ? firstLine.substring(0, MAX_LENGTH) : firstLine;
    }
}
