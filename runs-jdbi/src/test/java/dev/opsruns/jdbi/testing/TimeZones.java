package dev.opsruns.jdbi.testing;

/**
 * The time zones tests run in. None is UTC, and they differ from each other and from the JVM's
 * (surefire starts the JVM in Pacific/Chatham, UTC+12:45/+13:45), so code that lets a session or the
 * JVM zone leak into a stored instant fails.
 */
public final class TimeZones {

    /** The session time zone of PostgreSQL test connections (UTC-03:30/-02:30). */
    public static final String POSTGRES_SESSION = "America/St_Johns";
    /** The session time zone of H2 test connections (UTC+05:45). */
    public static final String H2_SESSION = "Asia/Kathmandu";
    /** The JVM time zone of child JVMs the tests start (UTC-09:30). */
    public static final String CHILD_JVM = "Pacific/Marquesas";

    private TimeZones() {
    }
}
