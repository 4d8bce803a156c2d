package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * One run as stored. Stores keep these; callers read them. Copies with one part changed come from
 * the {@code with...} methods.
 *
 * @param id the run's id
 * @param tenantId the tenant it belongs to
 * @param runType what kind of operation it is
 * @param status the storage status
 * @param idempotencyKey the key that start-or-reuse matched on
 * @param initiator who started it
 * @param context the context it was started with
 * @param counts the item counts
 * @param failure the run-level failure, or null (set when failed or aborted)
 * @param createdAt when it was started (queued)
 * @param startedAt when a worker marked it running, or null
 * @param finishedAt when it ended, or null while active
 * @param heartbeatAt the last sign of life from its worker, or null before it ran
 */
public record Run(
        RunId id,
        TenantId tenantId,
        RunType runType,
        RunStatus status,
        IdempotencyKey idempotencyKey,
        Initiator initiator,
        RunContext context,
        RunCounts counts,
        RunFailure failure,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant heartbeatAt) {

    /**
     * @param id the run's id
     * @param tenantId the tenant it belongs to
     * @param runType what kind of operation it is
     * @param status the storage status
     * @param idempotencyKey the key that start-or-reuse matched on
     * @param initiator who started it
     * @param context the context it was started with
     * @param counts the item counts
     * @param failure the run-level failure, or null (set when failed or aborted)
     * @param createdAt when it was started (queued)
     * @param startedAt when a worker marked it running, or null
     * @param finishedAt when it ended, or null while active
     * @param heartbeatAt the last sign of life from its worker, or null before it ran
     * @throws InvalidRunInputException when a required part is null
     */
    public Run {
        Checks.notNull(id, "id");
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(runType, "runType");
        Checks.notNull(status, "status");
        Checks.notNull(idempotencyKey, "idempotencyKey");
        Checks.notNull(initiator, "initiator");
        Checks.notNull(context, "context");
        Checks.notNull(counts, "counts");
        Checks.notNull(createdAt, "createdAt");
    }

    /**
     * A new run as a start creates it: {@code pending}, zero counts, no failure, not yet started.
     *
     * @param id the run's id
     * @param tenantId the tenant
     * @param runType the run type
     * @param idempotencyKey the key
     * @param initiator who starts it
     * @param context its context
     * @param createdAt now
     * @return the run
     * @throws InvalidRunInputException when a part is null
     */
    public static Run pending(RunId id, TenantId tenantId, RunType runType, IdempotencyKey idempotencyKey,
            Initiator initiator, RunContext context, Instant createdAt) {
        return new Run(id, tenantId, runType, RunStatus.PENDING, idempotencyKey, initiator, context, RunCounts.ZERO,
                null, createdAt, null, null, null);
    }

    /**
     * @param value the new status
     * @return a copy with that status
     */
    public Run withStatus(RunStatus value) {
        return new Run(id, tenantId, runType, value, idempotencyKey, initiator, context, counts, failure, createdAt,
                startedAt, finishedAt, heartbeatAt);
    }

    /**
     * @param value the new counts
     * @return a copy with those counts
     */
    public Run withCounts(RunCounts value) {
        return new Run(id, tenantId, runType, status, idempotencyKey, initiator, context, value, failure, createdAt,
                startedAt, finishedAt, heartbeatAt);
    }

    /**
     * @param value the run-level failure, or null
     * @return a copy with that failure
     */
    public Run withFailure(RunFailure value) {
        return new Run(id, tenantId, runType, status, idempotencyKey, initiator, context, counts, value, createdAt,
                startedAt, finishedAt, heartbeatAt);
    }

    /**
     * @param value when a worker first marked it running, or null
     * @return a copy with that start time
     */
    public Run withStartedAt(Instant value) {
        return new Run(id, tenantId, runType, status, idempotencyKey, initiator, context, counts, failure, createdAt,
                value, finishedAt, heartbeatAt);
    }

    /**
     * @param value when it ended, or null
     * @return a copy with that end time
     */
    public Run withFinishedAt(Instant value) {
        return new Run(id, tenantId, runType, status, idempotencyKey, initiator, context, counts, failure, createdAt,
                startedAt, value, heartbeatAt);
    }

    /**
     * @param value the last heartbeat, or null
     * @return a copy with that heartbeat
     */
    public Run withHeartbeatAt(Instant value) {
        return new Run(id, tenantId, runType, status, idempotencyKey, initiator, context, counts, failure, createdAt,
                startedAt, finishedAt, value);
    }

    /** @return the bucket people see, as {@link StatusBucket#of} defines it */
    public StatusBucket bucket() {
        return StatusBucket.of(status, counts);
    }

    /** @return the run-level failure, if any */
    public Optional<RunFailure> failureIfAny() {
        return Optional.ofNullable(failure);
    }

    /** @return true while pending or running */
    public boolean isActive() {
        return status.isActive();
    }
}
