package dev.opsruns.example.drift;

import dev.opsruns.example.domain.RefusedException;

/** A scope has fewer than two successful inventory runs, so there is nothing to compare. No run was started. */
public final class InsufficientInventoryException extends RefusedException {

    /**
     * @param scopeKey the scope
     * @param successfulRuns how many successful inventory runs it has
     */
    public InsufficientInventoryException(String scopeKey, int successfulRuns) {
        super(Kind.CONFLICT, "scope_key", "drift generation compares the two newest successful inventory runs of a scope, "
                + "but scope '" + scopeKey + "' has " + successfulRuns + " successful inventory run"
                + (successfulRuns == 1 ? "" : "s") + "; run an inventory sync first, or pick a scope listed as "
                + "drift_ready in GET /api/tenants/{tenant}/drift/scopes");
    }
}
