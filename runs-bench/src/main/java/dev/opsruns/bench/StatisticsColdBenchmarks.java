package dev.opsruns.bench;

import dev.opsruns.core.Principal;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunStatistics;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The first statistics read of the last 30 days, the one that rolls the tenant's settled hours up
 * (PostgreSQL): before every call the tenant's rollup rows and mark are deleted, so each call reads the
 * runs, stores the hours and then answers, as a tenant's first read after an upgrade does. Compare with
 * {@link StatisticsBenchmarks#last30DaysBaseline} (the exact read) and
 * {@link StatisticsBenchmarks#last30DaysLibrary} (every later read).
 */
@State(Scope.Benchmark)
public class StatisticsColdBenchmarks {

    private static final TenantId TENANT = TenantId.of(Seeds.STATISTICS_TENANT);

    private Fixture fixture;
    private Principal viewer;
    private StatisticsWindow month;

    /** Opens the pool. */
    @Setup
    public void open() {
        fixture = Fixture.open();
        viewer = new Principal("bench-viewer", "Bench Viewer", Map.of(TENANT, TenantRole.READONLY));
        month = StatisticsWindow.last30Days(Clock.fixed(fixture.env.seededAt(), ZoneOffset.UTC));
    }

    /**
     * Forgets the tenant's rollup, so the next read builds it again.
     *
     * @throws SQLException when the delete fails
     */
    @Setup(Level.Invocation)
    public void forgetRollup() throws SQLException {
        try (Connection c = fixture.dataSource.getConnection()) {
            for (String table : new String[] {"opsruns_statistics_hours", "opsruns_statistics_marks"}) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ?")) {
                    ps.setString(1, TENANT.value());
                    ps.executeUpdate();
                }
            }
        }
    }

    /** Closes the pool. */
    @TearDown
    public void close() {
        fixture.close();
    }

    /** @return the statistics of the last 30 days, rolling the settled hours up first */
    @Benchmark
    public RunStatistics last30DaysFirstRead() {
        return fixture.ledger.queries().statistics(viewer, TENANT, RunFilter.ALL, month);
    }
}
