package dev.opsruns.example.jobs;

import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, dispatches again the runs a previous process left pending (queued but never picked up,
 * for example because it stopped before a worker was free). Runs left running by a crashed process are
 * not resumed here; the stale-run reaper ends them once their heartbeat is too old.
 */
public final class PendingRunRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(PendingRunRecovery.class);

    private PendingRunRecovery() {
    }

    /**
     * @param queries the ledger's read side
     * @param tenants every tenant
     * @param runTypes the run types this app has jobs for
     * @param dispatcher where to dispatch them
     * @return how many runs were dispatched, oldest first
     */
    public static int redispatch(RunQueries queries, Collection<TenantId> tenants, Set<RunType> runTypes,
            JobDispatcher dispatcher) {
        if (tenants.isEmpty() || runTypes.isEmpty()) {
            return 0;
        }
        // the library's system reader views every tenant through the same queries the API uses
        Principal recovery = Principal.systemReader("pending-run-recovery");
        RunFilter pending = RunFilter.ALL.withRunTypes(runTypes).withBuckets(Set.of(StatusBucket.QUEUED));
        List<Run> found = new ArrayList<>();
        for (TenantId tenant : tenants) {
            PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
            while (true) {
                RunPage result = queries.list(recovery, tenant, pending, page);
                found.addAll(result.runs());
                if (result.olderCursor() == null) {
                    break;
                }
                page = page.at(result.olderCursor());
            }
        }
        found.sort(Comparator.comparing(Run::createdAt).thenComparing(Run::id));
        int dispatched = 0;
        for (Run run : found) {
            if (dispatcher.dispatch(run.id())) {
                dispatched++;
            }
        }
        if (dispatched > 0) {
            LOG.info("dispatched {} run(s) left pending by a previous process", dispatched);
        }
        return dispatched;
    }
}
