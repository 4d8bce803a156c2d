package dev.opsruns.example.web;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;

/**
 * The times a filter or a paging cursor may name: from year 1 up to the start of year 10000. Java
 * accepts far more (years -999999999 to 999999999), but PostgreSQL's and H2's timestamps do not, and
 * the arithmetic on such instants overflows, so anything outside is refused with 400 before a store sees
 * it, rather than failing in the database as a 500.
 */
public final class TimeBounds {

    /** The earliest accepted instant. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest accepted instant (a {@code to} bound of "until the end of year 9999"). */
    public static final Instant MAX = Instant.parse("+10000-01-01T00:00:00Z");

    /*
     * opsruns' cursor (version 1): version byte, direction byte, the position's creation time in
     * microseconds since the epoch, run id, fingerprint, checksum. Its checksum is not a secret, so
     * anyone can write a well-formed cursor with any time; the library decodes it without a range check.
     */
    private static final int CURSOR_LENGTH = 38;
    private static final byte CURSOR_VERSION = 1;
    private static final long MIN_MICROS = MIN.getEpochSecond() * 1_000_000L;
    private static final long MAX_MICROS = MAX.getEpochSecond() * 1_000_000L;

    private TimeBounds() {
    }

    /**
     * @param field the parameter the instant came from
     * @param value an instant, or null
     * @return the instant, or null
     * @throws ApiException 400 when it lies outside {@link #MIN}-{@link #MAX}
     */
    public static Instant check(String field, Instant value) {
        if (value != null && (value.isBefore(MIN) || value.isAfter(MAX))) {
            throw outOfRange(field);
        }
        return value;
    }

    /**
     * @param field the parameter at fault
     * @return the 400 for a time outside the accepted years
     */
    public static ApiException outOfRange(String field) {
        return ApiException.badRequest(field, "'" + field + "' must be a time between " + MIN + " and " + MAX);
    }

    /**
     * Refuses a cursor whose position lies outside the accepted years; every other check (format,
     * checksum, tenant and filter) is the library's.
     *
     * @param cursor a cursor from the request, or null
     * @return the cursor
     * @throws ApiException 400 when it names a time outside {@link #MIN}-{@link #MAX}
     */
    public static String checkedCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            return cursor; // the library refuses it with its own message
        }
        if (bytes.length == CURSOR_LENGTH && bytes[0] == CURSOR_VERSION) {
            long micros = ByteBuffer.wrap(bytes, 2, 8).getLong();
            if (micros < MIN_MICROS || micros > MAX_MICROS) {
                throw ApiException.badRequest("cursor", "is not a cursor this listing issued; pass the olderCursor or "
                        + "newerCursor of a previous page, or none");
            }
        }
        return cursor;
    }
}
