package dev.opsruns.core;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A user's run notifications in one tenant. Every call is scoped to the principal's own
 * notifications and checked against the access policy for the tenant.
 */
public interface NotificationInbox {

    /**
     * @param principal the recipient
     * @param tenantId the tenant
     * @param unreadOnly true to leave out notifications already read
     * @param limit how many at most, 1-200
     * @return the notifications, newest first
     * @throws RunAccessDeniedException when the principal has no view access to the tenant
     * @throws InvalidRunInputException when the limit is outside 1-200
     */
    List<Notification> list(Principal principal, TenantId tenantId, boolean unreadOnly, int limit);

    /**
     * Marks the principal's own notifications read; ids of other users' notifications, of other
     * tenants, or unknown ids are ignored.
     *
     * @param principal the recipient
     * @param tenantId the tenant
     * @param ids the notifications to mark, or empty to mark all of the principal's in the tenant
     * @return how many changed from unread to read
     * @throws RunAccessDeniedException when the principal has no view access to the tenant
     */
    int markRead(Principal principal, TenantId tenantId, Collection<UUID> ids);
}
