package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * One run as stored (DESIGN §3). Stores create these; callers read them.
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
