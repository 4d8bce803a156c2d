package dev.opsruns.jdbi.internal;

import dev.opsruns.core.PurgeReport;
import dev.opsruns.core.ReapReport;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RetentionPolicy;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StaleRunPolicy;
import dev.opsruns.core.internal.Checks;
import dev.opsruns.core.internal.StaleRunMessages;
import dev.opsruns.core.internal.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reaper and the retention purge on a database. Safe from many instances at once: the reaper
 * ends each run with its own compare-and-set (so a run is ended, and its initiator notified, by one
 * instance only), and the purge deletes only ended runs, a batch per transaction.
 */
public final class JdbiRunMaintenance implements RunMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiRunMaintenance.class);

    /** A run a pass judged, with the time it judged by: the last heartbeat, or the queueing time. */
    private record Candidate(RunId id, Instant seen) {
    }

    private final JdbiStore store;
    private final RunsConfig config;

    /**
     * @param store the database
     */
    public JdbiRunMaintenance(JdbiStore store) {
        this.store = store;
        this.config = store.config();
    }

    @Override
    public ReapReport reapStaleRuns(StaleRunPolicy policy) {
        Checks.notNull(policy, "policy");
        Instant now = Times.now(config.clock());
        StaleRunSql staleSql = new StaleRunSql(policy);
        List<Candidate> stale = store.read("find stale runs", (h, d) -> staleSql
                .bind(h.createQuery(staleSql.sql()), now, policy.maxRunsPerPass())
                .map((rs, ctx) -> new Candidate(new RunId(Binds.uuid(rs, "id")), Binds.instant(rs, "heartbeat_at")))
                .list());
        List<RunId> reapedStale = new ArrayList<>();
        for (Candidate c : stale) {
            reap(c.id(), Sql.REAP_STALE, ReasonCode.RUN_STALE, StaleRunMessages.stale(c.seen()), now,
                    q -> q.bind("seen", Binds.instant(c.seen())))
                    .ifPresent(r -> reapedStale.add(r.id()));
        }

        List<RunId> reapedPending = new ArrayList<>();
        int budget = policy.maxRunsPerPass() - reapedStale.size();
        if (budget > 0) {
            Instant cutoff = now.minus(policy.queueTimeout());
            List<Candidate> pending = store.read("find runs never started", (h, d) -> h
                    .createQuery(Sql.NEVER_STARTED_CANDIDATES)
                    .bind("cutoff", Binds.instant(cutoff))
                    .bind("limit", budget)
                    .map((rs, ctx) -> new Candidate(new RunId(Binds.uuid(rs, "id")), Binds.instant(rs, "created_at")))
                    .list());
            for (Candidate c : pending) {
                reap(c.id(), Sql.REAP_NEVER_STARTED, ReasonCode.RUN_NEVER_STARTED,
                        StaleRunMessages.neverStarted(c.seen()), now,
                        q -> q.bind("cutoff", Binds.instant(cutoff)))
                        .ifPresent(r -> reapedPending.add(r.id()));
            }
        }
        if (!reapedStale.isEmpty() || !reapedPending.isEmpty()) {
            LOG.info("opsruns reaper ended {} stale and {} never-started run(s)", reapedStale.size(), reapedPending.size());
        }
        return new ReapReport(reapedStale, reapedPending);
    }

    /** Ends one run by compare-and-set; notifies only when this call changed it. */
    private Optional<Run> reap(RunId runId, String update, ReasonCode reason, String rawMessage, Instant now,
            UnaryOperator<Query> casBinds) {
        String message = Messages.sanitized(config.sanitizer(), rawMessage);
        return store.inTransaction("end a stale run", (h, d) -> {
            Optional<Run> ended = casBinds.apply(h.createQuery(d.returning(update, Sql.RUN_COLUMNS)))
                    .bind("id", Binds.uuid(runId.value()))
                    .bind("reason", reason.value())
                    .bind("message", message)
                    .bind("now", Binds.instant(now))
                    .map(RunRows.INSTANCE)
                    .findOne();
            ended.flatMap(r -> store.notificationRules().ended(r))
                    .ifPresent(n -> JdbiRunRegistry.insertNotification(h, n));
            return ended;
        });
    }

    @Override
    public PurgeReport purgeEndedRuns(RetentionPolicy policy) {
        Checks.notNull(policy, "policy");
        Instant cutoff = Times.now(config.clock()).minus(policy.retention());
        long deleted = 0;
        int batches = 0;
        int batch;
        do {
            batch = store.inTransaction("purge ended runs", (h, d) -> d.purgeBatch(h, cutoff, policy.batchSize()));
            if (batch > 0) { // a last, empty look is not a batch
                deleted += batch;
                batches++;
            }
        } while (batch == policy.batchSize());
        if (deleted > 0) {
            LOG.info("opsruns purge deleted {} ended run(s) in {} batch(es)", deleted, batches);
        }
        return new PurgeReport(deleted, batches);
    }
}
