package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Which runs a monitoring list or count covers. An empty set means "any"; the time range
 * applies to {@code createdAt}, {@code from} inclusive and {@code to} exclusive, either end open when
 * null. {@code endedFrom}, when set, keeps only runs that have ended, with {@code finishedAt} at or after
 * it (a run still queued or running never passes), so "the failures since your last visit" is
 * {@code buckets = FAILED} with {@code endedFrom} = the visit. The search fields narrow further when set,
 * and are ignored when null:
 *
 * <ul>
 *   <li>{@code runIdPrefix}: the run id starts with these hex digits (its canonical text without the
 *       dashes, lower case), so an operator can paste a whole id or its first characters;</li>
 *   <li>{@code initiator}: the initiator's id (a user id, or a system component's name) is exactly
 *       this text; display names are snapshots that change, ids do not;</li>
 *   <li>{@code reasonCode}: the run failed with this reason, or one of its <em>stored</em> item
 *       failures has it (item failures beyond the store's cap are only counted, so cannot match).</li>
 * </ul>
 *
 * @param runTypes the run types to include (empty: all)
 * @param buckets the status buckets to include (empty: all)
 * @param from the earliest {@code createdAt} included, or null
 * @param to the first {@code createdAt} excluded, or null
 * @param runIdPrefix 1-32 lower-case hex digits the run id (without dashes) starts with, or null
 * @param initiator an initiator id to match exactly, or null
 * @param reasonCode a failure reason the run or one of its stored item failures has, or null
 * @param endedFrom the earliest {@code finishedAt} included (runs that have not ended are left out), or
 *     null for no bound
 */
public record RunFilter(Set<RunType> runTypes, Set<StatusBucket> buckets, Instant from, Instant to,
        String runIdPrefix, String initiator, ReasonCode reasonCode, Instant endedFrom) {

    /** Every run of the tenant. */
    public static final RunFilter ALL = new RunFilter(Set.of(), Set.of(), null, null);

    /** The most hex digits a run id has. */
    public static final int RUN_ID_DIGITS = 32;

    /**
     * @param runTypes the run types to include (empty: all)
     * @param buckets the status buckets to include (empty: all)
     * @param from the earliest {@code createdAt} included, or null
     * @param to the first {@code createdAt} excluded, or null
     * @param runIdPrefix 1-32 hex digits, dashes allowed as in a run id's text (they are dropped) and
     *     either case, or null
     * @param initiator an initiator id (1-200 characters), or null
     * @param reasonCode a failure reason, or null
     * @param endedFrom the earliest {@code finishedAt} included, or null
     * @throws InvalidRunInputException when a set is null or holds null, {@code from} is not
     *     before {@code to}, the prefix is not hex digits, or the initiator is blank or too long
     */
    public RunFilter {
        runTypes = copy(runTypes, "runTypes");
        buckets = copy(buckets, "buckets");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRunInputException("to", "must be after from (from is inclusive, to exclusive), but from="
                    + from + " and to=" + to);
        }
        runIdPrefix = runIdPrefix == null ? null : normalizePrefix(runIdPrefix);
        if (initiator != null && (initiator.isBlank() || initiator.length() > Initiator.MAX_LENGTH)) {
            throw new InvalidRunInputException("initiator", "must be an initiator's id of 1-"
                    + Initiator.MAX_LENGTH + " characters, but was " + Checks.quote(initiator));
        }
    }

    /**
     * The filter before the end-time bound: types, buckets, time range and search fields.
     *
     * @param runTypes the run types to include (empty: all)
     * @param buckets the status buckets to include (empty: all)
     * @param from the earliest {@code createdAt} included, or null
     * @param to the first {@code createdAt} excluded, or null
     * @param runIdPrefix 1-32 hex digits (dashes allowed, either case), or null
     * @param initiator an initiator id (1-200 characters), or null
     * @param reasonCode a failure reason, or null
     * @throws InvalidRunInputException as the canonical constructor
     */
    public RunFilter(Set<RunType> runTypes, Set<StatusBucket> buckets, Instant from, Instant to,
            String runIdPrefix, String initiator, ReasonCode reasonCode) {
        this(runTypes, buckets, from, to, runIdPrefix, initiator, reasonCode, null);
    }

    /**
     * The filter of the first releases: types, buckets and time range, no search fields.
     *
     * @param runTypes the run types to include (empty: all)
     * @param buckets the status buckets to include (empty: all)
     * @param from the earliest {@code createdAt} included, or null
     * @param to the first {@code createdAt} excluded, or null
     * @throws InvalidRunInputException when a set is null or holds null, or {@code from} is not
     *     before {@code to}
     */
    public RunFilter(Set<RunType> runTypes, Set<StatusBucket> buckets, Instant from, Instant to) {
        this(runTypes, buckets, from, to, null, null, null, null);
    }

    private static <T> Set<T> copy(Set<T> set, String field) {
        Checks.notNull(set, field);
        // Not set.contains(null): immutable sets (Set.of, Set.copyOf) and TreeSet throw
        // NullPointerException for it, which broke even RunFilter.ALL.
        for (T element : set) {
            if (element == null) {
                throw new InvalidRunInputException(field, "must not contain null");
            }
        }
        return Set.copyOf(set);
    }

    private static String normalizePrefix(String text) {
        String hex = text.replace("-", "").toLowerCase(Locale.ROOT);
        boolean ok = !hex.isEmpty() && hex.length() <= RUN_ID_DIGITS;
        for (int i = 0; ok && i < hex.length(); i++) {
            char c = hex.charAt(i);
            ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
        }
        if (!ok) {
            throw new InvalidRunInputException("runIdPrefix", "must be the first 1-32 hex digits of a run id "
                    + "(dashes allowed), such as 0190a5c3 or 0190a5c3-1b2d, but was " + Checks.quote(text));
        }
        return hex;
    }

    /**
     * @param types the run types to include
     * @return a copy with these run types
     */
    public RunFilter withRunTypes(Set<RunType> types) {
        return new RunFilter(types, buckets, from, to, runIdPrefix, initiator, reasonCode, endedFrom);
    }

    /**
     * @param newBuckets the buckets to include
     * @return a copy with these buckets
     */
    public RunFilter withBuckets(Set<StatusBucket> newBuckets) {
        return new RunFilter(runTypes, newBuckets, from, to, runIdPrefix, initiator, reasonCode, endedFrom);
    }

    /**
     * @param newFrom the earliest createdAt included, or null
     * @param newTo the first createdAt excluded, or null
     * @return a copy with this time range
     */
    public RunFilter withCreatedBetween(Instant newFrom, Instant newTo) {
        return new RunFilter(runTypes, buckets, newFrom, newTo, runIdPrefix, initiator, reasonCode, endedFrom);
    }

    /**
     * @param prefix the first hex digits of the run id (dashes allowed), or null for any
     * @return a copy searching for that prefix
     * @throws InvalidRunInputException when it is not 1-32 hex digits
     */
    public RunFilter withRunIdPrefix(String prefix) {
        return new RunFilter(runTypes, buckets, from, to, prefix, initiator, reasonCode, endedFrom);
    }

    /**
     * @param initiatorId an initiator's id (user id or system component name), or null for any
     * @return a copy searching for that initiator
     * @throws InvalidRunInputException when blank or longer than 200 characters
     */
    public RunFilter withInitiator(String initiatorId) {
        return new RunFilter(runTypes, buckets, from, to, runIdPrefix, initiatorId, reasonCode, endedFrom);
    }

    /**
     * @param code a failure reason, or null for any
     * @return a copy searching for runs with that reason
     */
    public RunFilter withReasonCode(ReasonCode code) {
        return new RunFilter(runTypes, buckets, from, to, runIdPrefix, initiator, code, endedFrom);
    }

    /**
     * @param earliestEnd the earliest {@code finishedAt} included, or null for no bound
     * @return a copy keeping only runs that ended at or after {@code earliestEnd}
     */
    public RunFilter withEndedFrom(Instant earliestEnd) {
        return new RunFilter(runTypes, buckets, from, to, runIdPrefix, initiator, reasonCode, earliestEnd);
    }

    /** @return true when a search field (run id prefix, initiator, reason code) is set */
    public boolean searches() {
        return runIdPrefix != null || initiator != null || reasonCode != null;
    }

    /**
     * Whether a run passes, judged on the run alone: a reason code then matches only the run-level
     * failure. Stores that keep item failures use {@link #matches(Run, Collection)}.
     *
     * @param run a run
     * @return true when the run passes this filter
     */
    public boolean matches(Run run) {
        return matches(run, Set.of());
    }

    /**
     * @param run a run
     * @param storedItemReasons the reason codes of the run's stored item failures
     * @return true when the run passes this filter
     */
    public boolean matches(Run run, Collection<ReasonCode> storedItemReasons) {
        return (runTypes.isEmpty() || runTypes.contains(run.runType()))
                && (buckets.isEmpty() || buckets.contains(run.bucket()))
                && (from == null || !run.createdAt().isBefore(from))
                && (to == null || run.createdAt().isBefore(to))
                && (endedFrom == null || run.finishedAt() != null && !run.finishedAt().isBefore(endedFrom))
                && (runIdPrefix == null || run.id().toString().replace("-", "").startsWith(runIdPrefix))
                && (initiator == null || initiator.equals(run.initiator().id()))
                && (reasonCode == null || run.failure() != null && reasonCode.equals(run.failure().reasonCode())
                        || reasonCode != null && storedItemReasons.contains(reasonCode));
    }
}
