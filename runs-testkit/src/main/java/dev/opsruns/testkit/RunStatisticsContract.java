package dev.opsruns.testkit;

import static dev.opsruns.testkit.ContractFixtures.BACKUP;
import static dev.opsruns.testkit.ContractFixtures.DRIFT;
import static dev.opsruns.testkit.ContractFixtures.OUTSIDER;
import static dev.opsruns.testkit.ContractFixtures.OWNER_A;
import static dev.opsruns.testkit.ContractFixtures.OWNER_B;
import static dev.opsruns.testkit.ContractFixtures.READONLY_A;
import static dev.opsruns.testkit.ContractFixtures.TENANT_A;
import static dev.opsruns.testkit.ContractFixtures.TENANT_B;
import static dev.opsruns.testkit.ContractFixtures.UNLINKED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.DurationSummary;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.ReasonCount;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunAccessDeniedException;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStatistics;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StatisticsSlot;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.opsruns.core.RunQueries#statistics}: on a few hundred runs of three types
 * with random timings and outcomes (seeded, so a failure repeats), every figure equals a brute-force
 * computation over the same runs as the list returns them; plus windows, filters, access and bad input.
 * Counts and maxima must equal it exactly; percentiles may differ from it by
 * {@link DurationSummary#PERCENTILE_ERROR} of its value plus one microsecond (a store may estimate them
 * from histograms, and both sides round the interpolation): see {@link StatisticsAssertions}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class RunStatisticsContract {

    private static final List<ReasonCode> REASONS = List.of(ReasonCode.of("graph.forbidden"),
            ReasonCode.of("graph.throttled"), ReasonCode.of("source.timeout"), ReasonCode.of("job.unexpected_error"));
    private static final List<RunType> TYPES = List.of(DRIFT, BACKUP, UNLINKED);

    private ContractFixtures fx;

    /**
     * Creates the ledger under test. Called before every test, and again by tests that need another
     * configuration (the earlier ledger is then abandoned).
     *
     * @param config the settings to use, exactly as given (its clock is a {@link ManualClock})
     * @return a ledger over EMPTY state: no runs, failures or notifications in any tenant, on every call
     */
    protected abstract RunLedger createLedger(RunsConfig config);

    /** Opens an empty ledger over the suite's standard configuration. */
    @BeforeEach
    protected final void openEmptyLedger() {
        fx = new ContractFixtures(this::createLedger);
    }

    // ------------------------------------------------------------------ against the brute force

    @Test
    void every_figure_of_every_window_equals_a_brute_force_count_over_the_same_runs() {
        Instant begin = fx.now();
        simulate(new Random(20261201L), TENANT_A, 240, Duration.ofHours(30));
        simulate(new Random(7L), TENANT_B, 40, Duration.ofHours(30));
        Instant end = fx.now();
        List<Run> runs = fx.listAll(OWNER_A, TENANT_A, RunFilter.ALL);
        List<StatisticsWindow> windows = List.of(
                StatisticsWindow.lastHour(fx.clock),
                StatisticsWindow.last24Hours(fx.clock),
                StatisticsWindow.last7Days(fx.clock),
                StatisticsWindow.between(begin.plus(Duration.ofMinutes(97)), end.minus(Duration.ofMinutes(13))),
                new StatisticsWindow(begin, end.plusSeconds(1), Duration.ofMinutes(7)));
        for (StatisticsWindow w : windows) {
            RunStatistics actual = fx.queries().statistics(OWNER_A, TENANT_A, RunFilter.ALL, w);
            assertSame(bruteForce(runs, w, Set.of(), Set.of()), actual, w);
        }
        StatisticsWindow day = StatisticsWindow.last24Hours(fx.clock);
        RunFilter filtered = new RunFilter(Set.of(BACKUP, UNLINKED), Set.of(StatusBucket.FAILED, StatusBucket.RUNNING), null, null);
        assertSame(bruteForce(runs, day, filtered.runTypes(), filtered.buckets()),
                fx.queries().statistics(READONLY_A, TENANT_A, filtered, day), day);
        RunStatistics whole = fx.queries().statistics(OWNER_A, TENANT_A, RunFilter.ALL, windows.get(4));
        assertTrue(whole.runTypes().stream().allMatch(s -> s.endedTotal() > 0 && s.duration().isPresent()
                && s.queueLatency().isPresent() && !s.topFailureReasons().isEmpty()),
                "the simulation gives every type ended runs, durations, latencies and failures: " + whole);
    }

    @Test
    void another_tenants_runs_never_count() {
        simulate(new Random(3L), TENANT_B, 30, Duration.ofHours(2));
        RunStatistics a = fx.queries().statistics(OWNER_A, TENANT_A, RunFilter.ALL, StatisticsWindow.last24Hours(fx.clock));
        assertEquals(List.of(), a.runTypes());
        RunStatistics b = fx.queries().statistics(OWNER_B, TENANT_B, RunFilter.ALL, StatisticsWindow.last24Hours(fx.clock));
        assertEquals(30, b.runTypes().stream().mapToLong(RunTypeStatistics::started).sum());
    }

    @Test
    void a_window_without_ended_runs_still_has_one_empty_slot_per_slot() {
        Run pending = fx.start();
        StatisticsWindow hour = StatisticsWindow.lastHour(fx.clock);
        fx.clock.advance(Duration.ofSeconds(1));
        RunStatistics s = fx.queries().statistics(OWNER_A, TENANT_A, RunFilter.ALL,
                new StatisticsWindow(hour.from(), fx.now(), Duration.ofMinutes(5)));
        RunTypeStatistics drift = s.of(pending.runType()).orElseThrow();
        assertEquals(1, drift.started());
        assertEquals(Map.of(), drift.ended());
        assertEquals(Optional.empty(), drift.duration());
        assertTrue(drift.successRate().isEmpty());
        assertEquals(13, drift.series().size(), "an hour and a second in 5-minute slots");
        assertTrue(drift.series().stream().allMatch(slot -> slot.endedTotal() == 0 && slot.p95Duration().isEmpty()));
    }

    @Test
    void rates_are_shares_of_the_ended_runs() {
        RunRegistry r = fx.registry();
        for (int i = 0; i < 3; i++) {
            r.finish(r.markRunning(fx.start().id()).id());
        }
        r.fail(r.markRunning(fx.start().id()).id(), REASONS.get(0), "forbidden");
        RunTypeStatistics drift = fx.queries().statistics(OWNER_A, TENANT_A, RunFilter.ALL,
                StatisticsWindow.between(fx.now().minusSeconds(60), fx.now().plusSeconds(1))).of(DRIFT).orElseThrow();
        assertEquals(0.75, drift.successRate().orElseThrow(), 1e-9);
        assertEquals(0.25, drift.failureRate().orElseThrow(), 1e-9);
        assertEquals(0.0, drift.partialRate().orElseThrow(), 1e-9);
        assertEquals(List.of(new ReasonCount(REASONS.get(0), 1)), drift.topFailureReasons());
    }

    // ------------------------------------------------------------------ access and bad input

    @Test
    void a_principal_without_a_role_in_the_tenant_is_refused() {
        StatisticsWindow w = StatisticsWindow.lastHour(fx.clock);
        for (var p : List.of(OUTSIDER, OWNER_B)) {
            assertThrows(RunAccessDeniedException.class, () -> fx.queries().statistics(p, TENANT_A, RunFilter.ALL, w), p.userId());
        }
    }

    @Test
    void bad_input_is_refused_before_anything_is_read() {
        StatisticsWindow w = StatisticsWindow.lastHour(fx.clock);
        assertThrows(InvalidRunInputException.class, () -> fx.queries().statistics(null, TENANT_A, RunFilter.ALL, w));
        assertThrows(InvalidRunInputException.class, () -> fx.queries().statistics(OWNER_A, null, RunFilter.ALL, w));
        assertThrows(InvalidRunInputException.class, () -> fx.queries().statistics(OWNER_A, TENANT_A, null, w));
        assertThrows(InvalidRunInputException.class, () -> fx.queries().statistics(OWNER_A, TENANT_A, RunFilter.ALL, null));
        RunFilter bounded = new RunFilter(Set.of(), Set.of(), w.from(), null);
        assertThrows(InvalidRunInputException.class, () -> fx.queries().statistics(OWNER_A, TENANT_A, bounded, w));
        Instant now = fx.now();
        StatisticsWindow tomorrow = StatisticsWindow.between(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
        assertThrows(InvalidRunInputException.class, () -> fx.queries().statistics(OWNER_A, TENANT_A, RunFilter.ALL, tomorrow));
        assertEquals(List.of(), fx.queries().statistics(OWNER_A, TENANT_A, new RunFilter(Set.of(RunType.of("no.such_type")),
                Set.of(), null, null), w).runTypes(), "an unknown run type: nothing, not an error");
        assertThrows(InvalidRunInputException.class, () -> StatisticsWindow.between(now, now));
        assertThrows(InvalidRunInputException.class, () -> StatisticsWindow.between(now, now.minusSeconds(1)));
        assertThrows(InvalidRunInputException.class, () -> StatisticsWindow.between(now.minus(Duration.ofDays(367)), now));
        assertThrows(InvalidRunInputException.class, () -> new StatisticsWindow(now.minus(Duration.ofDays(2)), now,
                Duration.ofMinutes(1)));
        assertThrows(InvalidRunInputException.class, () -> new StatisticsWindow(now.minusSeconds(60), now, Duration.ofMillis(1500)));
        assertThrows(InvalidRunInputException.class, () -> new StatisticsWindow(now.minusSeconds(60), now.plusNanos(1),
                Duration.ofSeconds(10)));
    }

    // ------------------------------------------------------------------ the simulation

    /** One run's plan: when it is created, started, and how and when it ends (null: it does not). */
    private record Plan(TenantId tenant, RunType type, Instant created, Instant started, Instant ended, int outcome,
            long succeeded, long failed) {
    }

    private record Step(Instant at, int order, Plan plan, int kind) {
    }

    /**
     * Starts {@code count} runs over {@code span} and drives them through a random mix of outcomes
     * (never started, running, finished with and without errors, failed with one of four reasons,
     * aborted while pending or running), advancing the clock in time order.
     */
    private void simulate(Random random, TenantId tenant, int count, Duration span) {
        Instant origin = fx.now();
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant created = origin.plusMillis((long) (random.nextDouble() * span.toMillis())).plusNanos(random.nextInt(1000) * 1000L);
            int fate = random.nextInt(10);
            Instant started = fate == 0 ? null : created.plusMillis(50 + random.nextInt(300_000));
            Instant ended = fate <= 1 && random.nextBoolean() ? null
                    : (started == null ? created : started).plusMillis(100 + (long) (random.nextDouble() * random.nextDouble() * 7_200_000L));
            plans.add(new Plan(tenant, TYPES.get(random.nextInt(TYPES.size())), created, started, ended, random.nextInt(5),
                    random.nextInt(20), random.nextInt(4)));
        }
        PriorityQueue<Step> steps = new PriorityQueue<>(Comparator.comparing(Step::at).thenComparing(Step::order));
        int order = 0;
        for (Plan p : plans) {
            steps.add(new Step(p.created(), order++, p, 0));
            if (p.started() != null) {
                steps.add(new Step(p.started(), order++, p, 1));
            }
            if (p.ended() != null) {
                steps.add(new Step(p.ended(), order++, p, 2));
            }
        }
        Map<Plan, RunId> ids = new java.util.HashMap<>();
        RunRegistry r = fx.registry();
        while (!steps.isEmpty()) {
            Step step = steps.poll();
            fx.clock.set(step.at());
            Plan p = step.plan();
            switch (step.kind()) {
                case 0 -> ids.put(p, fx.start(ownerOf(p.tenant()), p.tenant(), p.type(), fx.uniqueContext()).id());
                case 1 -> {
                    RunId id = ids.get(p);
                    r.markRunning(id);
                    if (p.succeeded() > 0) {
                        r.recordProgress(id, ProgressDelta.succeeded(p.succeeded()));
                    }
                    for (long f = 0; f < p.failed(); f++) {
                        r.recordItemFailure(id, "item-" + f, REASONS.get(0), "item " + f + " failed");
                    }
                }
                default -> {
                    RunId id = ids.get(p);
                    if (p.started() == null) {
                        r.abort(id, REASONS.get((int) (p.succeeded() % REASONS.size())), "stopped before it began");
                    } else {
                        switch (p.outcome()) {
                            case 0, 1 -> r.finish(id);
                            case 2, 3 -> r.fail(id, REASONS.get((int) (p.succeeded() % REASONS.size())), "gave up");
                            default -> r.abort(id, REASONS.get(3), "stopped by an operator");
                        }
                    }
                }
            }
        }
        fx.clock.set(fx.clock.instant().plusSeconds(1));
    }

    private static dev.opsruns.core.Principal ownerOf(TenantId tenant) {
        return tenant.equals(TENANT_A) ? OWNER_A : OWNER_B;
    }

    // ------------------------------------------------------------------ the brute force

    private static List<RunTypeStatistics> bruteForce(List<Run> runs, StatisticsWindow w, Set<RunType> types,
            Set<StatusBucket> buckets) {
        Map<RunType, List<Run>> byType = new TreeMap<>();
        for (Run run : runs) {
            if ((types.isEmpty() || types.contains(run.runType())) && (buckets.isEmpty() || buckets.contains(run.bucket()))) {
                byType.computeIfAbsent(run.runType(), k -> new ArrayList<>()).add(run);
            }
        }
        List<RunTypeStatistics> out = new ArrayList<>();
        byType.forEach((type, list) -> {
            long started = list.stream().filter(r -> in(w, r.createdAt())).count();
            List<Run> ended = list.stream().filter(r -> r.finishedAt() != null && in(w, r.finishedAt())).toList();
            List<Run> startedIn = list.stream().filter(r -> r.startedAt() != null && in(w, r.startedAt())).toList();
            if (started == 0 && ended.isEmpty() && startedIn.isEmpty()) {
                return;
            }
            Map<StatusBucket, Long> endedByBucket = new EnumMap<>(StatusBucket.class);
            ended.forEach(r -> endedByBucket.merge(r.bucket(), 1L, Long::sum));
            List<Run> timed = ended.stream().filter(r -> r.startedAt() != null).toList();
            Map<ReasonCode, Long> reasons = new TreeMap<>(Comparator.comparing(ReasonCode::value));
            ended.stream().filter(r -> r.bucket() == StatusBucket.FAILED && r.failure() != null)
                    .forEach(r -> reasons.merge(r.failure().reasonCode(), 1L, Long::sum));
            List<ReasonCount> top = reasons.entrySet().stream()
                    .sorted(Map.Entry.<ReasonCode, Long>comparingByValue().reversed().thenComparing(e -> e.getKey().value()))
                    .limit(RunTypeStatistics.TOP_REASONS).map(e -> new ReasonCount(e.getKey(), e.getValue())).toList();
            List<StatisticsSlot> series = new ArrayList<>();
            for (Instant slotStart : w.slotStarts()) {
                Instant slotEnd = slotStart.plus(w.step()).isAfter(w.to()) ? w.to() : slotStart.plus(w.step());
                List<Run> inSlot = ended.stream().filter(r -> !r.finishedAt().isBefore(slotStart) && r.finishedAt().isBefore(slotEnd)).toList();
                Map<StatusBucket, Long> slotEnded = new EnumMap<>(StatusBucket.class);
                inSlot.forEach(r -> slotEnded.merge(r.bucket(), 1L, Long::sum));
                long[] d = micros(inSlot.stream().filter(r -> r.startedAt() != null).map(r -> between(r.startedAt(), r.finishedAt())).toList());
                series.add(new StatisticsSlot(slotStart, slotEnded, d.length == 0 ? Optional.empty()
                        : Optional.of(Duration.of(percentile(d, 0.95), ChronoUnit.MICROS))));
            }
            out.add(new RunTypeStatistics(type, started, endedByBucket,
                    summary(timed.stream().map(r -> between(r.startedAt(), r.finishedAt())).toList()),
                    summary(startedIn.stream().map(r -> between(r.createdAt(), r.startedAt())).toList()), top, series));
        });
        return out;
    }

    private static boolean in(StatisticsWindow w, Instant at) {
        return !at.isBefore(w.from()) && at.isBefore(w.to());
    }

    private static long between(Instant a, Instant b) {
        return ChronoUnit.MICROS.between(a, b);
    }

    private static long[] micros(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v;
    }

    private static Optional<DurationSummary> summary(List<Long> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        long[] v = micros(values);
        return Optional.of(new DurationSummary(Duration.of(percentile(v, 0.5), ChronoUnit.MICROS),
                Duration.of(percentile(v, 0.95), ChronoUnit.MICROS), Duration.of(v[v.length - 1], ChronoUnit.MICROS), v.length));
    }

    /** The textbook continuous percentile: rank p(n-1), interpolated between its two neighbours. */
    private static long percentile(long[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int below = (int) rank;
        int above = Math.min(below + 1, sorted.length - 1);
        return Math.round(sorted[below] + (rank - below) * (sorted[above] - sorted[below]));
    }

    private static void assertSame(List<RunTypeStatistics> expected, RunStatistics actual, StatisticsWindow w) {
        String where = "window " + w;
        assertEquals(TENANT_A, actual.tenantId(), where);
        assertEquals(w, actual.window(), where);
        StatisticsAssertions.assertAgree(expected, actual.runTypes(), where);
    }
}
