package dev.opsruns.example.web;

import dev.opsruns.core.Initiator;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.RelatedLink;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunLinkTemplate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of runs in the monitoring API, and how runs map to them. */
public final class RunViews {

    private RunViews() {
    }

    /**
     * A run as lists and details show it.
     *
     * @param id the run's id
     * @param tenantId its tenant
     * @param runType its type
     * @param status the storage status
     * @param bucket what people see (DESIGN §5)
     * @param initiator who started it
     * @param counts item counts
     * @param progress processed of total
     * @param context the start context
     * @param failure the run-level failure (sanitized), or null
     * @param createdAt when it was queued
     * @param startedAt when a worker picked it up, or null
     * @param finishedAt when it ended, or null
     * @param heartbeatAt its worker's last sign of life, or null
     * @param viewRunUrl the "View run" URL
     */
    public record RunView(String id, String tenantId, String runType, String status, String bucket,
            InitiatorView initiator, CountsView counts, ProgressView progress, Map<String, Object> context,
            FailureView failure, Instant createdAt, Instant startedAt, Instant finishedAt, Instant heartbeatAt,
            String viewRunUrl) {
    }

    /**
     * @param type {@code user} or {@code system}
     * @param id the user id or system name
     * @param displayName the name to show
     */
    public record InitiatorView(String type, String id, String displayName) {
    }

    /**
     * @param total announced items (0 = unknown)
     * @param succeeded items that succeeded
     * @param failed items that failed
     * @param skipped items skipped
     * @param processed succeeded + failed + skipped
     */
    public record CountsView(long total, long succeeded, long failed, long skipped, long processed) {
    }

    /**
     * @param processed items processed
     * @param total items announced (0 = unknown)
     * @param percent processed of total in percent, or null while the total is unknown
     */
    public record ProgressView(long processed, long total, Integer percent) {
    }

    /**
     * @param reasonCode the stable reason
     * @param message the sanitized message
     */
    public record FailureView(String reasonCode, String message) {
    }

    /**
     * @param itemKey the item (a policy id, say)
     * @param reasonCode the stable reason
     * @param message the sanitized message
     * @param occurredAt when it was recorded
     */
    public record ItemFailureView(String itemKey, String reasonCode, String message, Instant occurredAt) {
    }

    /**
     * @param label what to show
     * @param url where it leads
     */
    public record LinkView(String label, String url) {
    }

    /**
     * A run's detail.
     *
     * @param run the run
     * @param itemFailures the stored item failures, sanitized, oldest first
     * @param itemFailuresOmitted item failures counted but not stored
     * @param itemFailuresMore "and N more" when some were omitted, else null
     * @param relatedLinks links to what the run is about
     */
    public record RunDetailView(RunView run, List<ItemFailureView> itemFailures, long itemFailuresOmitted,
            String itemFailuresMore, List<LinkView> relatedLinks) {
    }

    /**
     * @param run a run
     * @param links the app's "View run" link template
     * @return its view
     */
    public static RunView of(Run run, RunLinkTemplate links) {
        var c = run.counts();
        Integer percent = c.total() > 0 ? (int) Math.min(100, c.processed() * 100 / c.total()) : null;
        RunFailure f = run.failure();
        Initiator i = run.initiator();
        // Java 17 has no type patterns in switch; Initiator is sealed to exactly these two.
        InitiatorView initiator = i instanceof Initiator.User
                ? new InitiatorView("user", i.id(), i.displayName())
                : new InitiatorView("system", i.id(), i.displayName());
        return new RunView(run.id().toString(), run.tenantId().value(), run.runType().value(), run.status().storageName(),
                run.bucket().apiName(), initiator,
                new CountsView(c.total(), c.succeeded(), c.failed(), c.skipped(), c.processed()),
                new ProgressView(c.processed(), c.total(), percent), run.context().asMap(),
                f == null ? null : new FailureView(f.reasonCode().value(), f.message()),
                run.createdAt(), run.startedAt(), run.finishedAt(), run.heartbeatAt(),
                links.viewRunUrl(run.tenantId(), run.id()));
    }

    /**
     * @param detail a run's detail
     * @param links the app's "View run" link template
     * @return its view
     */
    public static RunDetailView of(RunDetail detail, RunLinkTemplate links) {
        List<ItemFailureView> failures = detail.itemFailures().stream().map(RunViews::of).toList();
        long omitted = detail.itemFailuresOmitted();
        return new RunDetailView(of(detail.run(), links), failures, omitted, omitted > 0 ? "and " + omitted + " more" : null,
                detail.relatedLinks().stream().map(RunViews::of).toList());
    }

    private static ItemFailureView of(ItemFailure f) {
        return new ItemFailureView(f.itemKey(), f.reasonCode().value(), f.message(), f.occurredAt());
    }

    private static LinkView of(RelatedLink link) {
        return new LinkView(link.label(), link.url());
    }
}
