package dev.opsruns.core;

import java.util.Set;

/**
 * A lifecycle call was refused because the run is not in a status that allows it: for
 * example finishing a run that already ended, or a late progress report from a worker whose run was
 * reaped. The run is left exactly as it was.
 */
public class IllegalRunTransitionException extends RunException {

    /** The run the action was refused on. */
    private final RunId runId;
    /** The run's status when the action was refused. */
    private final RunStatus actual;
    /** The refused action. */
    private final String action;

    /**
     * @param runId the run
     * @param action the refused action (for example {@code finish})
     * @param actual the run's status when the action was refused
     * @param allowed the statuses from which the action is accepted
     */
    public IllegalRunTransitionException(RunId runId, String action, RunStatus actual, Set<RunStatus> allowed) {
        super("cannot " + action + " run " + runId + ": it is " + actual.storageName()
                + "; " + action + " is accepted only while the run is " + describe(allowed));
        this.runId = runId;
        this.action = action;
        this.actual = actual;
    }

    /**
     * For subclasses that explain a refusal in their own words.
     *
     * @param runId the run
     * @param action the refused action
     * @param actual the run's status when the action was refused
     * @param message what was wrong and what is accepted
     */
    protected IllegalRunTransitionException(RunId runId, String action, RunStatus actual, String message) {
        super(message);
        this.runId = runId;
        this.action = action;
        this.actual = actual;
    }

    private static String describe(Set<RunStatus> allowed) {
        StringBuilder sb = new StringBuilder();
        for (RunStatus s : RunStatus.values()) {
            if (allowed.contains(s)) {
                if (sb.length() > 0) {
                    sb.append(" or ");
                }
                sb.append(s.storageName());
            }
        }
        return sb.toString();
    }

    /** @return the run */
    public RunId runId() {
        return runId;
    }

    /** @return the refused action */
    public String action() {
        return action;
    }

    /** @return the run's status when the action was refused */
    public RunStatus actualStatus() {
        return actual;
    }
}
