package dev.opsruns.core.internal;

import dev.opsruns.core.FailureSanitizer;
import dev.opsruns.core.Initiator;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.Principal;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunsConfig;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place that decides which transition notifies whom, and with what text. The engine hands it
 * to the store's end primitive, which stores what it returns in the same atomic step as the end.
 */
public final class NotificationRules {

    /** The label of every notification's action. */
    public static final String VIEW_RUN = "View run";

    private final RunsConfig config;

    /**
     * @param config the settings (link template, sanitizer, clock)
     */
    public NotificationRules(RunsConfig config) {
        this.config = config;
    }

    /**
     * @param run the run just inserted
     * @return the "queued" notification for its initiating user, empty for a system start
     */
    public Optional<Notification> started(Run run) {
        if (!(run.initiator() instanceof Initiator.User user)) {
            return Optional.empty();
        }
        return Optional.of(build(run, user.id(), NotificationKind.QUEUED,
                label(run) + " queued", "Your " + label(run) + " run was queued.", run.createdAt()));
    }

    /**
     * @param run the active run a start reused
     * @param requester the user whose start was answered with it, or null for a system start
     * @param now the time of the reuse
     * @return the "reused" notification for the requesting user, empty for a system start
     */
    public Optional<Notification> reused(Run run, Principal requester, Instant now) {
        if (requester == null) {
            return Optional.empty();
        }
        return Optional.of(build(run, requester.userId(), NotificationKind.REUSED,
                run.isActive() ? label(run) + " already in progress" : label(run) + " already done",
                "A " + label(run) + " run for the same request " + (run.isActive() ? "is already " : "already ended ")
                        + run.status().storageName() + "; you are following that run.", now));
    }

    /**
     * @param run the run just ended
     * @return the notification for its initiating user, empty for a system start
     */
    public Optional<Notification> ended(Run run) {
        if (!(run.initiator() instanceof Initiator.User user) || run.finishedAt() == null) {
            return Optional.empty();
        }
        String counts = run.counts().processed() == 0 ? ""
                : " (" + run.counts().succeeded() + " succeeded, " + run.counts().failed() + " failed, "
                        + run.counts().skipped() + " skipped)";
        NotificationKind kind = switch (run.bucket()) {
            case SUCCEEDED -> NotificationKind.SUCCEEDED;
            case PARTIALLY_SUCCEEDED -> NotificationKind.PARTIALLY_SUCCEEDED;
            case FAILED -> NotificationKind.FAILED;
            case QUEUED, RUNNING -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        String body = switch (kind) {
            case SUCCEEDED -> "Your " + label(run) + " run succeeded" + counts + ".";
            case PARTIALLY_SUCCEEDED -> "Your " + label(run) + " run partially succeeded" + counts + ".";
            case FAILED -> "Your " + label(run) + " run "
                    + (run.status() == RunStatus.ABORTED ? "was aborted" : "failed")
                    + run.failureIfAny().map(f -> ": " + f.reasonCode() + " - " + f.message()).orElse(counts);
            case QUEUED, REUSED -> throw new IllegalStateException("an ended run is never " + kind);
        };
        String title = label(run) + " " + kind.storageName().replace('_', ' ');
        return Optional.of(build(run, user.id(), kind, title, body, run.finishedAt()));
    }

    private Notification build(Run run, String userId, NotificationKind kind, String title, String body, Instant at) {
        FailureSanitizer sanitizer = config.sanitizer();
        return new Notification(UuidV7.next(at.toEpochMilli()), run.tenantId(), userId, run.id(), run.runType(), kind,
                StoredText.withoutNul(title), StoredText.sanitized(sanitizer, body), VIEW_RUN, config.linkTemplate().viewRunUrl(run.tenantId(), run.id()),
                at, null);
    }

    private static String label(Run run) {
        return run.runType().value();
    }
}
