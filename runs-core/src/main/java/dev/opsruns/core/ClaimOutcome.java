package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@link RunRegistry#claim} did: claimed the run for the caller, or says why not.
 */
public sealed interface ClaimOutcome {

    /**
     * The caller holds the run now (it is {@code running}); keep the lease with heartbeats.
     *
     * @param claim the claim to pass to the fenced calls
     * @param run the run after the claim
     * @param lease how long the claim lasts without a heartbeat
     */
    record Claimed(RunClaim claim, Run run, Duration lease) implements ClaimOutcome {
        /**
         * @param claim the claim
         * @param run the run
         * @param lease the lease
         * @throws InvalidRunInputException when a part is null
         */
        public Claimed {
            Checks.notNull(claim, "claim");
            Checks.notNull(run, "run");
            Checks.notNull(lease, "lease");
        }
    }

    /**
     * A live worker holds the run (its lease has not expired); try again after {@code leaseExpiresAt}.
     *
     * @param run the run as read
     * @param attempt the holder's attempt (0 for a run marked running without a claim)
     * @param leaseExpiresAt when the holder's lease expires unless it sends a heartbeat
     */
    record Held(Run run, int attempt, Instant leaseExpiresAt) implements ClaimOutcome {
        /**
         * @param run the run
         * @param attempt the holder's attempt
         * @param leaseExpiresAt when the lease expires
         * @throws InvalidRunInputException when a part is null
         */
        public Held {
            Checks.notNull(run, "run");
            Checks.notNull(leaseExpiresAt, "leaseExpiresAt");
        }
    }

    /**
     * The run has ended: there is nothing to work on.
     *
     * @param run the ended run
     */
    record Ended(Run run) implements ClaimOutcome {
        /**
         * @param run the ended run
         * @throws InvalidRunInputException when null
         */
        public Ended {
            Checks.notNull(run, "run");
        }
    }

    /**
     * The last attempt's lease expired and no attempt is left: this call failed the run as
     * {@link ReasonCode#RUN_ATTEMPTS_EXHAUSTED} (its initiator is notified).
     *
     * @param run the run as this call ended it
     */
    record Exhausted(Run run) implements ClaimOutcome {
        /**
         * @param run the failed run
         * @throws InvalidRunInputException when null
         */
        public Exhausted {
            Checks.notNull(run, "run");
        }
    }

    /**
     * No such run (never started, or purged).
     *
     * @param runId the run asked for
     */
    record NotFound(RunId runId) implements ClaimOutcome {
        /**
         * @param runId the run asked for
         * @throws InvalidRunInputException when null
         */
        public NotFound {
            Checks.notNull(runId, "runId");
        }
    }
}
