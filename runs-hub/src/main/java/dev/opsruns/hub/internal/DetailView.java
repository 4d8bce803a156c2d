package dev.opsruns.hub.internal;

import java.util.List;

/**
 * A run's detail page.
 *
 * @param frame the page shell
 * @param run the run
 * @param refreshSeconds seconds between refreshes while active
 * @param lateAfter the heartbeat limit, in words
 * @param related links to what the run is about (local or http(s) only)
 * @param context the run's context, key and shown value
 * @param failureReason the run-level failure's reason code, or null
 * @param failureMessage its sanitized message, or null
 * @param reasons one tab per reason code of the stored item failures, with counts
 * @param groups the stored item failures grouped by reason code (only the chosen one when filtered)
 * @param itemFailuresCounted every item failure counted, stored or not
 * @param itemFailuresOmitted failures counted beyond the store's cap, not stored
 * @param allReasonsUrl the detail without a reason filter
 * @param chosenReason the reason filtered by, or null
 * @param listUrl the run list
 */
public record DetailView(Frame frame, RunSummary run, int refreshSeconds, String lateAfter, List<Link> related,
        List<Entry> context, String failureReason, String failureMessage, List<Reason> reasons, List<Group> groups,
        long itemFailuresCounted, long itemFailuresOmitted, String allReasonsUrl, String chosenReason, String listUrl) {

    /**
     * A link.
     *
     * @param label what to show
     * @param url where it leads
     */
    public record Link(String label, String url) {
    }

    /**
     * A context entry.
     *
     * @param key the key
     * @param value the value as text
     */
    public record Entry(String key, String value) {
    }

    /**
     * A reason code tab.
     *
     * @param code the reason code
     * @param count stored failures with it
     * @param url the detail filtered by it
     * @param current true when filtered by it
     */
    public record Reason(String code, long count, String url, boolean current) {
    }

    /**
     * The stored failures of one reason code.
     *
     * @param code the reason code
     * @param failures its failures, oldest first
     */
    public record Group(String code, List<Failure> failures) {
    }

    /**
     * One item failure.
     *
     * @param itemKey the item
     * @param message the sanitized message
     * @param when when it failed
     */
    public record Failure(String itemKey, String message, TimeView when) {
    }

    /** @return the stored item failures */
    public long itemFailuresStored() {
        return itemFailuresCounted - itemFailuresOmitted;
    }
}
