package dev.opsruns.hub.internal;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatisticsWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The statistics page's request as its URL states it: {@code window} ({@code 1h}, {@code 24h} (the
 * default), {@code 7d}, {@code 30d}, or {@code custom} with {@code from} and optionally {@code to}, read as
 * the list reads them, in {@code tz}) and {@code type} (one run type, or all).
 *
 * <p>A custom window that reaches past now ends now (nothing has ended in the future yet); one that
 * starts in the future, runs backwards, is longer than {@link StatisticsWindow#MAX_RANGE} or reaches back
 * further than the hub's retention is refused with the reason. A run type nobody runs is not an error:
 * its statistics are simply empty.
 *
 * @param choice the window as chosen
 * @param fromText {@code from} as given, or null
 * @param toText {@code to} as given, or null
 * @param zone the zone of dates and local times
 * @param type the run type, or null for all
 * @param window the window read
 * @param endsNow true when the window ends at the time of the request
 */
record StatisticsRequest(Choice choice, String fromText, String toText, ZoneId zone, RunType type, StatisticsWindow window,
        boolean endsNow) {

    static final Set<String> NAMES = Set.of("window", "from", "to", "tz", "type");

    /** The windows of the selector. */
    enum Choice {
        LAST_HOUR("1h", "Last hour", StatisticsWindow::lastHour),
        LAST_24_HOURS("24h", "Last 24 hours", StatisticsWindow::last24Hours),
        LAST_7_DAYS("7d", "Last 7 days", StatisticsWindow::last7Days),
        LAST_30_DAYS("30d", "Last 30 days", StatisticsWindow::last30Days),
        CUSTOM("custom", "Custom dates", null);

        final String param;
        final String label;
        private final Function<Clock, StatisticsWindow> preset;

        Choice(String param, String label, Function<Clock, StatisticsWindow> preset) {
            this.param = param;
            this.label = label;
            this.preset = preset;
        }
    }

    static StatisticsRequest parse(Params q, Clock clock, Duration retention) {
        String fromText = q.single("from");
        String toText = q.single("to");
        Choice choice = choice(q.single("window"), fromText != null || toText != null);
        ZoneId zone = TimeBounds.zone(q.single("tz"));
        RunType type = type(q.single("type"));
        Instant now = clock.instant();
        StatisticsWindow window;
        boolean endsNow;
        if (choice == Choice.CUSTOM) {
            if (fromText == null) {
                throw HubError.badRequest("A custom window needs a \"from\" date (and a \"to\" date, or it ends now).");
            }
            Instant from = TimeBounds.inRange("from", TimeBounds.bound("from", fromText, zone, false));
            Instant to = toText == null ? null : TimeBounds.inRange("to", TimeBounds.bound("to", toText, zone, true));
            if (to != null && !from.isBefore(to)) {
                throw HubError.badRequest("The \"to\" date must be after the \"from\" date, but from is " + Texts.clip(fromText)
                        + " and to is " + Texts.clip(toText) + ".");
            }
            if (!from.isBefore(now)) {
                throw HubError.badRequest("The window starts in the future (" + Texts.clip(fromText) + "): nothing has "
                        + "ended there yet. Choose a window that starts before now.");
            }
            endsNow = to == null || to.isAfter(now);
            Instant end = endsNow ? now : to;
            if (Duration.between(from, end).compareTo(StatisticsWindow.MAX_RANGE) > 0) {
                throw HubError.badRequest("The window is " + Texts.duration(Duration.between(from, end)) + " long; statistics "
                        + "cover at most " + StatisticsWindow.MAX_RANGE.toDays() + " days at once.");
            }
            window = window(from, end);
        } else {
            if (fromText != null || toText != null) {
                throw HubError.badRequest("From and to dates apply only to a custom window: choose \"Custom dates\", or "
                        + "clear the dates to see the " + choice.label.toLowerCase(Locale.ROOT) + ".");
            }
            window = choice.preset.apply(clock);
            endsNow = true;
        }
        Instant kept = now.minus(retention);
        if (window.from().isBefore(kept)) {
            throw HubError.badRequest("This window reaches back to " + TimeView.of(window.from(), "").text() + ", but ended "
                    + "runs are kept for " + Texts.duration(retention) + " only, so its statistics would be incomplete. Choose "
                    + "a window that starts after " + TimeView.of(kept, "").text() + ".");
        }
        return new StatisticsRequest(choice, fromText, toText, zone, type, window, endsNow);
    }

    private static StatisticsWindow window(Instant from, Instant to) {
        try {
            return StatisticsWindow.between(from, to);
        } catch (InvalidRunInputException e) {
            // only a window shorter than a microsecond gets here: the checks above cover the rest
            throw HubError.badRequest("The window is too short to show: " + e.getMessage() + ".");
        }
    }

    private static Choice choice(String text, boolean datesGiven) {
        if (text == null) {
            return datesGiven ? Choice.CUSTOM : Choice.LAST_24_HOURS;
        }
        for (Choice c : Choice.values()) {
            if (c.param.equals(text)) {
                return c;
            }
        }
        throw HubError.badRequest("\"" + Texts.clip(text) + "\" is not a statistics window. Use "
                + Arrays.stream(Choice.values()).map(c -> c.param).collect(Collectors.joining(", "))
                + " (with from and to dates), or leave it out for the last 24 hours.");
    }

    private static RunType type(String text) {
        if (text == null) {
            return null;
        }
        try {
            return RunType.of(text);
        } catch (InvalidRunInputException e) {
            throw HubError.badRequest("\"" + Texts.clip(text) + "\" is not a run type: run types look like drift.generate.");
        }
    }

    /** @return this request with another window choice kept as the URL parameters that state it */
    Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("window", choice == Choice.LAST_24_HOURS ? null : choice.param);
        if (choice == Choice.CUSTOM) {
            p.put("from", fromText);
            p.put("to", toText);
            p.put("tz", zone.equals(ZoneOffset.UTC) ? null : zone.getId());
        }
        p.put("type", type == null ? null : type.value());
        return p;
    }
}
