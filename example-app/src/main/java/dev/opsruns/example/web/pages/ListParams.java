package dev.opsruns.example.web.pages;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.example.web.ApiException;
import dev.opsruns.example.web.QueryParams;
import dev.opsruns.example.web.TimeBounds;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Operations list's view as its URL states it, so a view can be bookmarked and shared:
 * {@code bucket} (one tab), {@code type}, {@code range} ({@code 24h}, {@code 7d}, {@code 30d} or
 * {@code custom} with {@code from}/{@code to}, each a date, a local date-time in {@code tz}, or an
 * instant with offset), {@code at} (the "now" a preset range was computed from, pinned while paging so
 * the cursor stays valid), {@code cursor} and {@code limit}. Anything else in the URL is refused with a
 * message that says what is accepted.
 *
 * @param bucket the tab, or null for all
 * @param type the run type, or null for all
 * @param range the time range
 * @param fromText {@code from} as given, or null
 * @param toText {@code to} as given, or null
 * @param zone the zone of dates and local times ({@code tz}, default UTC)
 * @param at the instant a preset range ends at, or null for now
 * @param cursor the page's cursor, or null for the newest page
 * @param limit the page size
 * @param filter the library filter all this means
 */
record ListParams(StatusBucket bucket, RunType type, Range range, String fromText, String toText, ZoneId zone, Instant at,
        String cursor, int limit, RunFilter filter) {

    /** The query parameters the list accepts. */
    static final Set<String> NAMES = Set.of("bucket", "type", "range", "from", "to", "tz", "at", "cursor", "limit");
    /** Rows per page unless {@code limit} says otherwise. */
    static final int DEFAULT_LIMIT = 25;

    /** The time ranges of the filter. */
    enum Range {
        /** No bound. */
        ANY("", "Any time", null),
        /** The last 24 hours. */
        LAST_24_HOURS("24h", "Last 24 hours", Duration.ofHours(24)),
        /** The last 7 days. */
        LAST_7_DAYS("7d", "Last 7 days", Duration.ofDays(7)),
        /** The last 30 days. */
        LAST_30_DAYS("30d", "Last 30 days", Duration.ofDays(30)),
        /** From and to as given. */
        CUSTOM("custom", "Custom dates", null);

        final String param;
        final String label;
        final Duration length;

        Range(String param, String label, Duration length) {
            this.param = param;
            this.label = label;
            this.length = length;
        }

        boolean isPreset() {
            return length != null;
        }
    }

    /**
     * @param q the request's query parameters (already limited to {@link #NAMES})
     * @param runTypes the run types the app produces
     * @param now the app's clock
     * @return the view
     * @throws ApiException 400 with a readable message for anything malformed
     */
    static ListParams parse(QueryParams q, Set<RunType> runTypes, Instant now) {
        StatusBucket bucket = bucket(q.single("bucket"));
        RunType type = type(q.single("type"), runTypes);
        String fromText = q.single("from");
        String toText = q.single("to");
        String tzText = q.single("tz");
        Range range = range(q.single("range"), fromText != null || toText != null);
        ZoneId zone = zone(tzText);
        Instant at = q.single("at") == null ? null : TimeBounds.check("at", instant("at", q.single("at")));
        Instant from = null;
        Instant to = null;
        if (range.isPreset()) {
            if (fromText != null || toText != null) {
                throw ApiException.badRequest("range", "From and to dates apply only to a custom range: choose "
                        + "\"Custom dates\", or clear the dates to see the " + range.label.toLowerCase(java.util.Locale.ROOT) + ".");
            }
            // No upper bound: the cursor's fingerprint covers the filter, so page 2 must build exactly page 1's.
            from = TimeBounds.check("at", (at == null ? now : at).minus(range.length));
        } else if (range == Range.CUSTOM) {
            from = fromText == null ? null : TimeBounds.check("from", bound("from", fromText, zone, false));
            to = toText == null ? null : TimeBounds.check("to", bound("to", toText, zone, true));
            if (from != null && to != null && !from.isBefore(to)) {
                throw ApiException.badRequest("to", "The \"to\" date must be after the \"from\" date, but from is " + fromText
                        + " and to is " + toText + ".");
            }
        }
        int limit = q.integer("limit", 1, 200, DEFAULT_LIMIT);
        RunFilter filter = new RunFilter(type == null ? Set.of() : Set.of(type),
                bucket == null ? Set.of() : EnumSet.of(bucket), from, to);
        return new ListParams(bucket, type, range, fromText, toText, zone, range.isPreset() ? (at == null ? now : at) : null,
                TimeBounds.checkedCursor(q.single("cursor")), limit, filter);
    }

    /** @return the same view with no bucket, for the tab counts */
    RunFilter filterOfAllBuckets() {
        return filter.withBuckets(Set.of());
    }

    /**
     * @param base the list's path
     * @param tab a bucket, or null for all
     * @return the first page of this view on that tab
     */
    String tabUrl(String base, StatusBucket tab) {
        Map<String, String> p = common(tab, false);
        return Urls.with(base, p);
    }

    /**
     * @param base the list's path
     * @param pageCursor an older or newer cursor
     * @return that page of this view, the range pinned so the cursor stays valid
     */
    String pageUrl(String base, String pageCursor) {
        Map<String, String> p = common(bucket, true);
        p.put("cursor", pageCursor);
        return Urls.with(base, p);
    }

    /** @return true when the filters narrow anything down (besides the tab) */
    boolean narrowed() {
        return type != null || range != Range.ANY;
    }

    /** @return the date input's value for {@code from}, when it is a plain date */
    String fromDate() {
        return plainDate(fromText);
    }

    /** @return the date input's value for {@code to}, when it is a plain date */
    String toDate() {
        return plainDate(toText);
    }

    private Map<String, String> common(StatusBucket tab, boolean pinned) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bucket", tab == null ? null : tab.apiName());
        p.put("type", type == null ? null : type.value());
        p.put("range", range.param);
        if (range == Range.CUSTOM) {
            p.put("from", fromText);
            p.put("to", toText);
            p.put("tz", zone.equals(ZoneOffset.UTC) ? null : zone.getId());
        }
        if (pinned && range.isPreset()) {
            p.put("at", at.toString());
        }
        p.put("limit", limit == DEFAULT_LIMIT ? null : Integer.toString(limit));
        return p;
    }

    private static String plainDate(String text) {
        return text != null && text.matches("\\d{4}-\\d{2}-\\d{2}") ? text : "";
    }

    private static StatusBucket bucket(String text) {
        if (text == null || text.equals("all")) {
            return null;
        }
        for (StatusBucket b : StatusBucket.values()) {
            if (b.apiName().equals(text)) {
                return b;
            }
        }
        throw ApiException.badRequest("bucket", "There is no status \"" + clip(text) + "\". The statuses are: "
                + EnumSet.allOf(StatusBucket.class).stream().map(StatusBucket::apiName).collect(Collectors.joining(", ")) + ".");
    }

    private static RunType type(String text, Set<RunType> runTypes) {
        if (text == null) {
            return null;
        }
        String accepted = runTypes.stream().map(RunType::value).sorted().collect(Collectors.joining(", "));
        try {
            RunType type = RunType.of(text);
            if (runTypes.contains(type)) {
                return type;
            }
        } catch (InvalidRunInputException e) {
            // refused below, with the same message
        }
        throw ApiException.badRequest("type", "There is no run type \"" + clip(text) + "\" in this app. The run types are: "
                + accepted + ".");
    }

    private static Range range(String text, boolean datesGiven) {
        if (text == null) {
            return datesGiven ? Range.CUSTOM : Range.ANY;
        }
        for (Range r : Range.values()) {
            if (r.param.equals(text)) {
                return r == Range.ANY && datesGiven ? Range.CUSTOM : r;
            }
        }
        throw ApiException.badRequest("range", "\"" + clip(text) + "\" is not a time range. Use 24h, 7d, 30d or custom "
                + "(with from and to dates), or leave it out for any time.");
    }

    private static ZoneId zone(String text) {
        if (text == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("tz", "\"" + clip(text) + "\" is not a time zone. Use a zone such as "
                    + "Europe/Berlin or America/Sao_Paulo, or leave it out for UTC.");
        }
    }

    private static Instant instant(String name, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "\"" + name + "\" must be a time with offset, such as "
                    + "2026-01-15T09:30:00Z, but was \"" + clip(text) + "\".");
        } catch (DateTimeException beyondInstant) {
            throw TimeBounds.outOfRange(name);
        }
    }

    /** A date means its whole day: {@code from} its start, {@code to} the start of the next day (exclusive). */
    private static Instant bound(String name, String text, ZoneId zone, boolean end) {
        try {
            return parsedBound(name, text, zone, end);
        } catch (DateTimeException beyondJavaTime) {
            // +999999999-12-31 parses, but the day after it or its instant does not exist
            throw TimeBounds.outOfRange(name);
        }
    }

    private static Instant parsedBound(String name, String text, ZoneId zone, boolean end) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException notALocalTime) {
                try {
                    LocalDate date = LocalDate.parse(text);
                    return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw ApiException.badRequest(name, "The \"" + name + "\" date \"" + clip(text) + "\" is not a date. "
                            + "Use a date such as 2026-01-15, a local time such as 2026-01-15T09:30, or a time with "
                            + "offset such as 2026-01-15T09:30:00Z.");
                }
            }
        }
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "...";
    }
}
