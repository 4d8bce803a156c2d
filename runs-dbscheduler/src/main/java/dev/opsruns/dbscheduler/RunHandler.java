package dev.opsruns.dbscheduler;

import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;

/**
 * The host's job for one run type, as a worker runs it after claiming the run. It reports through the
 * ledger's fenced calls with the claim it is given ({@code registry.setTotal(claim, n)},
 * {@code recordProgress(claim, ...)}, {@code finish(claim)}, ...) and must end the run (finish or fail)
 * before it returns. The worker keeps the claim's lease alive meanwhile.
 *
 * <p>Once another worker has taken the run over, or the run was aborted, the job's next fenced call
 * throws {@link dev.opsruns.core.RunClaimRefusedException}: let it propagate (or stop), so that no job
 * goes on working on a run that is not its own.
 */
@FunctionalInterface
public interface RunHandler {

    /**
     * @param run the run as claimed ({@code running})
     * @param claim the claim to pass to the ledger's fenced calls
     * @throws Exception anything the job throws: the run then fails with {@code job.unexpected_error}
     *     and an error id that points to the log (never the exception's own text)
     */
    void execute(Run run, RunClaim claim) throws Exception;
}
