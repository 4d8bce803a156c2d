package dev.opsruns.jdbi.internal;

import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Notification;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.ClaimTerms;
import dev.opsruns.core.spi.HeartbeatCutoffs;
import dev.opsruns.core.spi.InsertOutcome;
import dev.opsruns.core.spi.PagePosition;
import dev.opsruns.core.spi.PriorLookup;
import dev.opsruns.core.spi.RunEnd;
import dev.opsruns.core.spi.RunStore;
import dev.opsruns.core.spi.StaleCandidate;
import dev.opsruns.core.spi.StatisticsQuery;
import dev.opsruns.core.spi.StoredClaim;
import dev.opsruns.core.spi.StoredDetail;
import dev.opsruns.jdbi.DatabaseVendor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * The storage primitives on H2 and PostgreSQL. Single-statement writes and all reads run in
 * auto-commit (one round trip, and a hot row's lock held only while the statement commits); the
 * primitives with two statements (an end and its notification, an item failure and its slot, a purge
 * batch, the H2 insert) run in one transaction. Transitions are compare-and-set updates
 * ({@code WHERE id = ? AND status IN (...)}) and counters change by SQL increments.
 */
public final class JdbiRunStore implements RunStore {

    /** Ids marked per statement: well below every driver's parameter limit. */
    private static final int IDS_PER_STATEMENT = 500;

    private static final PlainSql INSERT_ITEM_FAILURE = PlainSql.of(Sql.INSERT_ITEM_FAILURE);
    private static final PlainSql RECORD_PROGRESS = PlainSql.of(Sql.claimed(Sql.RECORD_PROGRESS, false));
    private static final PlainSql RECORD_PROGRESS_FENCED = PlainSql.of(Sql.claimed(Sql.RECORD_PROGRESS, true));

    private final JdbiStore db;

    /**
     * @param dataSource the database
     * @param vendor the vendor, or null to detect it on first use
     */
    public JdbiRunStore(DataSource dataSource, DatabaseVendor vendor) {
        this.db = new JdbiStore(dataSource, vendor);
    }

    // ------------------------------------------------------------------ starting

    @Override
    public InsertOutcome insertUnlessActive(Run run, Notification queued, PriorLookup prior) {
        // The reuse path is this one read: no insert that the unique index would refuse, no transaction.
        Optional<Run> active = db.readPlain("find the active run", (c, d) -> selectActive(c, d, run));
        if (active.isPresent()) {
            return new InsertOutcome.Active(active.get());
        }
        NewRun newRun = new NewRun(run, queued);
        InsertOutcome done;
        if (prior == null) {
            boolean inserted = db.dialect().insertIsOneStatement(newRun)
                    ? db.writeOneStatementPlain("start a run", (c, d) -> d.insertUnlessActive(c, newRun))
                    : db.inTransactionPlain("start a run", (c, d) -> d.insertUnlessActive(c, newRun));
            done = inserted ? InsertOutcome.INSERTED : null;
        } else {
            done = db.inTransaction("start a run", (h, d) -> insertOrPrior(h, d, newRun, prior));
        }
        return done != null ? done : activeAfterLostInsert(run);
    }

    /**
     * Lost the race to the unique index. This read starts after the insert waited for the winner to
     * commit, so it sees the winner (READ COMMITTED) unless the winner has ended since.
     */
    private InsertOutcome activeAfterLostInsert(Run run) {
        return db.readPlain("find the active run", (c, d) -> selectActive(c, d, run))
                .<InsertOutcome>map(InsertOutcome.Active::new)
                .orElse(InsertOutcome.CONTENDED);
    }

    /**
     * Inside a transaction: inserts, then looks for the prior run the lookup counts and undoes the
     * insert when there is one. The look comes after the insert on purpose: the insert succeeds only
     * once every earlier run of the key has stopped being active and committed that, so the look's
     * statement snapshot (READ COMMITTED) includes its end.
     *
     * @return Inserted, Prior (rolled back), or null when the insert lost to an active run
     */
    private static InsertOutcome insertOrPrior(Handle h, Dialect d, NewRun newRun, PriorLookup prior)
            throws SQLException {
        if (!d.insertUnlessActive(h.getConnection(), newRun)) {
            return null;
        }
        if (prior != null) {
            Optional<Run> found = selectPrior(h, newRun.run(), prior);
            if (found.isPresent()) {
                h.getConnection().rollback();
                return new InsertOutcome.Prior(found.get());
            }
        }
        return InsertOutcome.INSERTED;
    }

    private static Optional<Run> selectPrior(Handle h, Run run, PriorLookup prior) {
        List<StatusBucket> buckets = new ArrayList<>();
        for (StatusBucket b : StatusBucket.values()) { // in a fixed order: one statement text per set
            if (prior.buckets().contains(b)) {
                buckets.add(b);
            }
        }
        Query q = h.createQuery(Sql.selectPriorRun(buckets.size(), prior.endedAtOrAfter() != null))
                .bind("tenant", run.tenantId().value())
                .bind("key", run.idempotencyKey().value());
        for (int i = 0; i < buckets.size(); i++) {
            q.bind("bucket" + i, buckets.get(i).apiName());
        }
        if (prior.endedAtOrAfter() != null) {
            q.bind("cutoff", Binds.instant(prior.endedAtOrAfter()));
        }
        return q.map(RunRows.INSTANCE).findOne();
    }

    @Override
    public InsertOutcome replaceActive(Run run, Notification queued, PriorLookup prior, RunFailure supersededBecause,
            Function<Run, Optional<Notification>> ended) {
        NewRun newRun = new NewRun(run, queued);
        InsertOutcome done = db.inTransaction("replace a run", (h, d) -> {
            // the lock makes racing replacers queue on the active row: each replaces whoever is active
            // when its turn comes, so every replaced run ends once
            Optional<Run> active = h.createQuery(Sql.selectActiveRunForUpdate(d))
                    .bind("tenant", run.tenantId().value())
                    .bind("key", run.idempotencyKey().value())
                    .map(RunRows.INSTANCE)
                    .findOne();
            if (active.isEmpty()) {
                InsertOutcome o = insertOrPrior(h, d, newRun, prior);
                return o != null ? o : InsertOutcome.CONTENDED;
            }
            // the store's one end path, as an abort; a run that ended since the lock was taken is not ended twice
            Optional<Run> superseded = endIn(h, d, RunEnd.abort(active.get().id(), supersededBecause, run.createdAt()),
                    ended);
            if (superseded.isEmpty() || !d.insertUnlessActive(h.getConnection(), newRun)) {
                h.getConnection().rollback(); // another start took the key in between: nothing of this one stays
                return InsertOutcome.CONTENDED;
            }
            return new InsertOutcome.Superseded(superseded.get());
        });
        return done;
    }

    /**
     * On PostgreSQL: one multi-row {@code INSERT ... ON CONFLICT DO NOTHING RETURNING id} and one JDBC
     * batch of the notifications, in one transaction, then one read of the active runs holding the keys
     * that were skipped. Rows go in (tenant, key) order, so two racing batches take the keys' index
     * locks in the same order and cannot deadlock. Elsewhere, one insert per run.
     */
    @Override
    public List<InsertOutcome> insertAllUnlessActive(List<Run> runs, List<Notification> queued) {
        if (db.dialect().insertRunsUnlessActive(1).isEmpty()) {
            return RunStore.super.insertAllUnlessActive(runs, queued);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing((Integer i) -> runs.get(i).tenantId().value())
                .thenComparing(i -> runs.get(i).idempotencyKey().value()));
        Set<UUID> inserted = db.inTransaction("start runs", (h, d) -> {
            Query insert = h.createQuery(d.insertRunsUnlessActive(order.size()).orElseThrow());
            for (int row = 0; row < order.size(); row++) {
                new NewRun(runs.get(order.get(row)), null).bindRun(NamedParameters.of(insert), Integer.toString(row));
            }
            Set<UUID> ids = new java.util.HashSet<>(insert.map((rs, ctx) -> Binds.uuid(rs, "id")).list());
            org.jdbi.v3.core.statement.PreparedBatch notes = h.prepareBatch(Sql.INSERT_NOTIFICATION);
            boolean any = false;
            for (int i : order) {
                if (queued.get(i) != null && ids.contains(runs.get(i).id().value())) {
                    NewRun.bindNotification(NamedParameters.of(notes), queued.get(i));
                    notes.add();
                    any = true;
                }
            }
            if (any) {
                notes.execute();
            }
            return ids;
        });
        InsertOutcome[] outcomes = new InsertOutcome[runs.size()];
        List<Run> skipped = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (inserted.contains(runs.get(i).id().value())) {
                outcomes[i] = InsertOutcome.INSERTED;
            } else {
                skipped.add(runs.get(i));
            }
        }
        if (!skipped.isEmpty()) {
            Map<String, Run> holders = new java.util.HashMap<>();
            db.read("find the active runs", (h, d) -> {
                Query q = h.createQuery(Sql.selectActiveRuns(skipped.size()));
                for (int i = 0; i < skipped.size(); i++) {
                    q.bind("tenant" + i, skipped.get(i).tenantId().value()).bind("key" + i, skipped.get(i).idempotencyKey().value());
                }
                return q.map(RunRows.INSTANCE).list();
            }).forEach(r -> holders.put(r.tenantId().value() + "/" + r.idempotencyKey().value(), r));
            for (int i = 0; i < runs.size(); i++) {
                if (outcomes[i] == null) {
                    Run holder = holders.get(runs.get(i).tenantId().value() + "/" + runs.get(i).idempotencyKey().value());
                    outcomes[i] = holder != null ? new InsertOutcome.Active(holder) : InsertOutcome.CONTENDED;
                }
            }
        }
        return List.of(outcomes);
    }

    /** Plain JDBC: the reuse path's one read, without JDBI's per-statement set-up. */
    private static Optional<Run> selectActive(Connection c, Dialect d, Run run) throws SQLException {
        try (PlainStatement select = d.selectActiveRun().prepare(c)) {
            select.string("tenant", run.tenantId().value()).string("key", run.idempotencyKey().value());
            try (ResultSet rows = select.jdbc().executeQuery()) {
                // the active run of the key usually holds the candidate's values: no parse then
                return rows.next() ? Optional.of(RunRows.read(rows, run)) : Optional.empty();
            }
        }
    }

    @Override
    public void insertNotification(Notification notification) {
        db.writeOneStatement("store a notification", (h, d) -> {
            insertNotification(h, notification);
            return null;
        });
    }

    private static void insertNotification(Handle h, Notification n) throws SQLException {
        NewRun.insertNotification(h.getConnection(), n);
    }

    // ------------------------------------------------------------------ workers

    @Override
    public Optional<Run> findRun(RunId runId) {
        return db.read("read a run", (h, d) -> h.createQuery(Sql.SELECT_RUN)
                .bind("id", Binds.uuid(runId.value()))
                .map(RunRows.INSTANCE)
                .findOne());
    }

    @Override
    public Optional<StoredClaim> findClaim(RunId runId) {
        return db.read("read a run's claim", (h, d) -> h.createQuery(Sql.SELECT_CLAIM)
                .bind("id", Binds.uuid(runId.value()))
                .map(JdbiRunStore::claimRow)
                .findOne());
    }

    @Override
    public Optional<StoredClaim> claim(RunId runId, UUID token, Instant at, ClaimTerms terms) {
        ClaimSql claimSql = new ClaimSql(terms);
        return db.writeOneStatement("claim a run", (h, d) -> claimSql
                .bind(h.createQuery(d.returning(claimSql.update(), Sql.CLAIM_COLUMNS)), runId.value(), token, at)
                .map(JdbiRunStore::claimRow)
                .findOne());
    }

    private static StoredClaim claimRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredClaim(RunRows.read(rs), rs.getObject(RunRows.CLAIM_TOKEN, UUID.class), rs.getInt(RunRows.ATTEMPT));
    }

    @Override
    public Optional<Run> markRunning(RunId runId, Instant at) {
        return db.writeOneStatement("mark a run running", (h, d) -> h
                .createQuery(d.returning(Sql.MARK_RUNNING, Sql.RUN_COLUMNS))
                .bind("id", Binds.uuid(runId.value()))
                .bind("now", Binds.instant(at))
                .map(RunRows.INSTANCE)
                .findOne());
    }

    @Override
    public boolean heartbeat(RunId runId, Instant at) {
        return heartbeat(runId, null, at);
    }

    @Override
    public boolean heartbeat(RunId runId, UUID claimToken, Instant at) {
        return db.writeOneStatement("record a heartbeat", (h, d) -> fence(h.createUpdate(
                        Sql.claimed(Sql.HEARTBEAT, claimToken != null)), claimToken)
                .bind("id", Binds.uuid(runId.value()))
                .bind("now", Binds.instant(at))
                .execute() > 0);
    }

    @Override
    public boolean setTotal(RunId runId, long total, Instant at) {
        return setTotal(runId, null, total, at);
    }

    @Override
    public boolean setTotal(RunId runId, UUID claimToken, long total, Instant at) {
        return db.writeOneStatement("set a run's total", (h, d) -> fence(h.createUpdate(
                        Sql.claimed(Sql.SET_TOTAL, claimToken != null)), claimToken)
                .bind("id", Binds.uuid(runId.value()))
                .bind("total", total)
                .bind("now", Binds.instant(at))
                .execute() > 0);
    }

    @Override
    public boolean addProgress(RunId runId, ProgressDelta delta, Instant at, Instant refreshHeartbeatBefore) {
        return addProgress(runId, null, delta, at, refreshHeartbeatBefore);
    }

    @Override
    public boolean addProgress(RunId runId, UUID claimToken, ProgressDelta delta, Instant at,
            Instant refreshHeartbeatBefore) {
        // plain JDBC: progress is the hottest write, and JDBI's statement set-up costs more than the update
        return db.writeOneStatementPlain("record progress", (c, d) -> {
            try (PlainStatement update = (claimToken != null ? RECORD_PROGRESS_FENCED : RECORD_PROGRESS).prepare(c)) {
                fence(update, claimToken).uuid("id", runId.value())
                        .number("succeeded", delta.succeeded())
                        .number("failed", delta.failed())
                        .number("skipped", delta.skipped())
                        .instant("now", at)
                        .instant("refreshBefore", refreshHeartbeatBefore);
                return update.jdbc().executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean recordItemFailure(RunId runId, ItemFailure failure, int cap) {
        return recordItemFailure(runId, null, failure, cap);
    }

    /*
     * Plain JDBC, like the starts: a worker records a failure per failed item, and JDBI's
     * per-statement set-up cost more client time than the statements.
     */
    @Override
    public boolean recordItemFailure(RunId runId, UUID claimToken, ItemFailure failure, int cap) {
        boolean fenced = claimToken != null;
        Optional<PlainSql> oneStatement = db.dialect().countAndStoreItemFailure(fenced);
        if (oneStatement.isPresent()) {
            return db.writeOneStatementPlain("record an item failure", (c, d) -> {
                try (PlainStatement store = oneStatement.get().prepare(c)) {
                    bindItemFailure(fence(store, claimToken).uuid("id", runId.value()).number("cap", cap), failure);
                    try (ResultSet counted = store.jdbc().executeQuery()) {
                        return counted.next();
                    }
                }
            });
        }
        return db.inTransactionPlain("record an item failure", (c, d) -> {
            // the update holds the run's row lock until commit, so concurrent writers take slots one by one
            long priorStored;
            try (PlainStatement count = d.countItemFailure(fenced).prepare(c)) {
                fence(count, claimToken).uuid("id", runId.value()).number("cap", cap)
                        .instant("now", failure.occurredAt());
                try (ResultSet counted = count.jdbc().executeQuery()) {
                    if (!counted.next()) {
                        return false;
                    }
                    priorStored = counted.getLong(1);
                }
            }
            if (priorStored < cap) {
                try (PlainStatement insert = INSERT_ITEM_FAILURE.prepare(c)) {
                    bindItemFailure(insert.uuid("id", runId.value()).number("seq", priorStored + 1), failure);
                    insert.jdbc().executeUpdate();
                }
            }
            return true;
        });
    }

    private static void bindItemFailure(PlainStatement statement, ItemFailure failure) throws SQLException {
        statement.string("item_key", failure.itemKey())
                .string("reason_code", failure.reasonCode().value())
                .string("message", failure.message())
                .instant("now", failure.occurredAt());
    }

    private static PlainStatement fence(PlainStatement statement, UUID claimToken) throws SQLException {
        return claimToken == null ? statement : statement.uuid("token", claimToken);
    }

    /** Binds the claim token of a fenced statement; a statement without a claim has no parameter for it. */
    private static <S extends SqlStatement<S>> S fence(S statement, UUID claimToken) {
        return claimToken == null ? statement : statement.bind("token", Binds.uuid(claimToken));
    }

    @Override
    public Optional<Run> end(RunEnd end, Function<Run, Optional<Notification>> notification) {
        return db.inTransaction("end a run", (h, d) -> endIn(h, d, end, notification));
    }

    /** {@link #end} inside the caller's transaction. */
    private static Optional<Run> endIn(Handle h, Dialect d, RunEnd end, Function<Run, Optional<Notification>> notification)
            throws SQLException {
        Optional<Run> ended = endStatement(h, d, end).map(RunRows.INSTANCE).findOne();
        Optional<Notification> note = ended.flatMap(notification);
        if (note.isPresent()) {
            insertNotification(h, note.get());
        }
        return ended;
    }

    private static Query endStatement(Handle h, Dialect d, RunEnd end) {
        Query q = switch (end.kind()) {
            case FINISH -> fence(h.createQuery(d.returning(Sql.claimed(Sql.FINISH, end.claimToken() != null),
                    Sql.RUN_COLUMNS)), end.claimToken());
            case FAIL -> fence(h.createQuery(d.returning(Sql.claimed(Sql.END_WITH_FAILURE + " AND", end.claimToken() != null),
                    Sql.RUN_COLUMNS)), end.claimToken())
                    .bind("status", end.targetStatus(RunCounts.ZERO).storageName());
            case ABORT -> h.createQuery(d.returning(Sql.END_WITH_FAILURE, Sql.RUN_COLUMNS))
                    .bind("status", end.targetStatus(RunCounts.ZERO).storageName());
            case REAP_STALE -> h.createQuery(d.returning(Sql.REAP_STALE, Sql.RUN_COLUMNS))
                    .bind("seen", Binds.instant(end.guard()));
            case REAP_NEVER_STARTED -> h.createQuery(d.returning(Sql.REAP_NEVER_STARTED, Sql.RUN_COLUMNS))
                    .bind("cutoff", Binds.instant(end.guard()));
        };
        if (end.failure() != null) {
            q.bind("reason", end.failure().reasonCode().value()).bind("message", end.failure().message());
        }
        return q.bind("id", Binds.uuid(end.runId().value())).bind("now", Binds.instant(end.at()));
    }

    // ------------------------------------------------------------------ monitoring

    @Override
    public List<Run> page(TenantId tenantId, RunFilter filter, PagePosition position, int limit) {
        RunFilterSql where = RunFilterSql.of(tenantId, filter, true);
        if (position != null) {
            where.beyond(position.direction(), position.createdAt(), position.runId().value());
        }
        boolean nearestNewerFirst = position != null && position.direction() == PagePosition.Direction.NEWER;
        // plain JDBC: the list is the hub's hottest read, and JDBI's per-statement set-up and row mapper
        // cost a good part of a page on H2
        return db.readPlain("list runs", (c, d) -> {
            try (PlainStatement select = PlainSql.of(Sql.listPage(where, nearestNewerFirst)).prepare(c)) {
                where.bind(select);
                select.number("limit", limit);
                List<Run> runs = new ArrayList<>(limit);
                try (ResultSet rows = select.jdbc().executeQuery()) {
                    Run previous = null;
                    while (rows.next()) {
                        // the runs of a page share their tenant and often their type and initiator
                        previous = RunRows.read(rows, previous);
                        runs.add(previous);
                    }
                }
                return runs;
            }
        });
    }

    @Override
    public Map<StatusBucket, Long> countByBucket(TenantId tenantId, RunFilter filter) {
        RunFilterSql where = RunFilterSql.of(tenantId, filter, false);
        return db.read("count runs", (h, d) -> {
            Map<StatusBucket, Long> counts = new EnumMap<>(StatusBucket.class);
            where.bind(h.createQuery(Sql.countByBucket(where)))
                    .map((rs, ctx) -> Map.entry(StatusBucket.parse(rs.getString("bucket")), rs.getLong("runs")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        });
    }

    @Override
    public List<RunTypeStatistics> statistics(StatisticsQuery query) {
        return db.read("read run statistics", (h, d) -> {
            Optional<StatisticsRollup> rollup = d.vendor() == DatabaseVendor.POSTGRESQL ? StatisticsRollup.plan(query)
                    : Optional.empty();
            if (rollup.isEmpty()) {
                return new StatisticsSql(query, d.vendor()).read(h);
            }
            if (!rollup.get().rolledUp(h)) {
                // on the read's own connection, so a pool of one connection is enough
                h.useTransaction(t -> rollup.get().rollUp(t));
            }
            return rollup.get().read(h);
        });
    }

    @Override
    public Optional<StoredDetail> detail(TenantId tenantId, RunId runId) {
        return db.read("read a run's detail", (h, d) -> {
            long[] failureCounts = new long[2];
            Optional<Run> run = h.createQuery(Sql.SELECT_RUN_IN_TENANT)
                    .bind("tenant", tenantId.value())
                    .bind("id", Binds.uuid(runId.value()))
                    .map((rs, ctx) -> {
                        failureCounts[0] = rs.getLong("failures_recorded");
                        failureCounts[1] = rs.getLong("failures_stored");
                        return RunRows.read(rs);
                    })
                    .findOne();
            if (run.isEmpty()) {
                return Optional.empty();
            }
            // seq <= the stored count just read: the list matches the counts even while a worker adds more
            List<ItemFailure> failures = h.createQuery(Sql.SELECT_ITEM_FAILURES)
                    .bind("id", Binds.uuid(runId.value()))
                    .bind("stored", failureCounts[1])
                    .map((rs, ctx) -> new ItemFailure(rs.getString("item_key"), ReasonCode.of(rs.getString("reason_code")),
                            rs.getString("message"), Binds.instant(rs, "occurred_at")))
                    .list();
            return Optional.of(new StoredDetail(run.get(), failures, Math.max(0, failureCounts[0] - failureCounts[1])));
        });
    }

    // ------------------------------------------------------------------ maintenance

    @Override
    public List<StaleCandidate> staleRunning(HeartbeatCutoffs cutoffs, int limit) {
        StaleRunSql staleSql = new StaleRunSql(cutoffs);
        return db.read("find stale runs", (h, d) -> staleSql.bind(h.createQuery(staleSql.sql()), limit)
                .map((rs, ctx) -> new StaleCandidate(new RunId(Binds.uuid(rs, "id")), RunType.of(rs.getString("run_type")),
                        Binds.instant(rs, "heartbeat_at")))
                .list());
    }

    @Override
    public List<StaleCandidate> neverStarted(Instant createdBefore, int limit) {
        return db.read("find runs never started", (h, d) -> h.createQuery(Sql.NEVER_STARTED_CANDIDATES)
                .bind("cutoff", Binds.instant(createdBefore))
                .bind("limit", limit)
                .map((rs, ctx) -> new StaleCandidate(new RunId(Binds.uuid(rs, "id")), RunType.of(rs.getString("run_type")),
                        Binds.instant(rs, "created_at")))
                .list());
    }

    @Override
    public int purgeEnded(Instant finishedBefore, int limit) {
        return db.inTransaction("purge ended runs", (h, d) -> d.purgeBatch(h, finishedBefore, limit));
    }

    // ------------------------------------------------------------------ notifications

    @Override
    public List<Notification> notifications(TenantId tenantId, String userId, boolean unreadOnly, int limit) {
        return db.read("list notifications", (h, d) -> h
                .createQuery(unreadOnly ? Sql.INBOX_UNREAD : Sql.INBOX)
                .bind("tenant", tenantId.value())
                .bind("user", userId)
                .bind("limit", limit)
                .map(NotificationRows.INSTANCE)
                .list());
    }

    @Override
    public int markRead(TenantId tenantId, String userId, Set<UUID> ids, Instant at) {
        List<UUID> unique = new ArrayList<>(ids);
        return db.inTransaction("mark notifications read", (h, d) -> {
            if (unique.isEmpty()) {
                return bindOwner(h.createUpdate(Sql.MARK_ALL_READ), tenantId, userId, at).execute();
            }
            int changed = 0;
            for (int from = 0; from < unique.size(); from += IDS_PER_STATEMENT) {
                List<UUID> chunk = unique.subList(from, Math.min(unique.size(), from + IDS_PER_STATEMENT));
                StringBuilder in = new StringBuilder("(");
                for (int i = 0; i < chunk.size(); i++) {
                    in.append(i == 0 ? ":id" : ", :id").append(i);
                }
                Update update = bindOwner(h.createUpdate(Sql.MARK_READ_PREFIX + in.append(')')), tenantId, userId, at);
                for (int i = 0; i < chunk.size(); i++) {
                    update.bind("id" + i, Binds.uuid(chunk.get(i)));
                }
                changed += update.execute();
            }
            return changed;
        });
    }

    // ------------------------------------------------------------------ visits

    @Override
    public Optional<Instant> lastVisit(TenantId tenantId, String userId) {
        return db.read("read a visit", (h, d) -> h.createQuery(Sql.LAST_VISIT)
                .bind("tenant", tenantId.value())
                .bind("user", userId)
                .map((rs, ctx) -> Binds.instant(rs, "visited_at"))
                .findOne());
    }

    @Override
    public void recordVisit(TenantId tenantId, String userId, Instant at) {
        // auto-commit: one statement on PostgreSQL; on H2 a few, each atomic and only ever moving forwards
        db.writeOneStatement("record a visit", (h, d) -> {
            d.recordVisit(h, new Visit(tenantId, userId, at));
            return null;
        });
    }

    private static Update bindOwner(Update update, TenantId tenantId, String userId, Instant at) {
        return update.bind("tenant", tenantId.value()).bind("user", userId).bind("now", Binds.instant(at));
    }
}
