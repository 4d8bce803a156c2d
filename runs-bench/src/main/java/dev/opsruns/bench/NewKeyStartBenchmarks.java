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
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code startOrReuse} with a key no active run holds: a new pending run, one durable commit. The
 * baseline is the plain INSERT of the same row (same columns, the context as JSON) in auto-commit.
 * Each call uses a fresh context, so its idempotency key is new; tenants rotate over 100.
 */
@State(Scope.Benchmark)
public class NewKeyStartBenchmarks {

    private static final RunType TYPE = RunType.of("drift.generate");

    private Fixture fixture;
    private String insertSql;

    /** Each thread's own sequence of contexts, never repeated across threads or trials. */
    @State(Scope.Thread)
    public static class Keys {
        final String scope = "new-" + UUID.randomUUID();
        long next;

        String tenant(long n) {
            return "wtenant-" + (n % 100);
        }
    }

    /** Opens the pool and the ledger. */
    @Setup
    public void open() {
        fixture = Fixture.open();
        insertSql = BaselineSql.insertRun(fixture.database());
    }

    /** Closes the pool. */
    @TearDown
    public void close() {
        fixture.close();
    }

    /**
     * @param keys this thread's keys
     * @return the outcome, always {@code Started}
     */
    @Benchmark
    public StartOutcome library(Keys keys) {
        long n = keys.next++;
        RunContext context = RunContext.builder()
                .put("scope_key", keys.scope).put("baseline_run_id", n).put("current_run_id", n + 1).build();
        return fixture.registry.startOrReuse(StartRequest.bySystem(Fixture.SYSTEM, TenantId.of(keys.tenant(n)), TYPE, context));
    }

    /**
     * @param keys this thread's keys
     * @return rows inserted
     * @throws SQLException when the insert fails
     */
    @Benchmark
    public int baseline(Keys keys) throws SQLException {
        long n = keys.next++;
        String tenant = keys.tenant(n);
        String context = "{\"baseline_run_id\":" + n + ",\"current_run_id\":" + (n + 1) + ",\"scope_key\":\"" + keys.scope + "\"}";
        String key = RawIds.sha256Hex(tenant + "\n" + TYPE.value() + "\n" + context);
        try (Connection c = fixture.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insertSql)) {
            ps.setObject(1, RawIds.uuidV7());
            ps.setString(2, tenant);
            ps.setString(3, TYPE.value());
            ps.setString(4, "pending");
            ps.setString(5, key);
            ps.setString(6, Fixture.SYSTEM);
            ps.setString(7, Fixture.SYSTEM);
            ps.setString(8, context);
            ps.setObject(9, OffsetDateTime.now(ZoneOffset.UTC));
            return ps.executeUpdate();
        }
    }
}
