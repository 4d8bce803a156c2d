package dev.opsruns.core.internal;

import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.PagePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Assembles a keyset page the same way for every store, so cursor semantics cannot drift apart:
 * stores only supply the query that fetches rows next to a position.
 */
public final class KeysetPages {

    /** Fetches runs of one tenant and filter relative to a position. */
    @FunctionalInterface
    public interface Fetcher {
        /**
         * @param position null for the newest runs (newest first); an {@link PagePosition.Direction#OLDER}
         *     position for runs strictly older than it (newest first); a
         *     {@link PagePosition.Direction#NEWER} position for runs strictly newer than it (oldest first,
         *     that is, nearest the position first)
         * @param limit the most rows to return
         * @return the rows in the order described
         */
        List<Run> fetch(PagePosition position, int limit);
    }

    private KeysetPages() {
    }

    /**
     * @param tenantId the tenant of the listing
     * @param filter the filter of the listing
     * @param request the page size and cursor
     * @param fetcher the store's query
     * @return the page, newest first, with cursors to its neighbours
     * @throws dev.opsruns.core.InvalidPageCursorException when the cursor is not one this listing issued
     */
    public static RunPage page(TenantId tenantId, RunFilter filter, PageRequest request, Fetcher fetcher) {
        int limit = request.limit();
        PageCursor position = request.cursor() == null ? null : PageCursor.decode(request.cursor(), tenantId, filter);
        if (position == null) {
            List<Run> rows = fetcher.fetch(null, limit + 1);
            boolean more = rows.size() > limit;
            List<Run> shown = more ? rows.subList(0, limit) : rows;
            return new RunPage(shown, more ? cursor(PageCursor.Direction.OLDER, last(shown), tenantId, filter) : null, null);
        }
        if (position.direction() == PageCursor.Direction.OLDER) {
            List<Run> rows = fetcher.fetch(position.toPosition(), limit + 1);
            boolean more = rows.size() > limit;
            List<Run> shown = more ? rows.subList(0, limit) : rows;
            String newer = shown.isEmpty()
                    ? new PageCursor(PageCursor.Direction.NEWER, position.createdAt(), position.runId()).encode(tenantId, filter)
                    : cursor(PageCursor.Direction.NEWER, shown.get(0), tenantId, filter);
            return new RunPage(shown, more ? cursor(PageCursor.Direction.OLDER, last(shown), tenantId, filter) : null, newer);
        }
        List<Run> rows = fetcher.fetch(position.toPosition(), limit + 1);
        if (rows.size() <= limit) {
            // Fewer newer runs than a page: the newest page shows them all, and is what people expect.
            return page(tenantId, filter, new PageRequest(limit, null), fetcher);
        }
        List<Run> shown = new ArrayList<>(rows.subList(0, limit));
        Collections.reverse(shown);
        return new RunPage(shown, cursor(PageCursor.Direction.OLDER, last(shown), tenantId, filter),
                cursor(PageCursor.Direction.NEWER, shown.get(0), tenantId, filter));
    }

    private static Run last(List<Run> runs) {
        return runs.get(runs.size() - 1);
    }

    private static String cursor(PageCursor.Direction direction, Run at, TenantId tenantId, RunFilter filter) {
        return new PageCursor(direction, at.createdAt(), at.id()).encode(tenantId, filter);
    }
}
