package dev.opsruns.example.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.core.Notification;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.TenantId;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The caller's own run notifications in a tenant: list them, mark them read. */
final class NotificationRoutes {

    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String READ_EXAMPLE = "{\"ids\": [\"<notification id>\"]} (or {} for all; [] marks none)";

    /**
     * @param label the action's label ("View run")
     * @param url where it leads
     */
    record ActionView(String label, String url) {
    }

    /**
     * @param id the notification's id
     * @param runId the run it is about
     * @param runType the run's type
     * @param kind queued, reused, succeeded, partially_succeeded or failed
     * @param title a one-line summary
     * @param body a sanitized sentence
     * @param action the "View run" action
     * @param createdAt when it was written
     * @param readAt when it was marked read, or null
     */
    record NotificationView(String id, String runId, String runType, String kind, String title, String body,
            ActionView action, Instant createdAt, Instant readAt) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.id().toString(), n.runId().toString(), n.runType().value(), n.kind().storageName(),
                    n.title(), n.body(), new ActionView(n.actionLabel(), n.actionUrl()), n.createdAt(), n.readAt());
        }
    }

    private final RunLedger ledger;
    private final Callers callers;
    private final ObjectMapper json;
    private final int maxBodyBytes;

    NotificationRoutes(RunLedger ledger, Callers callers, ObjectMapper json, int maxBodyBytes) {
        this.ledger = ledger;
        this.callers = callers;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/tenants/{tenant}/notifications", this::list);
        routes.post("/api/tenants/{tenant}/notifications/read", this::markRead);
    }

    private void list(Context ctx) {
        TenantCaller caller = callers.inTenant(ctx);
        QueryParams q = QueryParams.of(ctx, Set.of("unread_only", "limit"));
        boolean unreadOnly = q.bool("unread_only", false);
        int limit = q.integer("limit", 1, 200, 50);
        List<Notification> found = ledger.notifications().list(caller.principal(), caller.tenant(), unreadOnly, limit);
        ctx.json(Map.of("notifications", found.stream().map(NotificationView::of).toList()));
    }

    private void markRead(Context ctx) {
        TenantCaller caller = callers.inTenant(ctx);
        TenantId tenant = caller.tenant();
        Principal principal = caller.principal();
        QueryParams.of(ctx, Set.of());
        JsonBody body = JsonBody.read(ctx, json, maxBodyBytes, Set.of("ids"), READ_EXAMPLE, false);
        List<UUID> ids = body.stringList("ids", false, 0, 1000, s -> UUID_FORMAT.matcher(s).matches(), "a notification id (UUID)")
                .stream().map(UUID::fromString).toList();
        // The library reads an empty list as "all"; here only {} means all, and an empty list means none.
        int marked = body.has("ids") && ids.isEmpty() ? 0 : ledger.notifications().markRead(principal, tenant, ids);
        ctx.json(Map.of("marked_read", marked));
    }
}
