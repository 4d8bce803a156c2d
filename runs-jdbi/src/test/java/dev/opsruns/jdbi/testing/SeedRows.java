package dev.opsruns.jdbi.testing;

import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import dev.opsruns.jdbi.DatabaseVendor;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Inserts runs straight into {@code opsruns_runs}, for states the API cannot reach (a completed run
 * with failed items, say). The rows satisfy every constraint of the schema.
 */
public final class SeedRows {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SeedRows() {
    }

    /**
     * @return the id of a new system-started run with these values; started one second and ended two
     *     seconds after {@code createdAt} as its status requires
     */
    public static RunId insert(TestDatabase db, TenantId tenant, RunType type, RunStatus status, long succeeded,
            long failed, Instant createdAt) {
        RunId id = RunId.generate(Clock.fixed(createdAt, ZoneOffset.UTC));
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String context = db.vendor() == DatabaseVendor.POSTGRESQL ? "CAST(? AS jsonb)" : "? FORMAT JSON";
        String sql = "INSERT INTO opsruns_runs (id, tenant_id, run_type, status, idempotency_key, initiator_kind,"
                + " initiator_id, initiator_name, context, total, succeeded, failed, created_at, started_at,"
                + " heartbeat_at, finished_at, failure_reason, failure_message)"
                + " VALUES (?, ?, ?, ?, ?, 'system', 'seed', 'seed', " + context + ", ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        boolean started = status != RunStatus.PENDING;
        boolean ended = status.isTerminal();
        boolean failure = status == RunStatus.FAILED || status == RunStatus.ABORTED;
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id.value());
            s.setString(2, tenant.value());
            s.setString(3, type.value());
            s.setString(4, status.storageName());
            s.setString(5, HexFormat.of().formatHex(key));
            s.setString(6, "{}");
            s.setLong(7, succeeded + failed);
            s.setLong(8, succeeded);
            s.setLong(9, failed);
            s.setObject(10, utc(createdAt));
            s.setObject(11, started ? utc(createdAt.plus(Duration.ofSeconds(1))) : null);
            s.setObject(12, started ? utc(createdAt.plus(Duration.ofSeconds(1))) : null);
            s.setObject(13, ended ? utc(createdAt.plus(Duration.ofSeconds(2))) : null);
            s.setString(14, failure ? "seed.failure" : null);
            s.setString(15, failure ? "seeded" : null);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("seeding a " + status + " run failed: " + e.getMessage(), e);
        }
        return id;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
