package dev.opsruns.hub.internal;

import java.util.List;

/**
 * The statistics page: the window and run type chosen, then one section per run type that did
 * anything in the window, or an empty state when none did.
 *
 * @param frame the page shell
 * @param tenantName the tenant
 * @param summary what the page shows, in words
 * @param from the window's start
 * @param to the window's end
 * @param step the interval of the charts, in words
 * @param filters the window and run type form
 * @param listUrl the run list (of the chosen run type)
 * @param emptyMessage what to say when no run type did anything in the window
 * @param sections one per run type, by run type
 */
public record StatisticsView(Frame frame, String tenantName, String summary, TimeView from, TimeView to, String step,
        Filters filters, String listUrl, String emptyMessage, List<RunTypeSection> sections) {

    /**
     * The window and run type form (a GET form: the URL is the choice).
     *
     * @param action the page's path
     * @param windows the window options
     * @param custom true when the window is custom (the date fields show without script)
     * @param fromDate the from date, when a plain date
     * @param toDate the to date, when a plain date
     * @param tz the zone of a custom window, or empty
     * @param types the run type options (empty: no run type choice)
     */
    public record Filters(String action, List<ListView.Option> windows, boolean custom, String fromDate, String toDate,
            String tz, List<ListView.Option> types) {
    }

    /** @return true when no run type did anything in the window */
    public boolean empty() {
        return sections.isEmpty();
    }
}
