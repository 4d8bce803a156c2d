package dev.opsruns.example.drift;

import java.util.Locale;

/** How a policy differs between the baseline and the current snapshot. */
public enum ChangeType {
    /** Only in the current snapshot. */
    ADDED,
    /** Only in the baseline snapshot. */
    REMOVED,
    /** In both, with different settings. */
    CHANGED;

    /** @return the lowercase name stored and shown */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param apiName a stored name
     * @return the change type
     */
    public static ChangeType parse(String apiName) {
        return valueOf(apiName.toUpperCase(Locale.ROOT));
    }
}
