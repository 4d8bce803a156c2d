package dev.opsruns.jdbi.internal;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.internal.Checks;
import dev.opsruns.core.internal.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.statement.Update;

/** Users' run notifications on a database, each call scoped to the principal's own, in one tenant. */
public final class JdbiNotificationInbox implements NotificationInbox {

    /** Ids marked per statement: well below every driver's parameter limit. */
    private static final int IDS_PER_STATEMENT = 500;

    private final JdbiStore store;
    private final RunsConfig config;

    /**
     * @param store the database
     */
    public JdbiNotificationInbox(JdbiStore store) {
        this.store = store;
        this.config = store.config();
    }

    @Override
    public List<Notification> list(Principal principal, TenantId tenantId, boolean unreadOnly, int limit) {
        Checks.notNull(principal, "principal");
        Checks.notNull(tenantId, "tenantId");
        if (limit < 1 || limit > 200) {
            throw new InvalidRunInputException("limit", "must be 1-200, but was " + limit);
        }
        config.accessPolicy().checkView(principal, tenantId);
        return store.read("list notifications", (h, d) -> h
                .createQuery(unreadOnly ? Sql.INBOX_UNREAD : Sql.INBOX)
                .bind("tenant", tenantId.value())
                .bind("user", principal.userId())
                .bind("limit", limit)
                .map(NotificationRows.INSTANCE)
                .list());
    }

    @Override
    public int markRead(Principal principal, TenantId tenantId, Collection<UUID> ids) {
        Checks.notNull(principal, "principal");
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(ids, "ids");
        List<UUID> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        if (unique.contains(null)) {
            throw new InvalidRunInputException("ids", "must not contain null");
        }
        config.accessPolicy().checkView(principal, tenantId);
        Instant now = Times.now(config.clock());
        return store.inTransaction("mark notifications read", (h, d) -> {
            if (unique.isEmpty()) {
                return bindOwner(h.createUpdate(Sql.MARK_ALL_READ), tenantId, principal, now).execute();
            }
            int changed = 0;
            for (int from = 0; from < unique.size(); from += IDS_PER_STATEMENT) {
                List<UUID> chunk = unique.subList(from, Math.min(unique.size(), from + IDS_PER_STATEMENT));
                StringBuilder in = new StringBuilder("(");
                for (int i = 0; i < chunk.size(); i++) {
                    in.append(i == 0 ? ":id" : ", :id").append(i);
                }
                Update update = bindOwner(h.createUpdate(Sql.MARK_READ_PREFIX + in.append(')')), tenantId, principal, now);
                for (int i = 0; i < chunk.size(); i++) {
                    update.bind("id" + i, Binds.uuid(chunk.get(i)));
                }
                changed += update.execute();
            }
            return changed;
        });
    }

    private static Update bindOwner(Update update, TenantId tenantId, Principal principal, Instant now) {
        return update.bind("tenant", tenantId.value())
                .bind("user", principal.userId())
                .bind("now", Binds.instant(now));
    }
}
