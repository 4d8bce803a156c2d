package dev.opsruns.hub.internal;

import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.StatusBucket;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Words and numbers as the pages show them. */
final class Texts {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Texts() {
    }

    static String bucket(StatusBucket bucket) {
        return switch (bucket) {
            case QUEUED -> "Queued";
            case RUNNING -> "Running";
            case SUCCEEDED -> "Succeeded";
            case PARTIALLY_SUCCEEDED -> "Partially succeeded";
            case FAILED -> "Failed";
        };
    }

    static String notification(NotificationKind kind) {
        return switch (kind) {
            case QUEUED -> "queued";
            case REUSED -> "already in progress (reused)";
            case SUCCEEDED -> "succeeded";
            case PARTIALLY_SUCCEEDED -> "partially succeeded";
            case FAILED -> "failed";
        };
    }

    /** @return the duration in its two largest units, such as {@code 3 min 5 s} */
    static String duration(Duration d) {
        Duration positive = d.isNegative() ? Duration.ZERO : d;
        if (positive.toSeconds() < 1) {
            return positive.toMillis() + " ms";
        }
        long s = positive.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        if (s < 86400) {
            return (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
        }
        return (s / 86400) + " d" + (s % 86400 / 3600 == 0 ? "" : " " + s % 86400 / 3600 + " h");
    }

    /**
     * @return a statistic's duration precise enough to compare: milliseconds below a second, tenths of a
     *     second below a minute ({@code 12.3 s}), else as {@link #duration}
     */
    static String figure(Duration d) {
        Duration positive = d.isNegative() ? Duration.ZERO : d;
        if (positive.compareTo(Duration.ofSeconds(1)) < 0) {
            return Math.round(positive.toNanos() / 1_000_000.0) + " ms";
        }
        if (positive.compareTo(Duration.ofSeconds(60)) < 0) {
            String seconds = String.format(Locale.ROOT, "%.1f", positive.toNanos() / 1_000_000_000.0);
            return (seconds.endsWith(".0") ? seconds.substring(0, seconds.length() - 2) : seconds) + " s";
        }
        return duration(positive);
    }

    /** @return a share as a percentage with one decimal, such as {@code 66.7%} */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** @return user text shortened for an error message, control characters shown as {@code ?} */
    static String clip(String text) {
        String oneLine = CONTROL.matcher(text).replaceAll("?");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "...";
    }
}
