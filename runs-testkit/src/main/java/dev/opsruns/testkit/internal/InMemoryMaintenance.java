package dev.opsruns.testkit.internal;

import dev.opsruns.core.PurgeReport;
import dev.opsruns.core.ReapReport;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RetentionPolicy;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.StaleRunPolicy;
import dev.opsruns.core.internal.Checks;
import dev.opsruns.core.internal.StaleRunMessages;
import dev.opsruns.core.internal.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** The in-memory reaper and purge. */
public final class InMemoryMaintenance implements RunMaintenance {

    private final InMemoryState state;
    private final InMemoryRegistry registry;

    /**
     * @param state the shared state
     * @param registry the write side, whose compare-and-set end the reaper reuses
     */
    public InMemoryMaintenance(InMemoryState state, InMemoryRegistry registry) {
        this.state = state;
        this.registry = registry;
    }

    @Override
    public ReapReport reapStaleRuns(StaleRunPolicy policy) {
        Checks.notNull(policy, "policy");
        return state.locked(() -> {
            Instant now = Times.now(state.config.clock());
            List<RunId> stale = new ArrayList<>();
            List<RunId> neverStarted = new ArrayList<>();
            for (InMemoryState.Entry e : List.copyOf(state.runs.values())) {
                if (stale.size() + neverStarted.size() >= policy.maxRunsPerPass()) {
                    break;
                }
                Run r = e.run;
                if (r.status() == RunStatus.RUNNING) {
                    Instant lastSign = r.heartbeatAt() != null ? r.heartbeatAt() : r.startedAt();
                    if (lastSign.isBefore(now.minus(policy.heartbeatTimeoutFor(r.runType())))) {
                        registry.end(r.id(), "reap", EnumSet.of(RunStatus.RUNNING), RunStatus.FAILED,
                                new RunFailure(ReasonCode.RUN_STALE, state.config.sanitizer().sanitize(StaleRunMessages.stale(lastSign))));
                        stale.add(r.id());
                    }
                } else if (r.status() == RunStatus.PENDING && r.createdAt().isBefore(now.minus(policy.queueTimeout()))) {
                    registry.end(r.id(), "reap", EnumSet.of(RunStatus.PENDING), RunStatus.FAILED,
                            new RunFailure(ReasonCode.RUN_NEVER_STARTED,
                                    state.config.sanitizer().sanitize(StaleRunMessages.neverStarted(r.createdAt()))));
                    neverStarted.add(r.id());
                }
            }
            return new ReapReport(stale, neverStarted);
        });
    }

    @Override
    public PurgeReport purgeEndedRuns(RetentionPolicy policy) {
        Checks.notNull(policy, "policy");
        long deleted = 0;
        int batches = 0;
        while (true) {
            int n = state.locked(() -> {
                Instant cutoff = Times.now(state.config.clock()).minus(policy.retention());
                List<RunId> batch = state.runs.values().stream()
                        .map(e -> e.run)
                        .filter(r -> r.status().isTerminal() && r.finishedAt().isBefore(cutoff))
                        .map(Run::id)
                        .limit(policy.batchSize())
                        .toList();
                batch.forEach(state::delete);
                return batch.size();
            });
            if (n > 0) {
                batches++;
                deleted += n;
            }
            if (n < policy.batchSize()) {
                return new PurgeReport(deleted, batches);
            }
        }
    }
}
