package dev.opsruns.core;

import java.util.Optional;

/**
 * What {@link RunRegistry#startOrReuse} did: started a new run (perhaps replacing the active one), or
 * returned a run of the same (tenant, idempotency key): the active one, or an ended one its type's
 * {@link ReusePolicy} (or a caller key) says answers the request.
 */
public sealed interface StartOutcome {

    /** @return the new or reused run */
    Run run();

    /** @return true when an existing run was returned */
    boolean reused();

    /**
     * A new {@code pending} run was inserted.
     *
     * @param run the new run
     * @param superseded the active run of the key that this start aborted as
     *     {@link ReasonCode#RUN_SUPERSEDED} ({@link ConflictPolicy#REPLACE}), as it ended; null otherwise
     */
    record Started(Run run, Run superseded) implements StartOutcome {

        /**
         * A start that replaced nothing.
         *
         * @param run the new run
         */
        public Started(Run run) {
            this(run, null);
        }

        @Override
        public boolean reused() {
            return false;
        }

        /** @return the run this start superseded, empty when it replaced none */
        public Optional<Run> supersededRun() {
            return Optional.ofNullable(superseded);
        }
    }

    /**
     * An existing run with the same key was returned; nothing was inserted.
     *
     * @param run the active run, or the ended run the reuse policy or caller key returns
     */
    record Reused(Run run) implements StartOutcome {
        @Override
        public boolean reused() {
            return true;
        }
    }
}
