package dev.opsruns.core.spi;

import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One compare-and-set that ends a run, as {@link RunStore#end} applies it. Build it with the factory
 * of its kind; each kind says which statuses it ends from, what it sets and what guards it.
 *
 * @param runId the run
 * @param kind which end
 * @param failure the run-level failure to store (sanitized), or null for {@link Kind#FINISH}
 * @param at the end time ({@code finishedAt})
 * @param guard for {@link Kind#REAP_STALE} the heartbeat the reaper judged (the end applies only while
 *     the heartbeat is still exactly that); for {@link Kind#REAP_NEVER_STARTED} the queue cutoff (the
 *     end applies only to a run created before it); null otherwise
 * @param claimToken for {@link Kind#FINISH} and {@link Kind#FAIL}: the worker's claim token (the end
 *     applies only while it is the run's current claim), or null for a worker without a claim (the end
 *     applies only to a run that was never claimed); always null for the other kinds, which apply
 *     whoever holds the run
 */
public record RunEnd(RunId runId, Kind kind, RunFailure failure, Instant at, Instant guard, UUID claimToken) {

    /** The ends there are. */
    public enum Kind {
        /** {@code running} to {@code completed} (no failed item) or {@code completed_with_errors}. */
        FINISH(Set.of(RunStatus.RUNNING)),
        /** {@code pending} or {@code running} to {@code failed}, with the failure. */
        FAIL(Set.of(RunStatus.PENDING, RunStatus.RUNNING)),
        /** {@code pending} or {@code running} to {@code aborted}, with the failure. */
        ABORT(Set.of(RunStatus.PENDING, RunStatus.RUNNING)),
        /** {@code running} to {@code failed}, only while the heartbeat equals the guard. */
        REAP_STALE(Set.of(RunStatus.RUNNING)),
        /** {@code pending} to {@code failed}, only when created before the guard. */
        REAP_NEVER_STARTED(Set.of(RunStatus.PENDING));

        private final Set<RunStatus> from;

        Kind(Set<RunStatus> from) {
            this.from = from;
        }

        /** @return the statuses this end accepts */
        public Set<RunStatus> from() {
            return from;
        }
    }

    /**
     * @param runId the run
     * @param kind which end
     * @param failure the run-level failure to store (sanitized), or null for {@link Kind#FINISH}
     * @param at the end time ({@code finishedAt})
     * @param guard for {@link Kind#REAP_STALE} the heartbeat the reaper judged (the end applies only while the heartbeat is still exactly that); for {@link Kind#REAP_NEVER_STARTED} the queue cutoff (the end applies only to a run created before it); null otherwise
     * @param claimToken for {@link Kind#FINISH} and {@link Kind#FAIL}, the worker's claim token or null; null for the other kinds
     * @throws NullPointerException when a required part is null
     * @throws IllegalArgumentException when the failure, guard or claim token does not fit the kind
     */
    public RunEnd {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if ((kind == Kind.FINISH) != (failure == null)) {
            throw new IllegalArgumentException(kind + " takes " + (kind == Kind.FINISH ? "no" : "a") + " failure");
        }
        boolean guarded = kind == Kind.REAP_STALE || kind == Kind.REAP_NEVER_STARTED;
        if (guarded != (guard != null)) {
            throw new IllegalArgumentException(kind + " takes " + (guarded ? "a" : "no") + " guard");
        }
        if (claimToken != null && kind != Kind.FINISH && kind != Kind.FAIL) {
            throw new IllegalArgumentException(kind + " takes no claim token: it applies whoever holds the run");
        }
    }

    /**
     * An end without a claim token (the form before claims existed).
     *
     * @param runId the run
     * @param kind which end
     * @param failure the failure, or null for {@link Kind#FINISH}
     * @param at the end time
     * @param guard the guard of a reaper's end, or null
     * @throws NullPointerException when a required part is null
     * @throws IllegalArgumentException when the failure or guard does not fit the kind
     */
    public RunEnd(RunId runId, Kind kind, RunFailure failure, Instant at, Instant guard) {
        this(runId, kind, failure, at, guard, null);
    }

    /**
     * @param token the worker's claim token
     * @return this end, applied only while {@code token} is the run's current claim
     * @throws IllegalArgumentException when this kind takes no claim token
     */
    public RunEnd withClaim(UUID token) {
        return new RunEnd(runId, kind, failure, at, guard, Objects.requireNonNull(token, "token"));
    }

    /**
     * @return true when a store must check the claim: a worker's end (finish or fail), with or without
     *     a token
     */
    public boolean fenced() {
        return kind == Kind.FINISH || kind == Kind.FAIL;
    }

    /**
     * @param runId the run
     * @param at the end time
     * @return the end of a worker that finished
     */
    public static RunEnd finish(RunId runId, Instant at) {
        return new RunEnd(runId, Kind.FINISH, null, at, null);
    }

    /**
     * @param runId the run
     * @param failure the failure
     * @param at the end time
     * @return a failed end
     */
    public static RunEnd fail(RunId runId, RunFailure failure, Instant at) {
        return new RunEnd(runId, Kind.FAIL, failure, at, null);
    }

    /**
     * @param runId the run
     * @param failure why it was stopped
     * @param at the end time
     * @return an aborted end
     */
    public static RunEnd abort(RunId runId, RunFailure failure, Instant at) {
        return new RunEnd(runId, Kind.ABORT, failure, at, null);
    }

    /**
     * @param candidate the stale running run, with the heartbeat it was judged by
     * @param failure the failure
     * @param at the end time
     * @return the reaper's end of a stale run
     */
    public static RunEnd reapStale(StaleCandidate candidate, RunFailure failure, Instant at) {
        return new RunEnd(candidate.runId(), Kind.REAP_STALE, failure, at, candidate.seen());
    }

    /**
     * @param runId the pending run
     * @param createdBefore the queue cutoff
     * @param failure the failure
     * @param at the end time
     * @return the reaper's end of a run never started
     */
    public static RunEnd reapNeverStarted(RunId runId, Instant createdBefore, RunFailure failure, Instant at) {
        return new RunEnd(runId, Kind.REAP_NEVER_STARTED, failure, at, createdBefore);
    }

    /**
     * @param counts the run's counts at the end
     * @return the status the run ends in
     */
    public RunStatus targetStatus(RunCounts counts) {
        return switch (kind) {
            case FINISH -> counts.failed() == 0 ? RunStatus.COMPLETED : RunStatus.COMPLETED_WITH_ERRORS;
            case FAIL, REAP_STALE, REAP_NEVER_STARTED -> RunStatus.FAILED;
            case ABORT -> RunStatus.ABORTED;
        };
    }
}
