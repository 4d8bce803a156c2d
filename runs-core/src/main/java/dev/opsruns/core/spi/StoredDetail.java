package dev.opsruns.core.spi;

import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Run;
import java.util.List;
import java.util.Objects;

/**
 * What a store holds about one run for its detail view; the engine adds the related links.
 *
 * @param run the run
 * @param itemFailures its stored item failures, oldest first (at most the failure cap); consistent
 *     with {@code itemFailuresOmitted}: read in one statement or under one snapshot
 * @param itemFailuresOmitted how many failures were counted but not stored
 */
public record StoredDetail(Run run, List<ItemFailure> itemFailures, long itemFailuresOmitted) {

    /**
     * @param run the run
     * @param itemFailures its stored item failures, oldest first (at most the failure cap); consistent with {@code itemFailuresOmitted}: read in one statement or under one snapshot
     * @param itemFailuresOmitted how many failures were counted but not stored
     * @throws NullPointerException when a part is null
     * @throws IllegalArgumentException when the omitted count is negative
     */
    public StoredDetail {
        Objects.requireNonNull(run, "run");
        itemFailures = List.copyOf(itemFailures);
        if (itemFailuresOmitted < 0) {
            throw new IllegalArgumentException("itemFailuresOmitted must be zero or more");
        }
    }
}
