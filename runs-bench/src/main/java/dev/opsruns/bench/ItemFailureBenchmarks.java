package dev.opsruns.bench;

import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RunId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Recording one item failure: sanitize the message, count it on the run, store the failure row, one
 * transaction. Each thread works on its own running run (as a worker does) and moves to a fresh one
 * every {@value #FAILURES_PER_RUN} failures, well below the store cap, so every call stores a row.
 * The baseline is the same two statements by hand (counter UPDATE returning the sequence number,
 * INSERT of the row) in one transaction, storing the raw message.
 */
@State(Scope.Benchmark)
public class ItemFailureBenchmarks {

    static final int FAILURES_PER_RUN = 5_000;
    private static final ReasonCode REASON = ReasonCode.of("graph.forbidden");
    /** What a Graph client's exception message looks like, bearer token included. */
    static final String RAW_MESSAGE = "Graph API request failed: 403 Forbidden for "
            + "/deviceManagement/configurationPolicies/4c1f0f5e-1b7a-4f0e-9a57-1c2b3d4e5f60 "
            + "(request-id 8d2e5a41-77c3-4e0b-a0f1-9c3b2d1e0f7a, 2024-05-02T10:15:30Z). Authorization: Bearer "
            + "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkJlbmNoIn0."
            + "c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";

    private Fixture fixture;
    private String countSql;
    private String insertRunSql;

    /** The run this thread is failing items of. */
    @State(Scope.Thread)
    public static class WorkerRun {
        RunId libraryRun;
        UUID baselineRun;
        long failures;
    }

    /** Opens the pool. */
    @Setup
    public void open() {
        fixture = Fixture.open();
        countSql = BaselineSql.countItemFailure(fixture.database());
        insertRunSql = BaselineSql.insertRunningRun(fixture.database());
    }

    /** Closes the pool. */
    @TearDown
    public void close() {
        fixture.close();
    }

    /** @param w this thread's run */
    @Benchmark
    public void library(WorkerRun w) {
        if (w.libraryRun == null || w.failures == FAILURES_PER_RUN) {
            w.libraryRun = fixture.startRunning("fail-tenant", "backup_set.add_policies");
            w.failures = 0;
        }
        fixture.registry.recordItemFailure(w.libraryRun, "policy-" + w.failures++, REASON, RAW_MESSAGE);
    }

    /**
     * @param w this thread's run
     * @throws SQLException when a statement fails
     */
    @Benchmark
    public void baseline(WorkerRun w) throws SQLException {
        if (w.baselineRun == null || w.failures == FAILURES_PER_RUN) {
            w.baselineRun = insertRunningRun();
            w.failures = 0;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = fixture.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long seq;
                try (PreparedStatement ps = c.prepareStatement(countSql)) {
                    ps.setObject(1, now);
                    ps.setObject(2, w.baselineRun);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("run " + w.baselineRun + " is not running");
                        }
                        seq = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(BaselineSql.INSERT_ITEM_FAILURE)) {
                    ps.setObject(1, w.baselineRun);
                    ps.setLong(2, seq);
                    ps.setString(3, "policy-" + w.failures++);
                    ps.setString(4, REASON.value());
                    ps.setString(5, RAW_MESSAGE);
                    ps.setObject(6, now);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private UUID insertRunningRun() throws SQLException {
        UUID id = RawIds.uuidV7();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = fixture.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insertRunSql)) {
            ps.setObject(1, id);
            ps.setString(2, "fail-tenant");
            ps.setString(3, "backup_set.add_policies");
            ps.setString(4, RawIds.sha256Hex(id.toString()));
            ps.setString(5, Fixture.SYSTEM);
            ps.setString(6, Fixture.SYSTEM);
            ps.setString(7, "{}");
            ps.setObject(8, now);
            ps.setObject(9, now);
            ps.setObject(10, now);
            ps.executeUpdate();
        }
        return id;
    }
}
