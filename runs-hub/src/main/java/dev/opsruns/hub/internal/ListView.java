package dev.opsruns.hub.internal;

import java.util.List;

/**
 * The run list page.
 *
 * @param frame the page shell
 * @param tenantName the tenant
 * @param summary what the view shows, in words
 * @param tabs the status tabs with their counts
 * @param filters the filter form
 * @param rows the runs of this page
 * @param active true when a shown run is active (the page then refreshes itself)
 * @param refreshSeconds seconds between refreshes
 * @param newerUrl the newer page, or null
 * @param olderUrl the older page, or null
 * @param clearUrl the list without filters, or null when nothing is filtered
 * @param statisticsUrl the statistics page (of the chosen run type)
 * @param newFailures the "new failures since your last visit" banner, or null when there are none
 */
public record ListView(Frame frame, String tenantName, String summary, List<Tab> tabs, Filters filters, List<RunSummary> rows,
        boolean active, int refreshSeconds, String newerUrl, String olderUrl, String clearUrl,
        String statisticsUrl, NewFailuresBanner newFailures) {

    /**
     * The caller's failures since their last visit to the tenant's list.
     *
     * @param count how many runs failed since then
     * @param text the banner's sentence, such as {@code 3 new failures since your last visit}
     * @param lastVisit when the caller last viewed the list
     * @param url the list of those failed runs
     */
    public record NewFailuresBanner(long count, String text, TimeView lastVisit, String url) {
    }

    /**
     * A status tab.
     *
     * @param key the bucket's API name, or {@code all}
     * @param label what to show
     * @param count runs in it under the other filters
     * @param url its first page
     * @param current true for the tab shown
     */
    public record Tab(String key, String label, long count, String url, boolean current) {
    }

    /**
     * An option of a select.
     *
     * @param value its value
     * @param label what to show
     * @param selected true when chosen
     */
    public record Option(String value, String label, boolean selected) {
    }

    /**
     * The filter and search form (a GET form: the URL is the filter).
     *
     * @param action the list's path
     * @param bucket the current tab, kept as a hidden field, or null
     * @param types the run type options (empty: no type filter)
     * @param ranges the time range options
     * @param custom true when the range is custom (the date fields show without script)
     * @param fromDate the from date, when a plain date
     * @param toDate the to date, when a plain date
     * @param tz the zone of a custom range, or empty
     * @param run the run id search
     * @param initiator the initiator search
     * @param reason the reason code search
     * @param endedFrom the earliest end the list keeps (the new failures link), kept as a hidden field, or empty
     */
    public record Filters(String action, String bucket, List<Option> types, List<Option> ranges, boolean custom, String fromDate,
            String toDate, String tz, String run, String initiator, String reason, String endedFrom) {
    }

    /** @return true when there is a page to either side */
    public boolean paged() {
        return newerUrl != null || olderUrl != null;
    }
}
