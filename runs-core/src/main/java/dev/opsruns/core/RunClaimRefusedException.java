package dev.opsruns.core;

/**
 * A fenced call was refused: the caller's claim is not the run's current one (another worker took the
 * run over, or the run ended, or the token was never this run's), or a call without a claim was made
 * on a run that a worker has claimed. The run is left exactly as it was.
 *
 * <p>It is an {@link IllegalRunTransitionException}, so a job that stops on a refused late write
 * stops on this one too.
 */
public class RunClaimRefusedException extends IllegalRunTransitionException {

    /** Why the call was refused. */
    public enum Reason {
        /** The caller's claim is not (or no longer) the run's current claim. */
        CLAIM_NOT_CURRENT,
        /** The call carried no claim, but a worker holds one on the run. */
        CLAIM_REQUIRED
    }

    /** Why the call was refused. */
    private final Reason reason;
    /** The attempt of the caller's claim; 0 for a call without a claim. */
    private final int callerAttempt;
    /** The attempt of the run's current claim. */
    private final int currentAttempt;

    /**
     * @param runId the run
     * @param action the refused action
     * @param actual the run's status
     * @param reason why
     * @param callerAttempt the attempt of the caller's claim, 0 for a call without one
     * @param currentAttempt the run's current attempt, 0 when never claimed
     */
    public RunClaimRefusedException(RunId runId, String action, RunStatus actual, Reason reason, int callerAttempt,
            int currentAttempt) {
        super(runId, action, actual, message(runId, action, actual, reason, callerAttempt, currentAttempt));
        this.reason = reason;
        this.callerAttempt = callerAttempt;
        this.currentAttempt = currentAttempt;
    }

    private static String message(RunId runId, String action, RunStatus actual, Reason reason, int caller, int current) {
        return switch (reason) {
            case CLAIM_NOT_CURRENT -> "cannot " + action + " run " + runId + " with the claim of attempt " + caller
                    + ": the run is " + actual.storageName() + (current == 0 ? "" : " and its current claim is attempt " + current)
                    + "; only the current claim of a running run is accepted (a taken-over worker must stop)";
            case CLAIM_REQUIRED -> "cannot " + action + " run " + runId + " without its claim: attempt " + current
                    + " holds it; pass the RunClaim that claim(runId) returned";
        };
    }

    /** @return why the call was refused */
    public Reason reason() {
        return reason;
    }

    /** @return the attempt of the refused claim, 0 for a call without one */
    public int callerAttempt() {
        return callerAttempt;
    }

    /** @return the run's current attempt when refused, 0 when never claimed */
    public int currentAttempt() {
        return currentAttempt;
    }
}
