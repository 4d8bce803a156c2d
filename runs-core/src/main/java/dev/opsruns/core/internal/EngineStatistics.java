package dev.opsruns.core.internal;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.ReasonCount;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunStatistics;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatisticsSlot;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.RunStore;
import dev.opsruns.core.spi.StatisticsQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statistics read after its access check: asks the store for the aggregates, then gives every run
 * type the same shape (a slot for every slot of the window, the most frequent reason codes first, run
 * types in order), so no store has to.
 */
final class EngineStatistics {

    private final RunStore store;
    private final Clock clock;

    EngineStatistics(RunStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    RunStatistics read(TenantId tenantId, RunFilter filter, StatisticsWindow window) {
        Checks.notNull(filter, "filter");
        Checks.notNull(window, "window");
        if (filter.from() != null || filter.to() != null) {
            throw new InvalidRunInputException("filter", "must not bound createdAt for statistics: the window is the range");
        }
        if (filter.endedFrom() != null) {
            throw new InvalidRunInputException("filter", "must not bound the end time for statistics: the window is the range");
        }
        Instant now = Times.now(clock);
        if (window.from().isAfter(now)) {
            throw new InvalidRunInputException("window", "starts in the future (" + window.from() + ", now " + now
                    + "): nothing has happened there yet");
        }
        List<RunTypeStatistics> stored = store.statistics(new StatisticsQuery(tenantId, filter.runTypes(), filter.buckets(),
                window, now));
        List<RunTypeStatistics> shaped = new ArrayList<>();
        for (RunTypeStatistics s : stored) {
            shaped.add(new RunTypeStatistics(s.runType(), s.started(), s.ended(), s.duration(), s.queueLatency(),
                    topReasons(s.topFailureReasons()), fullSeries(window, s.series())));
        }
        shaped.sort(Comparator.comparing(RunTypeStatistics::runType));
        return new RunStatistics(tenantId, window, shaped);
    }

    private static List<ReasonCount> topReasons(List<ReasonCount> all) {
        return all.stream()
                .sorted(Comparator.comparingLong(ReasonCount::runs).reversed().thenComparing(r -> r.reasonCode().value()))
                .limit(RunTypeStatistics.TOP_REASONS)
                .toList();
    }

    private static List<StatisticsSlot> fullSeries(StatisticsWindow window, List<StatisticsSlot> stored) {
        Map<Instant, StatisticsSlot> byStart = new HashMap<>();
        for (StatisticsSlot slot : stored) {
            byStart.put(slot.start(), slot);
        }
        List<StatisticsSlot> series = new ArrayList<>();
        for (Instant start : window.slotStarts()) {
            series.add(byStart.getOrDefault(start, new StatisticsSlot(start, Map.of(), Optional.empty())));
        }
        return series;
    }
}
