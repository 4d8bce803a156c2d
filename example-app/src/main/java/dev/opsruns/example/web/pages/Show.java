package dev.opsruns.example.web.pages;

import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How the app's pages name run types and buckets and show times: values for the templates, not markup. */
final class Show {

    private static final DateTimeFormatter UTC_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Show() {
    }

    static String runType(RunType type) {
        return switch (type.value()) {
            case "drift.generate" -> "Drift generation";
            case "backup_set.add_policies" -> "Add policies to backup set";
            default -> type.value();
        };
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

    static Models.Badge badge(StatusBucket bucket) {
        return new Models.Badge(bucket.apiName(), bucket(bucket));
    }

    static String notification(RunType type, NotificationKind kind) {
        String what = switch (kind) {
            case QUEUED -> "queued";
            case REUSED -> "already in progress (reused)";
            case SUCCEEDED -> "succeeded";
            case PARTIALLY_SUCCEEDED -> "partially succeeded";
            case FAILED -> "failed";
        };
        return runType(type) + " " + what;
    }

    static Models.When time(Instant at, String empty) {
        if (at == null) {
            return new Models.When(null, empty);
        }
        Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
        return new Models.When(seconds.toString(), UTC_TEXT.format(seconds));
    }

    static String shortId(dev.opsruns.core.RunId id) {
        String text = id.toString();
        return text.substring(text.length() - 8);
    }
}
