package dev.opsruns.core;

/**
 * No run with this id exists, or it exists in another tenant than the one asked for. The two cases
 * are indistinguishable on purpose, so a run id never reveals another tenant's data.
 */
public class RunNotFoundException extends RunException {

    /** The id that was not found. */
    private final RunId runId;

    /**
     * @param runId the id that was not found
     */
    public RunNotFoundException(RunId runId) {
        super("run " + runId + " not found");
        this.runId = runId;
    }

    /** @return the id that was not found */
    public RunId runId() {
        return runId;
    }
}
