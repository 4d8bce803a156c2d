package dev.opsruns.core.internal;

import dev.opsruns.core.IdempotencyKey;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The checks of a batch start, made before any request of it reaches a store. */
public final class StartBatches {

    private StartBatches() {
    }

    /** The tenant and key a request would hold. */
    private record Slot(TenantId tenantId, IdempotencyKey key) {
    }

    /**
     * @param requests a batch
     * @throws InvalidRunInputException when the list or an element is null, the list is empty or longer
     *     than {@link RunRegistry#MAX_START_BATCH}, or two elements would hold the same (tenant, key)
     */
    public static void check(List<StartRequest> requests) {
        Checks.notNull(requests, "requests");
        if (requests.isEmpty() || requests.size() > RunRegistry.MAX_START_BATCH) {
            throw new InvalidRunInputException("requests", "must hold 1-" + RunRegistry.MAX_START_BATCH
                    + " start requests, but held " + requests.size());
        }
        Map<Slot, Integer> seen = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            StartRequest r = requests.get(i);
            if (r == null) {
                throw new InvalidRunInputException("requests[" + i + "]", "is required but was null");
            }
            Integer earlier = seen.putIfAbsent(new Slot(r.tenantId(), r.idempotencyKey()), i);
            if (earlier != null) {
                throw new InvalidRunInputException("requests[" + i + "]", "has the same tenant and idempotency key as"
                        + " requests[" + earlier + "]; a batch may hold each operation once");
            }
        }
    }
}
