package dev.opsruns.hub.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The times a page's URL may name, read the same way on every page: a {@code from}/{@code to} bound is
 * a date (its whole day), a local date-time in the page's {@code tz}, or an instant with offset; anything
 * else, or a time outside what the stores keep, is a 400 with the reason.
 */
final class TimeBounds {

    /*
     * The times a filter may name: from year 1 up to the start of year 10000. Java accepts far more, but
     * PostgreSQL's and H2's timestamps do not, and arithmetic on such instants overflows, so anything
     * outside is a 400 here rather than a database error.
     */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private TimeBounds() {
    }

    /** @return the text when it is a plain date (what a date field shows), else empty */
    static String plainDate(String text) {
        return text != null && text.matches("\\d{4}-\\d{2}-\\d{2}") ? text : "";
    }

    static ZoneId zone(String text) {
        if (text == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw HubError.badRequest("\"" + Texts.clip(text) + "\" is not a time zone. Use a zone such as Europe/Berlin or "
                    + "America/Sao_Paulo, or leave it out for UTC.");
        }
    }

    static Instant inRange(String name, Instant value) {
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw outOfRange(name);
        }
        return value;
    }

    static HubError outOfRange(String name) {
        return HubError.badRequest("\"" + name + "\" must be a time between " + EARLIEST + " and " + LATEST + ".");
    }

    static Instant instant(String name, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw HubError.badRequest("\"" + name + "\" must be a time with offset, such as 2026-01-15T09:30:00Z, but was \""
                    + Texts.clip(text) + "\".");
        } catch (DateTimeException beyondInstant) {
            throw outOfRange(name);
        }
    }

    /** A date means its whole day: {@code from} its start, {@code to} the start of the next day (exclusive). */
    static Instant bound(String name, String text, ZoneId zone, boolean end) {
        try {
            return parsedBound(name, text, zone, end);
        } catch (DateTimeException beyondJavaTime) {
            // +999999999-12-31 parses, but the day after it or its instant does not exist
            throw outOfRange(name);
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
                    throw HubError.badRequest("The \"" + name + "\" date \"" + Texts.clip(text) + "\" is not a date. Use a "
                            + "date such as 2026-01-15, a local time such as 2026-01-15T09:30, or a time with offset such "
                            + "as 2026-01-15T09:30:00Z.");
                }
            }
        }
    }
}
