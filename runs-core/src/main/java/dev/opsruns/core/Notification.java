package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Instant;
import java.util.UUID;

/**
 * A database notification to the user who initiated (or re-requested) a run, with a "View run"
 * action. Written in the same transaction as the transition that caused it.
 *
 * @param id the notification's id
 * @param tenantId the tenant of the run
 * @param userId the recipient
 * @param runId the run it is about
 * @param runType the run's type
 * @param kind why it was sent
 * @param title a one-line summary
 * @param body a sanitized sentence (with the failure reason for failures)
 * @param actionLabel the action's label, "View run"
 * @param actionUrl where the action leads, from the host's {@link RunLinkTemplate}
 * @param createdAt when it was written
 * @param readAt when the recipient marked it read, or null
 */
public record Notification(UUID id, TenantId tenantId, String userId, RunId runId, RunType runType,
        NotificationKind kind, String title, String body, String actionLabel, String actionUrl,
        Instant createdAt, Instant readAt) {

    /**
     * @param id the notification's id
     * @param tenantId the tenant of the run
     * @param userId the recipient
     * @param runId the run it is about
     * @param runType the run's type
     * @param kind why it was sent
     * @param title a one-line summary
     * @param body a sanitized sentence (with the failure reason for failures)
     * @param actionLabel the action's label, "View run"
     * @param actionUrl where the action leads, from the host's {@link RunLinkTemplate}
     * @param createdAt when it was written
     * @param readAt when the recipient marked it read, or null
     * @throws InvalidRunInputException when a required part is null
     */
    public Notification {
        Checks.notNull(id, "id");
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(userId, "userId");
        Checks.notNull(runId, "runId");
        Checks.notNull(runType, "runType");
        Checks.notNull(kind, "kind");
        Checks.notNull(title, "title");
        Checks.notNull(body, "body");
        Checks.notNull(actionLabel, "actionLabel");
        Checks.notNull(actionUrl, "actionUrl");
        Checks.notNull(createdAt, "createdAt");
    }

    /**
     * @param value when the recipient read it
     * @return a copy marked read at that time
     */
    public Notification withReadAt(Instant value) {
        return new Notification(id, tenantId, userId, runId, runType, kind, title, body, actionLabel, actionUrl,
                createdAt, value);
    }

    /** @return true once the recipient marked it read */
    public boolean isRead() {
        return readAt != null;
    }
}
