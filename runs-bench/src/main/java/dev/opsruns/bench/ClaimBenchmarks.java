package dev.opsruns.bench;

import dev.opsruns.core.ClaimOutcome;
import dev.opsruns.core.RunId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@code claim} of a pending run: one compare-and-set that takes it as attempt 1 under a new token
 * and returns the row. The baseline is the raw claim a hand-written worker would issue,
 * {@code UPDATE ... SET status = 'running', ... WHERE id = ? AND status = 'pending'}, without a token,
 * an attempt count or the row back. Every call claims a different run: each iteration starts with
 * {@value #RUNS_PER_SECOND} fresh pending runs per second of iteration (inserted in batches, not measured).
 */
@State(Scope.Benchmark)
public class ClaimBenchmarks {

    /**
     * Pending runs per second of iteration, more than either database claims on this machine (about
     * 1,300/s on PostgreSQL, 12,000/s on H2): inserting far more made every H2 iteration's set-up,
     * and the table the later benchmarks work on, grow for minutes.
     */
    private static final int RUNS_PER_SECOND = 25_000;
    private static final String TYPE = "backup_set.add_policies";
    private static final String RAW_CLAIM = """
            UPDATE opsruns_runs SET status = 'running', started_at = ?, heartbeat_at = ?
             WHERE id = ? AND status = 'pending'""";

    private Fixture fixture;
    private final ConcurrentLinkedQueue<UUID> pending = new ConcurrentLinkedQueue<>();
    private volatile int runsPerIteration;

    /** Opens the pool and the ledger. */
    @Setup
    public void open() {
        fixture = Fixture.open();
    }

    /**
     * Inserts this iteration's pending runs.
     *
     * @throws SQLException when the insert fails
     */
    @Setup(Level.Iteration)
    public void insertPendingRuns(BenchmarkParams params) throws SQLException {
        pending.clear();
        long seconds = Math.max(1, Math.max(params.getWarmup().getTime().convertTo(TimeUnit.SECONDS),
                params.getMeasurement().getTime().convertTo(TimeUnit.SECONDS)));
        runsPerIteration = (int) Math.min(100_000, seconds * RUNS_PER_SECOND);
        String sql = BaselineSql.insertRun(fixture.database());
        try (Connection c = fixture.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (int i = 0; i < runsPerIteration; i++) {
                UUID id = RawIds.uuidV7();
                String tenant = "claim-tenant-" + (i % 100);
                String context = "{\"n\":\"" + id + "\"}";
                ps.setObject(1, id);
                ps.setString(2, tenant);
                ps.setString(3, TYPE);
                ps.setString(4, "pending");
                ps.setString(5, RawIds.sha256Hex(tenant + "\n" + TYPE + "\n" + context));
                ps.setString(6, Fixture.SYSTEM);
                ps.setString(7, Fixture.SYSTEM);
                ps.setString(8, context);
                ps.setObject(9, now);
                ps.addBatch();
                pending.add(id);
                if (i % 1_000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
            c.setAutoCommit(true);
        }
    }

    /** Closes the pool. */
    @TearDown
    public void close() {
        fixture.close();
    }

    private UUID next() {
        UUID id = pending.poll();
        if (id == null) {
            throw new IllegalStateException("the iteration claimed all " + runsPerIteration + " runs; raise RUNS_PER_SECOND");
        }
        return id;
    }

    /** @return the outcome, always {@code Claimed} */
    @Benchmark
    public ClaimOutcome library() {
        return fixture.registry.claim(new RunId(next()));
    }

    /**
     * @return rows updated, always 1
     * @throws SQLException when the update fails
     */
    @Benchmark
    public int baseline() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = fixture.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RAW_CLAIM)) {
            ps.setObject(1, now);
            ps.setObject(2, now);
            ps.setObject(3, next());
            return ps.executeUpdate();
        }
    }
}
