package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What a start does about an <em>ended</em> run of the same (tenant, idempotency key) when no run of
 * the key is active (an active run is the {@link ConflictPolicy}'s business). Configured per run type in
 * {@link StartPolicy}.
 *
 * <table>
 * <caption>The policies</caption>
 * <tr><th>kind</th><th>an ended run of the key</th><th>start returns</th></tr>
 * <tr><td>{@link Kind#ACTIVE_ONLY}</td><td>ignored</td><td>a new run</td></tr>
 * <tr><td>{@link Kind#REUSE_SUCCEEDED_WITHIN}</td><td>the latest that succeeded and ended within the
 *     window</td><td>that run, reused; otherwise a new run</td></tr>
 * <tr><td>{@link Kind#REFUSE_WITHIN}</td><td>the latest that ended (any outcome) within the window</td>
 *     <td>{@link RunStartRefusedException}; otherwise a new run</td></tr>
 * <tr><td>{@link Kind#RESTART_FAILED}</td><td>the latest that succeeded, however long ago (until purged)</td>
 *     <td>that run, reused; a failed or partially succeeded one is started again</td></tr>
 * </table>
 *
 * @param kind which policy
 * @param window how far back an ended run counts ({@code finishedAt} at or after now minus the window),
 *     for the two windowed kinds; null for the others
 */
public record ReusePolicy(Kind kind, Duration window) {

    /** The longest window: a year and a day, so that a yearly job can refuse its own rerun. */
    public static final Duration MAX_WINDOW = Duration.ofDays(366);

    /** The kinds of policy. */
    public enum Kind {
        /** Reuse only an active run; an ended run never stops a new start (the default). */
        ACTIVE_ONLY(false),
        /** Also reuse a run that succeeded within the window. */
        REUSE_SUCCEEDED_WITHIN(true),
        /** Refuse a new start while a run of the key ended, with any outcome, within the window. */
        REFUSE_WITHIN(true),
        /** Reuse a run that succeeded, however old; start again after a failed or partial one. */
        RESTART_FAILED(false);

        private final boolean windowed;

        Kind(boolean windowed) {
            this.windowed = windowed;
        }

        /** @return true when the kind takes a window */
        public boolean windowed() {
            return windowed;
        }
    }

    private static final ReusePolicy ACTIVE_ONLY = new ReusePolicy(Kind.ACTIVE_ONLY, null);
    private static final ReusePolicy RESTART_FAILED = new ReusePolicy(Kind.RESTART_FAILED, null);

    /**
     * @param kind which policy
     * @param window for the windowed kinds, longer than zero and at most {@link #MAX_WINDOW}; null otherwise
     * @throws InvalidRunInputException when the kind is null or the window does not fit it
     */
    public ReusePolicy {
        Checks.notNull(kind, "reusePolicy");
        if (kind.windowed()) {
            Checks.notNull(window, "reusePolicy.window");
            if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
                throw new InvalidRunInputException("reusePolicy.window",
                        "must be longer than zero and at most 366 days, but was " + window);
            }
        } else if (window != null) {
            throw new InvalidRunInputException("reusePolicy.window", kind + " takes no window, but was " + window);
        }
    }

    /** @return reuse only the active run (the default) */
    public static ReusePolicy activeOnly() {
        return ACTIVE_ONLY;
    }

    /**
     * @param window how long after its end a succeeded run is reused
     * @return the policy
     * @throws InvalidRunInputException when the window is null, not positive or over {@link #MAX_WINDOW}
     */
    public static ReusePolicy reuseSucceededWithin(Duration window) {
        return new ReusePolicy(Kind.REUSE_SUCCEEDED_WITHIN, window);
    }

    /**
     * @param window how long after a run's end a new start is refused
     * @return the policy
     * @throws InvalidRunInputException when the window is null, not positive or over {@link #MAX_WINDOW}
     */
    public static ReusePolicy refuseWithin(Duration window) {
        return new ReusePolicy(Kind.REFUSE_WITHIN, window);
    }

    /** @return reuse a succeeded run, start again after a failed or partially succeeded one */
    public static ReusePolicy restartFailed() {
        return RESTART_FAILED;
    }

    /**
     * Parses the text form used in configuration files: {@code active_only}, {@code restart_failed},
     * {@code reuse_succeeded_within:PT1H} or {@code refuse_within:P1D} (an ISO-8601 duration after the
     * colon), case-insensitive.
     *
     * @param text the text form
     * @return the policy
     * @throws InvalidRunInputException naming the accepted forms when the text is none of them
     */
    public static ReusePolicy parse(String text) {
        Checks.notNull(text, "reusePolicy");
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).trim().toUpperCase(Locale.ROOT);
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.name().equals(name)) {
                kind = k;
            }
        }
        if (kind == null || kind.windowed() != (colon >= 0)) {
            throw new InvalidRunInputException("reusePolicy", "must be active_only, restart_failed,"
                    + " reuse_succeeded_within:<ISO-8601 duration> or refuse_within:<ISO-8601 duration>, but was "
                    + Checks.quote(text));
        }
        if (!kind.windowed()) {
            return new ReusePolicy(kind, null);
        }
        try {
            return new ReusePolicy(kind, Duration.parse(text.substring(colon + 1).trim()));
        } catch (DateTimeParseException e) {
            throw new InvalidRunInputException("reusePolicy.window",
                    "must be an ISO-8601 duration such as PT1H, but was " + Checks.quote(text.substring(colon + 1)));
        }
    }

    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return window == null ? name : name + ":" + window;
    }
}
