package dev.opsruns.core.spi;

import dev.opsruns.core.RunType;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link RunStore#statistics} aggregates: one tenant's runs of the given types whose current
 * bucket is one of the given ones, over a window.
 *
 * @param tenantId the tenant
 * @param runTypes the run types to include (empty: all)
 * @param buckets the current buckets to include (empty: all)
 * @param window the time range and the slot length of the series
 * @param now the engine's clock when the read was asked for: runs are stamped by that clock, so a store
 *     that keeps summaries of the past (a rollup) knows from it which part of the window can no longer
 *     change
 */
public record StatisticsQuery(TenantId tenantId, Set<RunType> runTypes, Set<StatusBucket> buckets, StatisticsWindow window,
        Instant now) {

    /**
     * @param tenantId the tenant
     * @param runTypes the run types (empty: all)
     * @param buckets the buckets (empty: all)
     * @param window the window
     * @param now the engine's now
     * @throws NullPointerException when a part is null
     */
    public StatisticsQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        runTypes = Set.copyOf(runTypes);
        buckets = Set.copyOf(buckets);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(now, "now");
    }
}
