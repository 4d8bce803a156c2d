package dev.opsruns.bench;

import dev.opsruns.core.Principal;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunStatistics;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The statistics read of the busiest tenant ({@value Seeds#STATISTICS_TENANT}: 100,000 runs over the
 * last 30 days among the seeded million, by default) over the last 30 days and the last 24 hours, up
 * to the seeding's reference time, with no filter. The baseline is {@link RawStatistics}: the five
 * aggregate queries a hand-written read sends, on the same pool.
 *
 * <p>The trial setup checks that library and baseline agree on every figure of both windows, so the
 * two measure the same answer.
 */
@State(Scope.Benchmark)
public class StatisticsBenchmarks {

    private static final TenantId TENANT = TenantId.of(Seeds.STATISTICS_TENANT);

    private Fixture fixture;
    private RunQueries queries;
    private Principal viewer;
    private StatisticsWindow month;
    private StatisticsWindow day;

    /** Opens the pool and checks that library and baseline give the same figures. */
    @Setup
    public void open() throws SQLException {
        fixture = Fixture.open();
        queries = fixture.ledger.queries();
        viewer = new Principal("bench-viewer", "Bench Viewer", Map.of(TENANT, TenantRole.READONLY));
        Clock seeded = Clock.fixed(fixture.env.seededAt(), ZoneOffset.UTC);
        month = StatisticsWindow.last30Days(seeded);
        day = StatisticsWindow.last24Hours(seeded);
        for (StatisticsWindow w : List.of(month, day)) {
            RunStatistics library = library(w);
            List<String> differences = baseline(w).differences(library);
            if (library.runTypes().isEmpty() || !differences.isEmpty()) {
                throw new IllegalStateException("statistics of " + TENANT + " over " + w + ": library and baseline differ"
                        + (library.runTypes().isEmpty() ? " (no runs seeded)" : ": " + differences));
            }
        }
    }

    /** Closes the pool. */
    @TearDown
    public void close() {
        fixture.close();
    }

    /** @return the library's statistics of the last 30 days */
    @Benchmark
    public RunStatistics last30DaysLibrary() {
        return library(month);
    }

    /**
     * @return the baseline's figures of the last 30 days
     * @throws SQLException when a query fails
     */
    @Benchmark
    public RawStatistics last30DaysBaseline() throws SQLException {
        return baseline(month);
    }

    /** @return the library's statistics of the last 24 hours */
    @Benchmark
    public RunStatistics last24HoursLibrary() {
        return library(day);
    }

    /**
     * @return the baseline's figures of the last 24 hours
     * @throws SQLException when a query fails
     */
    @Benchmark
    public RawStatistics last24HoursBaseline() throws SQLException {
        return baseline(day);
    }

    private RunStatistics library(StatisticsWindow window) {
        return queries.statistics(viewer, TENANT, RunFilter.ALL, window);
    }

    private RawStatistics baseline(StatisticsWindow window) throws SQLException {
        return RawStatistics.read(fixture.dataSource, fixture.database(), TENANT.value(), window);
    }
}
