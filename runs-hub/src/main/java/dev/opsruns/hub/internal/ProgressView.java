package dev.opsruns.hub.internal;

import dev.opsruns.core.Run;
import dev.opsruns.core.RunCounts;
import java.util.Locale;

/**
 * A run's progress by outcome: succeeded, failed and skipped parts of one bar (an SVG, so no inline
 * style is needed under the hub's Content-Security-Policy), with the numbers as text beside it.
 *
 * @param known true when the worker announced a total
 * @param active true while the run is pending or running
 * @param total the announced total, or 0
 * @param succeeded succeeded items
 * @param failed failed items
 * @param skipped skipped items
 * @param percent processed of total, 0-100
 * @param label the bar's accessible name, the numbers in words
 */
public record ProgressView(boolean known, boolean active, long total, long succeeded, long failed, long skipped, long percent,
        String label) {

    static ProgressView of(Run run) {
        RunCounts c = run.counts();
        boolean known = c.total() > 0;
        long percent = known ? Math.min(100, c.processed() * 100 / c.total()) : 0;
        String label = c.succeeded() + " succeeded, " + c.failed() + " failed, " + c.skipped() + " skipped"
                + (known ? " of " + c.total() : " (total not known yet)");
        return new ProgressView(known, run.isActive(), c.total(), c.succeeded(), c.failed(), c.skipped(), percent, label);
    }

    /** @return the bar's width units: the total, or what was processed when the total is unknown or exceeded */
    private double scale() {
        long processed = succeeded + failed + skipped;
        return Math.max(1, Math.max(total, processed));
    }

    /** @return the succeeded part's width, 0-100 */
    public String succeededWidth() {
        return width(succeeded);
    }

    /** @return the failed part's start, 0-100 */
    public String failedX() {
        return width(succeeded);
    }

    /** @return the failed part's width, 0-100 */
    public String failedWidth() {
        return width(failed);
    }

    /** @return the skipped part's start, 0-100 */
    public String skippedX() {
        return width(succeeded + failed);
    }

    /** @return the skipped part's width, 0-100 */
    public String skippedWidth() {
        return width(skipped);
    }

    /** @return items processed so far */
    public long processed() {
        return succeeded + failed + skipped;
    }

    /** @return true when a bar makes sense: a known total, or any processed item */
    public boolean drawn() {
        return known || processed() > 0;
    }

    private String width(long items) {
        return String.format(Locale.ROOT, "%.2f", items * 100.0 / scale());
    }
}
