package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's statistics over a window: one {@link RunTypeStatistics} per run type that started, started
 * to work or ended a run in it, by run type.
 *
 * @param tenantId the tenant
 * @param window the window
 * @param runTypes per run type, ordered by run type
 */
public record RunStatistics(TenantId tenantId, StatisticsWindow window, List<RunTypeStatistics> runTypes) {

    /**
     * @param tenantId the tenant
     * @param window the window
     * @param runTypes per run type
     * @throws InvalidRunInputException when a part is null
     */
    public RunStatistics {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(window, "window");
        runTypes = List.copyOf(Checks.notNull(runTypes, "runTypes"));
    }

    /**
     * @param runType a run type
     * @return its statistics, empty when it did nothing in the window
     */
    public Optional<RunTypeStatistics> of(RunType runType) {
        return runTypes.stream().filter(s -> s.runType().equals(runType)).findFirst();
    }
}
