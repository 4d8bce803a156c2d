package dev.opsruns.example.web.pages;

import dev.opsruns.core.Initiator;
import dev.opsruns.core.Notification;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How the pages show the recurring parts of a run: readable run type labels, bucket badges, times,
 * durations, progress bars and initiators. All of it escapes what it shows.
 */
final class Show {

    private static final DateTimeFormatter UTC_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Show() {
    }

    /**
     * @param type a run type
     * @return what people call it
     */
    static String runType(RunType type) {
        return switch (type.value()) {
            case "drift.generate" -> "Drift generation";
            case "backup_set.add_policies" -> "Add policies to backup set";
            default -> capitalize(type.resource().replace('_', ' ')) + ": " + type.action().replace('_', ' ');
        };
    }

    /**
     * @param bucket a status bucket
     * @return its label
     */
    static String bucket(StatusBucket bucket) {
        return switch (bucket) {
            case QUEUED -> "Queued";
            case RUNNING -> "Running";
            case SUCCEEDED -> "Succeeded";
            case PARTIALLY_SUCCEEDED -> "Partially succeeded";
            case FAILED -> "Failed";
        };
    }

    /**
     * @param n a notification
     * @return its one-line summary with the run type's readable label, such as "Drift generation succeeded"
     */
    static String notificationTitle(Notification n) {
        String what = switch (n.kind()) {
            case QUEUED -> "queued";
            case REUSED -> "already in progress (reused)";
            case SUCCEEDED -> "succeeded";
            case PARTIALLY_SUCCEEDED -> "partially succeeded";
            case FAILED -> "failed";
        };
        return runType(n.runType()) + " " + what;
    }

    /**
     * A coloured badge; the colour repeats the label and is never the only signal.
     *
     * @param bucket a status bucket
     * @return the badge
     */
    static Html badge(StatusBucket bucket) {
        return Html.of("<span class=\"badge badge-{}\" data-bucket=\"{}\">{}</span>", bucket.apiName(), bucket.apiName(),
                bucket(bucket));
    }

    /**
     * A time the viewer's browser shows in its own zone (and relatively when recent); UTC text without script.
     *
     * @param at an instant, or null
     * @param empty what to show for null
     * @return the time element
     */
    static Html time(Instant at, String empty) {
        if (at == null) {
            return Html.of("<span class=\"muted\">{}</span>", empty);
        }
        Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
        return Html.of("<time datetime=\"{}\">{}</time>", seconds.toString(), UTC_TEXT.format(seconds));
    }

    /**
     * @param d a duration
     * @return it in the two largest units, such as {@code 3 min 5 s}
     */
    static String duration(Duration d) {
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toSeconds() < 1) {
            return d.toMillis() + " ms";
        }
        long s = d.toSeconds();
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
     * @param run a run
     * @param now the app's clock
     * @return how long it took, or has been waiting or running so far
     */
    static String duration(Run run, Instant now) {
        Instant start = run.startedAt() != null ? run.startedAt() : run.createdAt();
        if (run.finishedAt() != null) {
            return duration(Duration.between(start, run.finishedAt()));
        }
        return switch (run.bucket()) {
            case QUEUED -> "waiting for " + duration(Duration.between(run.createdAt(), now));
            case RUNNING -> "running for " + duration(Duration.between(start, now));
            case SUCCEEDED, PARTIALLY_SUCCEEDED, FAILED -> "unknown";
        };
    }

    /**
     * A progress bar with its numbers as text beside it. While the total is unknown an active run shows
     * a bar without a value (indeterminate) and an ended one only its numbers.
     *
     * @param run a run
     * @param label what the bar measures, for assistive technology
     * @return the bar
     */
    static Html progress(Run run, String label) {
        RunCounts counts = run.counts();
        if (counts.total() <= 0) {
            return run.isActive()
                    ? Html.of("<span class=\"progress\"><progress aria-label=\"{}\"></progress>"
                            + "<span class=\"progress-text\">{} processed</span></span>", label, counts.processed())
                    : Html.of("<span class=\"progress-text\">{} processed</span>", counts.processed());
        }
        long percent = Math.min(100, counts.processed() * 100 / counts.total());
        return Html.of("<span class=\"progress\"><progress max=\"{}\" value=\"{}\" aria-label=\"{}\"></progress>"
                + "<span class=\"progress-text\">{} / {} <span class=\"muted\">({}%)</span></span></span>",
                counts.total(), Math.min(counts.processed(), counts.total()), label, counts.processed(), counts.total(), percent);
    }

    /**
     * @param initiator who started a run
     * @return its name, and for the system a marker
     */
    static Html initiator(Initiator initiator) {
        return initiator instanceof Initiator.User
                ? Html.of("<span title=\"{}\">{}</span>", initiator.id(), initiator.displayName())
                : Html.of("<span>{} <span class=\"muted\">(system)</span></span>", initiator.displayName());
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
