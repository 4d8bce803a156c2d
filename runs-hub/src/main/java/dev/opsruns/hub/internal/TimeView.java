package dev.opsruns.hub.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A time as the pages show it: UTC text that the hub's script turns into the viewer's zone with a
 * relative hint ("5 min ago"), and the machine-readable instant beside it.
 *
 * @param iso the instant to the second, for the {@code datetime} attribute, or null when there is none
 * @param text the UTC text, or what to show when there is no time
 */
public record TimeView(String iso, String text) {

    private static final DateTimeFormatter UTC_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    static TimeView of(Instant at, String empty) {
        if (at == null) {
            return new TimeView(null, empty);
        }
        Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
        return new TimeView(seconds.toString(), UTC_TEXT.format(seconds));
    }

    /** @return true when there is a time */
    public boolean present() {
        return iso != null;
    }
}
