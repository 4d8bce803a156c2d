package dev.opsruns.core;

import java.time.Duration;

/**
 * Hears what happened to runs, for metrics, tracing or logs: register one (or several) with
 * {@link RunsConfig.Builder#listener(RunListener)}. Every method does nothing by default; override
 * the ones you need.
 *
 * <p>Events are fired only after the store has committed the change, on the thread that made it,
 * in the order listeners were registered. A listener therefore never sees a change that could
 * still be rolled back, and whatever it reads from the ledger already shows the change. A listener
 * cannot break a write: an exception it throws is logged (through {@link System.Logger}) and
 * ignored, and the next listener still hears the event. Calls refused by the ledger (an illegal
 * transition, an unknown run, bad input) fire nothing.
 *
 * <p>Events are per process: a listener hears the changes made through its own ledger instance,
 * not those other instances of the application make on the same database. Listeners should be
 * quick; a slow one delays the caller that made the change.
 */
public interface RunListener {

    /** A listener that ignores every event. */
    RunListener NOOP = new RunListener() {
    };

    /**
     * A start created a new run.
     *
     * @param run the new run, {@code pending}
     */
    default void started(Run run) {
    }

    /**
     * A start found a run already active for its idempotency key and returned it instead.
     *
     * @param run the active run that was reused, as it was read
     */
    default void reused(Run run) {
    }

    /**
     * A run ended: finished, failed, aborted, or ended by the reaper (which then also fires
     * {@link #reaped}).
     *
     * @param run the ended run
     * @param bucket its bucket, {@code run.bucket()}
     * @param duration from when it was queued ({@link Run#createdAt()}) to when it ended
     *     ({@link Run#finishedAt()}), so queue time included and defined for runs that never started
     */
    default void ended(Run run, StatusBucket bucket, Duration duration) {
    }

    /**
     * The reaper ended a run, after {@link #ended} was fired for it.
     *
     * @param run the ended run; its failure's reason code is {@link ReasonCode#RUN_STALE} or
     *     {@link ReasonCode#RUN_NEVER_STARTED}
     */
    default void reaped(Run run) {
    }

    /**
     * A worker recorded an item failure on a running run (whether or not the failure was stored in
     * full or only counted, past the failure cap).
     *
     * @param runId the run
     * @param runType its type
     * @param tenantId its tenant
     * @param reasonCode the failure's reason code
     */
    default void itemFailed(RunId runId, RunType runType, TenantId tenantId, ReasonCode reasonCode) {
    }
}
