package dev.opsruns.hub.internal;

import java.util.List;

/**
 * The notifications menu. The runs' ends (succeeded, partially succeeded, failed) are what an operator
 * acts on, so only they count as "new"; the "queued" and "reused" notices of starts are folded into one
 * collapsed line below them, and marking read marks them with the rest.
 *
 * @param tenantName the tenant
 * @param unread unread end notifications
 * @param ends the end notifications, newest first
 * @param starts the start notices, newest first
 * @param unreadStarts unread start notices
 * @param markReadUrl where the mark-read form posts
 * @param returnTo the page to come back to after marking read
 */
public record NotesMenu(String tenantName, long unread, List<Note> ends, List<Note> starts, long unreadStarts,
        String markReadUrl, String returnTo) {

    /**
     * One notification.
     *
     * @param id its id
     * @param kind its kind's storage name
     * @param title its one-line summary
     * @param body its sanitized sentence
     * @param time when it was written
     * @param url the "View run" URL (local or http(s) only; anything else is dropped)
     * @param actionLabel the link's label
     * @param unread true while unread
     */
    public record Note(String id, String kind, String title, String body, TimeView time, String url, String actionLabel,
            boolean unread) {
    }

    /** @return true when anything is unread, starts included */
    public boolean anyUnread() {
        return unread > 0 || unreadStarts > 0;
    }

    /** @return true when there is nothing at all */
    public boolean empty() {
        return ends.isEmpty() && starts.isEmpty();
    }
}
