package dev.opsruns.testkit.internal;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.Principal;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.internal.Checks;
import dev.opsruns.core.internal.Times;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The in-memory notification inbox. */
public final class InMemoryInbox implements NotificationInbox {

    private final InMemoryState state;

    /**
     * @param state the shared state
     */
    public InMemoryInbox(InMemoryState state) {
        this.state = state;
    }

    @Override
    public List<Notification> list(Principal principal, TenantId tenantId, boolean unreadOnly, int limit) {
        check(principal, tenantId);
        if (limit < 1 || limit > 200) {
            throw new InvalidRunInputException("limit", "must be 1-200, but was " + limit);
        }
        return state.locked(() -> state.notifications.values().stream()
                .filter(n -> mine(n, principal, tenantId) && (!unreadOnly || !n.isRead()))
                .sorted(Comparator.comparing(Notification::createdAt).thenComparing(Notification::id).reversed())
                .limit(limit)
                .toList());
    }

    @Override
    public int markRead(Principal principal, TenantId tenantId, Collection<UUID> ids) {
        check(principal, tenantId);
        Checks.notNull(ids, "ids");
        Set<UUID> wanted = Set.copyOf(ids);
        return state.locked(() -> {
            Instant now = Times.now(state.config.clock());
            int changed = 0;
            for (Notification n : List.copyOf(state.notifications.values())) {
                if (mine(n, principal, tenantId) && !n.isRead() && (wanted.isEmpty() || wanted.contains(n.id()))) {
                    state.notify(new Notification(n.id(), n.tenantId(), n.userId(), n.runId(), n.runType(), n.kind(),
                            n.title(), n.body(), n.actionLabel(), n.actionUrl(), n.createdAt(), now));
                    changed++;
                }
            }
            return changed;
        });
    }

    private static boolean mine(Notification n, Principal principal, TenantId tenantId) {
        return n.tenantId().equals(tenantId) && n.userId().equals(principal.userId());
    }

    private void check(Principal principal, TenantId tenantId) {
        Checks.notNull(principal, "principal");
        Checks.notNull(tenantId, "tenantId");
        state.config.accessPolicy().checkView(principal, tenantId);
    }
}
