package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.List;

/**
 * Everything the monitoring detail shows of one run.
 *
 * @param run the run, with counts, initiator, times, context and run-level failure
 * @param itemFailures the stored item failures, oldest first (at most the configured cap)
 * @param itemFailuresOmitted how many item failures were counted but not stored ("and N more")
 * @param relatedLinks links from the run type's {@link RelatedLinkProvider}
 */
public record RunDetail(Run run, List<ItemFailure> itemFailures, long itemFailuresOmitted,
        List<RelatedLink> relatedLinks) {
    /**
     * @param run the run, with counts, initiator, times, context and run-level failure
     * @param itemFailures the stored item failures, oldest first (at most the configured cap)
     * @param itemFailuresOmitted how many item failures were counted but not stored ("and N more")
     * @param relatedLinks links from the run type's {@link RelatedLinkProvider}
     * @throws InvalidRunInputException when a part is null or the omitted count is negative
     */
    public RunDetail {
        Checks.notNull(run, "run");
        itemFailures = List.copyOf(Checks.notNull(itemFailures, "itemFailures"));
        Checks.notNegative(itemFailuresOmitted, "itemFailuresOmitted");
        relatedLinks = List.copyOf(Checks.notNull(relatedLinks, "relatedLinks"));
    }
}
