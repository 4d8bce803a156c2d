package dev.opsruns.bench;

import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One operation = {@value #BATCH} new-key starts: {@code startOrReuseAll} of the batch ({@code batch}),
 * {@code startOrReuse} of each element in turn ({@code oneByOne}), and the raw multi-row
 * {@code INSERT ... ON CONFLICT DO NOTHING} of the same rows that a hand-written store would issue
 * ({@code rawMultiRow}, PostgreSQL only). Multiply the ops/s by {@value #BATCH} for starts/s.
 */
@State(Scope.Benchmark)
public class BatchStartBenchmarks {

    /** Starts per operation. */
    static final int BATCH = 100;
    private static final RunType TYPE = RunType.of("drift.generate");

    private Fixture fixture;
    private String rawInsert;

    /** Each thread's own contexts, never repeated. */
    @State(Scope.Thread)
    public static class Keys {
        final String scope = "batch-" + UUID.randomUUID();
        long next;
    }

    /** Opens the pool and the ledger, and builds the raw statement. */
    @Setup
    public void open() {
        fixture = Fixture.open();
        StringBuilder sql = new StringBuilder("""
                INSERT INTO opsruns_runs (id, tenant_id, run_type, status, idempotency_key, initiator_kind,
                                          initiator_id, initiator_name, context, created_at) VALUES """);
        for (int i = 0; i < BATCH; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, 'pending', ?, 'system', ?, ?, CAST(? AS jsonb), ?)");
        }
        rawInsert = sql.append(" ON CONFLICT (tenant_id, idempotency_key) WHERE status IN ('pending', 'running')"
                + " DO NOTHING").toString();
    }

    /** Closes the pool. */
    @TearDown
    public void close() {
        fixture.close();
    }

    private static List<StartRequest> requests(Keys keys) {
        List<StartRequest> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long n = keys.next++;
            batch.add(StartRequest.bySystem(Fixture.SYSTEM, TenantId.of("btenant-" + (n % 100)), TYPE,
                    RunContext.builder().put("scope_key", keys.scope).put("n", n).build()));
        }
        return batch;
    }

    /**
     * @param keys this thread's keys
     * @return the outcomes
     */
    @Benchmark
    public List<StartOutcome> batch(Keys keys) {
        return fixture.registry.startOrReuseAll(requests(keys));
    }

    /**
     * @param keys this thread's keys
     * @return the last outcome
     */
    @Benchmark
    public StartOutcome oneByOne(Keys keys) {
        StartOutcome last = null;
        for (StartRequest r : requests(keys)) {
            last = fixture.registry.startOrReuse(r);
        }
        return last;
    }

    /**
     * @param keys this thread's keys
     * @return rows inserted
     * @throws SQLException when the insert fails
     */
    @Benchmark
    public int rawMultiRow(Keys keys) throws SQLException {
        try (Connection c = fixture.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(rawInsert)) {
            int p = 1;
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (int i = 0; i < BATCH; i++) {
                long n = keys.next++;
                String tenant = "btenant-" + (n % 100);
                String context = "{\"n\":" + n + ",\"scope_key\":\"" + keys.scope + "\"}";
                ps.setObject(p++, RawIds.uuidV7());
                ps.setString(p++, tenant);
                ps.setString(p++, TYPE.value());
                ps.setString(p++, RawIds.sha256Hex(tenant + "\n" + TYPE.value() + "\n" + context));
                ps.setString(p++, Fixture.SYSTEM);
                ps.setString(p++, Fixture.SYSTEM);
                ps.setString(p++, context);
                ps.setObject(p++, now);
            }
            return ps.executeUpdate();
        }
    }
}
