package dev.opsruns.core;

/**
 * Which page of a monitoring list to read: a size of 1-200 (default 50) and an opaque cursor taken
 * from a previous {@link RunPage}, or null for the newest page.
 *
 * @param limit how many runs at most, 1-200
 * @param cursor a cursor from {@link RunPage#olderCursor()} or {@link RunPage#newerCursor()}, or null
 */
public record PageRequest(int limit, String cursor) {

    /** The default page size. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page size. */
    public static final int MAX_LIMIT = 200;

    /** The newest page of the default size. */
    public static final PageRequest FIRST = new PageRequest(DEFAULT_LIMIT, null);

    /**
     * @param limit how many runs at most, 1-200
     * @param cursor a cursor from {@link RunPage#olderCursor()} or {@link RunPage#newerCursor()}, or null
     * @throws InvalidRunInputException when the limit is outside 1-200 or the cursor is blank
     */
    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRunInputException("limit", "must be 1-" + MAX_LIMIT + ", but was " + limit);
        }
        if (cursor != null && cursor.isBlank()) {
            throw new InvalidRunInputException("cursor", "must be a cursor from a previous page, or absent");
        }
    }

    /**
     * @param limit the page size, 1-200
     * @return the newest page of that size
     */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    /**
     * @param newCursor a cursor from a previous page
     * @return a request for the page that cursor points to, same size
     */
    public PageRequest at(String newCursor) {
        return new PageRequest(limit, newCursor);
    }
}
