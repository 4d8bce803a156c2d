package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.UUID;

/**
 * A worker's exclusive claim on a run: which run, which attempt, and the token that proves it. The
 * fenced calls of {@link RunRegistry} that take a claim are accepted only while it is the run's
 * current claim; after another worker took the run over (or the run ended) they are refused with
 * {@link RunClaimRefusedException} and change nothing.
 *
 * <p>The token is a secret of the worker that claimed: a claim built with a token of another run, or
 * an invented one, is refused like a stale one.
 *
 * @param runId the run
 * @param token the token of this attempt
 * @param attempt 1 for the first claim, 2 for the first takeover, ...
 */
public record RunClaim(RunId runId, UUID token, int attempt) {

    /**
     * @param runId the run
     * @param token the token of this attempt
     * @param attempt 1 or more
     * @throws InvalidRunInputException when a part is null or the attempt is below 1
     */
    public RunClaim {
        Checks.notNull(runId, "runId");
        Checks.notNull(token, "token");
        if (attempt < 1) {
            throw new InvalidRunInputException("attempt", "must be 1 or more, but was " + attempt);
        }
    }

    /** Keeps the token out of logs: a claim prints as its run and attempt. */
    @Override
    public String toString() {
        return "RunClaim[run " + runId + ", attempt " + attempt + "]";
    }
}
