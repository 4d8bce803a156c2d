package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.HashMap;
import java.util.Map;

/**
 * How starts treat runs that already hold their key, per run type: the {@link ReusePolicy} for ended
 * runs and the {@link ConflictPolicy} for an active one, each with a default. Set it with
 * {@link RunsConfig.Builder#startPolicy}.
 *
 * @param reuse the default reuse policy
 * @param reuseByType per-run-type reuse policies
 * @param conflict the default conflict policy
 * @param conflictByType per-run-type conflict policies
 */
public record StartPolicy(ReusePolicy reuse, Map<RunType, ReusePolicy> reuseByType, ConflictPolicy conflict,
        Map<RunType, ConflictPolicy> conflictByType) {

    private static final StartPolicy DEFAULTS = new StartPolicy(ReusePolicy.activeOnly(), Map.of(),
            ConflictPolicy.USE_EXISTING, Map.of());

    /**
     * @param reuse the default reuse policy
     * @param reuseByType per-run-type reuse policies
     * @param conflict the default conflict policy
     * @param conflictByType per-run-type conflict policies
     * @throws InvalidRunInputException naming a value that is null
     */
    public StartPolicy {
        Checks.notNull(reuse, "reusePolicy");
        Checks.notNull(reuseByType, "reuseByType").forEach((type, p) -> {
            Checks.notNull(type, "reuseByType");
            Checks.notNull(p, "reuseByType");
        });
        reuseByType = Map.copyOf(reuseByType);
        Checks.notNull(conflict, "conflictPolicy");
        Checks.notNull(conflictByType, "conflictByType").forEach((type, p) -> {
            Checks.notNull(type, "conflictByType");
            Checks.notNull(p, "conflictByType");
        });
        conflictByType = Map.copyOf(conflictByType);
    }

    /** @return reuse only active runs and use the existing active run, for every type (today's behaviour) */
    public static StartPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * @param runType a run type
     * @return its reuse policy
     */
    public ReusePolicy reuseFor(RunType runType) {
        return reuseByType.getOrDefault(runType, reuse);
    }

    /**
     * @param runType a run type
     * @return its conflict policy
     */
    public ConflictPolicy conflictFor(RunType runType) {
        return conflictByType.getOrDefault(runType, conflict);
    }

    /**
     * @param value the default reuse policy
     * @return a copy with it
     * @throws InvalidRunInputException when null
     */
    public StartPolicy withReuse(ReusePolicy value) {
        return new StartPolicy(value, reuseByType, conflict, conflictByType);
    }

    /**
     * @param runType a run type
     * @param value its reuse policy
     * @return a copy with this override
     * @throws InvalidRunInputException when null
     */
    public StartPolicy withReuse(RunType runType, ReusePolicy value) {
        Map<RunType, ReusePolicy> m = new HashMap<>(reuseByType);
        m.put(Checks.notNull(runType, "runType"), Checks.notNull(value, "reusePolicy"));
        return new StartPolicy(reuse, m, conflict, conflictByType);
    }

    /**
     * @param value the default conflict policy
     * @return a copy with it
     * @throws InvalidRunInputException when null
     */
    public StartPolicy withConflict(ConflictPolicy value) {
        return new StartPolicy(reuse, reuseByType, value, conflictByType);
    }

    /**
     * @param runType a run type
     * @param value its conflict policy
     * @return a copy with this override
     * @throws InvalidRunInputException when null
     */
    public StartPolicy withConflict(RunType runType, ConflictPolicy value) {
        Map<RunType, ConflictPolicy> m = new HashMap<>(conflictByType);
        m.put(Checks.notNull(runType, "runType"), Checks.notNull(value, "conflictPolicy"));
        return new StartPolicy(reuse, reuseByType, conflict, m);
    }
}
