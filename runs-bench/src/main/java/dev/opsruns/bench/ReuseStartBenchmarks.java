package dev.opsruns.bench;

import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code startOrReuse} of a key an active run already holds: the reuse path, which writes nothing.
 * The baseline is the plain SELECT of the active run by tenant and key, reading the same columns.
 * The trial setup makes sure {@value #ACTIVE_RUNS} active runs exist (50 tenants); calls cycle over them.
 */
@State(Scope.Benchmark)
public class ReuseStartBenchmarks {

    static final int ACTIVE_RUNS = 1_000;
    private static final RunType TYPE = RunType.of("drift.generate");

    private Fixture fixture;
    private String selectSql;
    private final String[] tenants = new String[ACTIVE_RUNS];
    private final String[] keys = new String[ACTIVE_RUNS];

    /** Where each thread is in the cycle over the active runs; threads start apart. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = java.util.concurrent.ThreadLocalRandom.current().nextInt(ACTIVE_RUNS);

        int advance() {
            int i = next;
            next = (i + 1) % ACTIVE_RUNS;
            return i;
        }
    }

    /** Opens the pool and starts (or finds) the active runs. */
    @Setup
    public void open() {
        fixture = Fixture.open();
        selectSql = BaselineSql.selectActiveRun(fixture.database());
        for (int i = 0; i < ACTIVE_RUNS; i++) {
            StartRequest request = request(i);
            StartOutcome outcome = fixture.registry.startOrReuse(request);
            tenants[i] = request.tenantId().value();
            keys[i] = outcome.run().idempotencyKey().value();
        }
    }

    /** Closes the pool. */
    @TearDown
    public void close() {
        fixture.close();
    }

    private static StartRequest request(int i) {
        RunContext context = RunContext.builder().put("scope_key", "reuse-" + i).build();
        return StartRequest.bySystem(Fixture.SYSTEM, TenantId.of("rtenant-" + (i % 50)), TYPE, context);
    }

    /**
     * @param cursor this thread's place in the cycle
     * @return the outcome, always {@code Reused}
     */
    @Benchmark
    public StartOutcome library(Cursor cursor) {
        StartOutcome outcome = fixture.registry.startOrReuse(request(cursor.advance()));
        if (!outcome.reused()) {
            throw new IllegalStateException("expected to reuse an active run, but started " + outcome.run().id());
        }
        return outcome;
    }

    /**
     * @param cursor this thread's place in the cycle
     * @return the active run
     * @throws SQLException when the query fails
     */
    @Benchmark
    public RawRun baseline(Cursor cursor) throws SQLException {
        int i = cursor.advance();
        try (Connection c = fixture.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(selectSql)) {
            ps.setString(1, tenants[i]);
            ps.setString(2, keys[i]);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no active run for key " + keys[i]);
                }
                return RawRun.read(rs);
            }
        }
    }
}
