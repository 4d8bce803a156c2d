package dev.opsruns.core;

import java.time.Instant;

/**
 * A start was refused by {@link ReusePolicy.Kind#REFUSE_WITHIN}: a run of the same (tenant, key) ended
 * within the window of its type. Nothing was written; a start after {@link #windowEndsAt()} is accepted.
 */
public class RunStartRefusedException extends RunException {

    private static final long serialVersionUID = 1L;

    /** The run whose end refused the start. */
    private final transient Run priorRun;
    /** When the refusal window ends. */
    private final Instant windowEndsAt;

    /**
     * @param priorRun the ended run of the same key
     * @param windowEndsAt when a new start of the key is accepted again
     */
    public RunStartRefusedException(Run priorRun, Instant windowEndsAt) {
        super("will not start another " + priorRun.runType() + " run in tenant " + priorRun.tenantId()
                + ": run " + priorRun.id() + " of the same request ended " + priorRun.status().storageName()
                + " at " + priorRun.finishedAt() + ", and its type refuses a new start until " + windowEndsAt
                + " (ReusePolicy " + "refuse_within); follow that run, or start again after then");
        this.priorRun = priorRun;
        this.windowEndsAt = windowEndsAt;
    }

    /** @return the ended run of the same key that refused the start */
    public Run priorRun() {
        return priorRun;
    }

    /** @return its id */
    public RunId priorRunId() {
        return priorRun.id();
    }

    /** @return when a new start of the key is accepted again */
    public Instant windowEndsAt() {
        return windowEndsAt;
    }
}
