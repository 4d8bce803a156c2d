package dev.opsruns.core.internal;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.RunStore;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Users' notifications over any {@link RunStore}, each call scoped to the principal's own in one tenant. */
final class EngineInbox implements NotificationInbox {

    /** The most notifications one list returns. */
    static final int MAX_LIMIT = 200;

    private final RunStore store;
    private final RunsConfig config;

    EngineInbox(RunStore store, RunsConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public List<Notification> list(Principal principal, TenantId tenantId, boolean unreadOnly, int limit) {
        Checks.notNull(principal, "principal");
        Checks.notNull(tenantId, "tenantId");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRunInputException("limit", "must be 1-" + MAX_LIMIT + ", but was " + limit);
        }
        config.accessPolicy().checkView(principal, tenantId);
        return store.notifications(tenantId, principal.userId(), unreadOnly, limit);
    }

    @Override
    public int markRead(Principal principal, TenantId tenantId, Collection<UUID> ids) {
        Checks.notNull(principal, "principal");
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(ids, "ids");
        Set<UUID> unique = new LinkedHashSet<>();
        for (UUID id : ids) {
            if (id == null) {
                throw new InvalidRunInputException("ids", "must not contain null");
            }
            unique.add(id);
        }
        config.accessPolicy().checkView(principal, tenantId);
        return store.markRead(tenantId, principal.userId(), unique, Times.now(config.clock()));
    }
}
