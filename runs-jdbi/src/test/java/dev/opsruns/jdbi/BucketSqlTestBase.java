package dev.opsruns.jdbi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opsruns.core.BucketCounts;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.jdbi.testing.SeedRows;
import dev.opsruns.jdbi.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The SQL side of DESIGN §5: runs seeded directly in every status and every class of counts (zero or
 * more succeeded, zero or more failed; some unreachable through the API), then the stored bucket
 * column, every bucket filter (each subset of buckets) and the counts compared with
 * {@link StatusBucket#of}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class BucketSqlTestBase {

    private static final TenantId TENANT = TenantId.of("bucket-tenant");
    private static final Principal VIEWER = new Principal("viewer", "Viewer", Map.of(TENANT, TenantRole.READONLY));
    private static final RunType TYPE_A = RunType.of("bucket.alpha");
    private static final RunType TYPE_B = RunType.of("bucket.beta");
    private static final Instant T0 = Instant.parse("2026-03-29T00:30:00.000001Z");

    private final Map<RunId, StatusBucket> expected = new HashMap<>();
    private final Map<RunId, RunType> types = new HashMap<>();
    private RunLedger ledger;

    abstract TestDatabase db();

    @BeforeEach
    void seedEveryStatusAndCountClass() {
        ledger = db().emptyLedger(RunsConfig.defaults());
        int i = 0;
        for (RunStatus status : RunStatus.values()) {
            for (long succeeded : new long[] {0, 3}) {
                for (long failed : new long[] {0, 2}) {
                    for (RunType type : List.of(TYPE_A, TYPE_B)) {
                        Instant created = T0.plus(Duration.ofMinutes(i++));
                        RunId id = SeedRows.insert(db(), TENANT, type, status, succeeded, failed, created);
                        expected.put(id, StatusBucket.of(status, new RunCounts(succeeded + failed, succeeded, failed, 0)));
                        types.put(id, type);
                    }
                }
            }
        }
    }

    @Test
    void the_stored_bucket_column_agrees_with_StatusBucket_of_for_every_row() throws SQLException {
        Map<RunId, String> stored = new HashMap<>();
        try (Connection c = db().dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, bucket FROM opsruns_runs")) {
            while (rs.next()) {
                stored.put(new RunId(rs.getObject(1, UUID.class)), rs.getString(2));
            }
        }
        assertEquals(expected.size(), stored.size());
        expected.forEach((id, bucket) -> assertEquals(bucket.apiName(), stored.get(id), "run " + id));
    }

    @Test
    void a_run_read_back_has_the_bucket_StatusBucket_of_gives() {
        expected.forEach((id, bucket) -> assertEquals(bucket, ledger.registry().get(id).bucket()));
    }

    @Test
    void every_subset_of_buckets_filters_exactly_the_runs_in_those_buckets() {
        List<StatusBucket> all = List.of(StatusBucket.values());
        for (int mask = 1; mask < 1 << all.size(); mask++) {
            Set<StatusBucket> chosen = EnumSet.noneOf(StatusBucket.class);
            for (int b = 0; b < all.size(); b++) {
                if ((mask & 1 << b) != 0) {
                    chosen.add(all.get(b));
                }
            }
            Set<RunId> want = expected.entrySet().stream().filter(e -> chosen.contains(e.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertEquals(want, listed(RunFilter.ALL.withBuckets(chosen)), "buckets " + chosen);
            Set<RunId> wantA = want.stream().filter(id -> types.get(id).equals(TYPE_A)).collect(Collectors.toSet());
            assertEquals(wantA, listed(RunFilter.ALL.withBuckets(chosen).withRunTypes(Set.of(TYPE_A))),
                    "buckets " + chosen + " of type " + TYPE_A);
        }
    }

    @Test
    void counts_by_bucket_agree_with_StatusBucket_of_and_ignore_the_filters_buckets() {
        Map<StatusBucket, Long> want = new EnumMap<>(StatusBucket.class);
        expected.values().forEach(b -> want.merge(b, 1L, Long::sum));
        BucketCounts counts = ledger.queries().countByBucket(VIEWER, TENANT, RunFilter.ALL);
        assertEquals(new BucketCounts(want), counts);
        assertEquals(counts, ledger.queries().countByBucket(VIEWER, TENANT,
                RunFilter.ALL.withBuckets(Set.of(StatusBucket.RUNNING))), "the filter's buckets are ignored");

        Map<StatusBucket, Long> wantB = new EnumMap<>(StatusBucket.class);
        expected.forEach((id, b) -> {
            if (types.get(id).equals(TYPE_B)) {
                wantB.merge(b, 1L, Long::sum);
            }
        });
        assertEquals(new BucketCounts(wantB),
                ledger.queries().countByBucket(VIEWER, TENANT, RunFilter.ALL.withRunTypes(Set.of(TYPE_B))));
    }

    @Test
    void counts_respect_the_time_range_from_inclusive_to_exclusive() {
        // the rows were created a minute apart from T0: [T0+5m, T0+9m) holds rows 5..8
        Instant from = T0.plus(Duration.ofMinutes(5));
        Instant to = T0.plus(Duration.ofMinutes(9));
        Set<RunId> inRange = new HashSet<>(listed(RunFilter.ALL.withCreatedBetween(from, to)));
        assertEquals(4, inRange.size());
        assertEquals(4, ledger.queries().countByBucket(VIEWER, TENANT, RunFilter.ALL.withCreatedBetween(from, to)).total());
        for (RunId id : inRange) {
            Instant created = ledger.registry().get(id).createdAt();
            assertEquals(true, !created.isBefore(from) && created.isBefore(to), "created " + created);
        }
    }

    private Set<RunId> listed(RunFilter filter) {
        return ledger.queries().list(VIEWER, TENANT, filter, PageRequest.first(PageRequest.MAX_LIMIT)).runs().stream()
                .map(Run::id).collect(Collectors.toSet());
    }
}
