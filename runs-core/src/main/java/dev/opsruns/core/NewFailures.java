package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * "N new failures since your last visit": what one user has not seen yet of a tenant's failures.
 *
 * @param lastVisit when this user last marked the tenant visited ({@link RunQueries#markVisited}); empty
 *     before the first visit, and then {@code count} is 0
 * @param count the tenant's runs that ended in the {@link StatusBucket#FAILED} bucket with
 *     {@code finishedAt} at or after {@code lastVisit}, among the runs the principal may view
 */
public record NewFailures(Optional<Instant> lastVisit, long count) {

    /** Before the first visit: nothing is "new" yet, since there is no visit to be new since. */
    public static final NewFailures NEVER_VISITED = new NewFailures(Optional.empty(), 0);

    /**
     * @param lastVisit when this user last marked the tenant visited, or empty
     * @param count the failures since then, zero or more; zero when {@code lastVisit} is empty
     * @throws InvalidRunInputException when {@code lastVisit} is null, {@code count} is negative, or
     *     {@code count} is not zero without a visit
     */
    public NewFailures {
        Checks.notNull(lastVisit, "lastVisit");
        Checks.notNegative(count, "count");
        if (lastVisit.isEmpty() && count != 0) {
            throw new InvalidRunInputException("count", "must be 0 before the first visit, but was " + count);
        }
    }
}
