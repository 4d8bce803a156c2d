package dev.opsruns.bench;

import dev.opsruns.core.BucketCounts;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The monitoring page on the seeded million runs: the first list page (50 rows) of one tenant under a
 * run-type filter, a bucket filter and the last 7 days, and the bucket counts (the tabs) under the
 * same type and time filters. Calls cycle over the ten largest tenants (about 5,000 to 32,000 runs
 * each with the default million runs), every one of which fills the page. The baselines are the same
 * predicates written by hand.
 *
 * <p>The trial setup checks that library and baseline agree (same page, same counts) on every tenant,
 * so the two measure the same answer.
 */
@State(Scope.Benchmark)
public class MonitoringBenchmarks {

    static final int PAGE = PageRequest.DEFAULT_LIMIT;
    private static final int TENANTS = 10;
    private static final RunType TYPE = RunType.of("drift.generate");
    private static final StatusBucket BUCKET = StatusBucket.SUCCEEDED;

    private Fixture fixture;
    private RunQueries queries;
    private Principal viewer;
    private final TenantId[] tenants = new TenantId[TENANTS];
    private RunFilter listFilter;
    private RunFilter countFilter;
    private OffsetDateTime from;
    private OffsetDateTime to;

    /** Each thread's place in the cycle over the tenants. */
    @State(Scope.Thread)
    public static class Rotation {
        int next;

        int advance() {
            int i = next;
            next = (i + 1) % TENANTS;
            return i;
        }
    }

    /** Opens the pool and checks that library and baseline give the same answers. */
    @Setup
    public void open() throws SQLException {
        fixture = Fixture.open();
        queries = fixture.ledger.queries();
        Map<TenantId, TenantRole> roles = new HashMap<>();
        for (int i = 0; i < TENANTS; i++) {
            tenants[i] = TenantId.of(String.format("tenant-%04d", i));
            roles.put(tenants[i], TenantRole.READONLY);
        }
        viewer = new Principal("bench-viewer", "Bench Viewer", roles);
        Instant end = fixture.env.seededAt();
        Instant start = end.minus(Duration.ofDays(7));
        from = OffsetDateTime.ofInstant(start, ZoneOffset.UTC);
        to = OffsetDateTime.ofInstant(end, ZoneOffset.UTC);
        countFilter = RunFilter.ALL.withRunTypes(Set.of(TYPE)).withCreatedBetween(start, end);
        listFilter = countFilter.withBuckets(Set.of(BUCKET));
        for (int i = 0; i < TENANTS; i++) {
            checkAgreement(i);
        }
    }

    private void checkAgreement(int i) throws SQLException {
        List<UUID> library = queries.list(viewer, tenants[i], listFilter, PageRequest.first(PAGE)).runs().stream()
                .map(Run::id).map(id -> id.value()).toList();
        List<UUID> baseline = listPage(i).stream().limit(PAGE).map(RawRun::id).toList();
        if (library.isEmpty() || !library.equals(baseline)) {
            throw new IllegalStateException("list of " + tenants[i] + ": library returned " + library.size()
                    + " runs, baseline " + baseline.size() + (library.equals(baseline) ? "" : ", not the same runs"));
        }
        Map<StatusBucket, Long> libraryCounts = queries.countByBucket(viewer, tenants[i], countFilter).counts();
        Map<StatusBucket, Long> baselineCounts = new BucketCounts(countsByBucket(i)).counts();
        if (!libraryCounts.equals(baselineCounts)) {
            throw new IllegalStateException("counts of " + tenants[i] + ": library " + libraryCounts + ", baseline "
                    + baselineCounts);
        }
    }

    /** Closes the pool. */
    @TearDown
    public void close() {
        fixture.close();
    }

    /**
     * @param r this thread's rotation
     * @return the page
     */
    @Benchmark
    public RunPage listLibrary(Rotation r) {
        return queries.list(viewer, tenants[r.advance()], listFilter, PageRequest.first(PAGE));
    }

    /**
     * @param r this thread's rotation
     * @return the page's rows, and one more (which tells whether there is an older page)
     * @throws SQLException when the query fails
     */
    @Benchmark
    public List<RawRun> listBaseline(Rotation r) throws SQLException {
        return listPage(r.advance());
    }

    /**
     * @param r this thread's rotation
     * @return the counts
     */
    @Benchmark
    public BucketCounts countsLibrary(Rotation r) {
        return queries.countByBucket(viewer, tenants[r.advance()], countFilter);
    }

    /**
     * @param r this thread's rotation
     * @return the counts of the buckets that have runs
     * @throws SQLException when the query fails
     */
    @Benchmark
    public Map<StatusBucket, Long> countsBaseline(Rotation r) throws SQLException {
        return countsByBucket(r.advance());
    }

    private List<RawRun> listPage(int tenant) throws SQLException {
        try (Connection c = fixture.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(BaselineSql.LIST_PAGE)) {
            ps.setString(1, tenants[tenant].value());
            ps.setString(2, TYPE.value());
            ps.setString(3, BUCKET.apiName());
            ps.setObject(4, from);
            ps.setObject(5, to);
            ps.setInt(6, PAGE + 1);
            List<RawRun> rows = new ArrayList<>(PAGE + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(RawRun.read(rs));
                }
            }
            return rows;
        }
    }

    private Map<StatusBucket, Long> countsByBucket(int tenant) throws SQLException {
        try (Connection c = fixture.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(BaselineSql.COUNT_BY_BUCKET)) {
            ps.setString(1, tenants[tenant].value());
            ps.setString(2, TYPE.value());
            ps.setObject(3, from);
            ps.setObject(4, to);
            Map<StatusBucket, Long> counts = new EnumMap<>(StatusBucket.class);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(StatusBucket.parse(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        }
    }
}
