package dev.opsruns.hub.internal;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The list's view as its URL states it, so a view can be bookmarked and shared: {@code bucket} (a tab),
 * {@code type}, {@code range} ({@code 24h}, {@code 7d}, {@code 30d}, or {@code custom} with
 * {@code from}/{@code to}: a date, a local date-time in {@code tz}, or an instant with offset),
 * {@code at} (the "now" a preset range is pinned to while paging, so the cursor stays valid), the
 * searches {@code run} (run id or its first digits), {@code initiator} (an initiator's id) and
 * {@code reason} (a reason code), {@code ended_from} (runs that ended at or after an instant with offset:
 * the "new failures since your last visit" link), then {@code cursor} and {@code limit}.
 *
 * @param bucket the tab, or null for all
 * @param type the run type, or null for all
 * @param range the time range
 * @param fromText {@code from} as given, or null
 * @param toText {@code to} as given, or null
 * @param zone the zone of dates and local times
 * @param at the instant a preset range ends at, or null
 * @param run the run id search as given, or null
 * @param initiator the initiator search, or null
 * @param reason the reason code search as given, or null
 * @param endedFrom the earliest end included, or null
 * @param cursor the page's cursor, or null
 * @param limit the page size
 * @param defaultLimit the hub's page size
 * @param filter the library filter all this means
 */
record ListQuery(StatusBucket bucket, RunType type, Range range, String fromText, String toText, ZoneId zone, Instant at,
        String run, String initiator, String reason, Instant endedFrom, String cursor, int limit, int defaultLimit,
        RunFilter filter) {

    static final Set<String> NAMES = Set.of("bucket", "type", "range", "from", "to", "tz", "at", "run", "initiator",
            "reason", "ended_from", "cursor", "limit");

    /** The time ranges of the filter. */
    enum Range {
        ANY("", "Any time", null),
        LAST_24_HOURS("24h", "Last 24 hours", Duration.ofHours(24)),
        LAST_7_DAYS("7d", "Last 7 days", Duration.ofDays(7)),
        LAST_30_DAYS("30d", "Last 30 days", Duration.ofDays(30)),
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

    static ListQuery parse(Params q, Set<RunType> offered, Instant now, int defaultLimit) {
        StatusBucket bucket = bucket(q.single("bucket"));
        RunType type = type(q.single("type"), offered);
        String fromText = q.single("from");
        String toText = q.single("to");
        Range range = range(q.single("range"), fromText != null || toText != null);
        ZoneId zone = TimeBounds.zone(q.single("tz"));
        Instant at = q.single("at") == null ? null : TimeBounds.inRange("at", TimeBounds.instant("at", q.single("at")));
        Instant from = null;
        Instant to = null;
        if (range.isPreset()) {
            if (fromText != null || toText != null) {
                throw HubError.badRequest("From and to dates apply only to a custom range: choose \"Custom dates\", or "
                        + "clear the dates to see the " + range.label.toLowerCase(Locale.ROOT) + ".");
            }
            // No upper bound: the cursor's fingerprint covers the filter, so page 2 must build exactly page 1's.
            from = TimeBounds.inRange("at", (at == null ? now : at).minus(range.length));
        } else if (range == Range.CUSTOM) {
            from = fromText == null ? null : TimeBounds.inRange("from", TimeBounds.bound("from", fromText, zone, false));
            to = toText == null ? null : TimeBounds.inRange("to", TimeBounds.bound("to", toText, zone, true));
            if (from != null && to != null && !from.isBefore(to)) {
                throw HubError.badRequest("The \"to\" date must be after the \"from\" date, but from is " + Texts.clip(fromText)
                        + " and to is " + Texts.clip(toText) + ".");
            }
        }
        String run = q.single("run");
        String initiator = q.single("initiator");
        String reason = q.single("reason");
        RunFilter filter = new RunFilter(type == null ? Set.of() : Set.of(type),
                bucket == null ? Set.of() : EnumSet.of(bucket), from, to);
        try {
            filter = filter.withRunIdPrefix(run);
        } catch (InvalidRunInputException e) {
            throw HubError.badRequest("\"" + Texts.clip(run) + "\" is not a run id: search with a whole run id or its first "
                    + "characters (hex digits, dashes allowed), such as 0190a5c3.");
        }
        try {
            filter = filter.withInitiator(initiator);
        } catch (InvalidRunInputException e) {
            throw HubError.badRequest("Search for an initiator by its user id (at most 200 characters).");
        }
        try {
            filter = filter.withReasonCode(reason == null ? null : ReasonCode.of(reason));
        } catch (InvalidRunInputException e) {
            throw HubError.badRequest("\"" + Texts.clip(reason) + "\" is not a reason code: reason codes are dot-separated "
                    + "lower-case words such as graph.forbidden or run.stale.");
        }
        String endedText = q.single("ended_from");
        Instant endedFrom = endedText == null ? null
                : TimeBounds.inRange("ended_from", TimeBounds.instant("ended_from", endedText));
        filter = filter.withEndedFrom(endedFrom);
        int limit = q.integer("limit", 1, 200, defaultLimit);
        return new ListQuery(bucket, type, range, fromText, toText, zone, range.isPreset() ? (at == null ? now : at) : null,
                run, initiator, reason, endedFrom, q.single("cursor"), limit, defaultLimit, filter);
    }

    RunFilter filterOfAllBuckets() {
        return filter.withBuckets(Set.of());
    }

    String tabUrl(String base, StatusBucket tab) {
        return Urls.with(base, common(tab, false));
    }

    String pageUrl(String base, String pageCursor) {
        Map<String, String> p = common(bucket, true);
        p.put("cursor", pageCursor);
        return Urls.with(base, p);
    }

    /** @return this view searching for another initiator, from the first page */
    String initiatorUrl(String base, String initiatorId) {
        Map<String, String> p = common(bucket, false);
        p.put("initiator", initiatorId);
        return Urls.with(base, p);
    }

    /** @return this view's URL, on the current page */
    String selfUrl(String base) {
        Map<String, String> p = common(bucket, cursor != null);
        p.put("cursor", cursor);
        return Urls.with(base, p);
    }

    boolean narrowed() {
        return type != null || range != Range.ANY || filter.searches() || endedFrom != null;
    }

    String fromDate() {
        return TimeBounds.plainDate(fromText);
    }

    String toDate() {
        return TimeBounds.plainDate(toText);
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
        p.put("run", run);
        p.put("initiator", initiator);
        p.put("reason", reason);
        p.put("ended_from", endedFrom == null ? null : endedFrom.toString());
        p.put("limit", limit == defaultLimit ? null : Integer.toString(limit));
        return p;
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
        throw HubError.badRequest("There is no status \"" + Texts.clip(text) + "\". The statuses are: "
                + EnumSet.allOf(StatusBucket.class).stream().map(StatusBucket::apiName).collect(Collectors.joining(", ")) + ".");
    }

    private static RunType type(String text, Set<RunType> offered) {
        if (text == null) {
            return null;
        }
        try {
            RunType type = RunType.of(text);
            if (offered.isEmpty() || offered.contains(type)) {
                return type;
            }
        } catch (InvalidRunInputException e) {
            // refused below, with the same message
        }
        throw HubError.badRequest("There is no run type \"" + Texts.clip(text) + "\" here."
                + (offered.isEmpty() ? " Run types look like drift.generate." : " The run types are: "
                        + offered.stream().map(RunType::value).sorted().collect(Collectors.joining(", ")) + "."));
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
        throw HubError.badRequest("\"" + Texts.clip(text) + "\" is not a time range. Use 24h, 7d, 30d or custom (with from "
                + "and to dates), or leave it out for any time.");
    }
}
