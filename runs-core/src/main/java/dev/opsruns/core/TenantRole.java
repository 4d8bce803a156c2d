package dev.opsruns.core;

/** A principal's role in one tenant. */
public enum TenantRole {
    /** Owns the tenant; may view and start runs. */
    OWNER,
    /** Manages the tenant; may view and start runs. */
    MANAGER,
    /** Operates the tenant; may view and start runs. */
    OPERATOR,
    /** May view runs, never start them. */
    READONLY;

    /** @return true for the roles the default policy lets start producer runs */
    public boolean canStartRuns() {
        return switch (this) {
            case OWNER, MANAGER, OPERATOR -> true;
            case READONLY -> false;
        };
    }
}
