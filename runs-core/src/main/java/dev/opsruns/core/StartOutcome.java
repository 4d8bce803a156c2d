package dev.opsruns.core;

/**
 * What {@link RunRegistry#startOrReuse} did: started a new run, or found the active one with the same
 * (tenant, idempotency key).
 */
public sealed interface StartOutcome {

    /** @return the new or reused run */
    Run run();

    /** @return true when an active run was reused */
    boolean reused();

    /**
     * A new {@code pending} run was inserted.
     *
     * @param run the new run
     */
    record Started(Run run) implements StartOutcome {
        @Override
        public boolean reused() {
            return false;
        }
    }

    /**
     * The active run with the same key was returned; nothing was inserted.
     *
     * @param run the active run
     */
    record Reused(Run run) implements StartOutcome {
        @Override
        public boolean reused() {
            return true;
        }
    }
}
