package dev.opsruns.example.drift;

import dev.opsruns.core.RunContext;
import java.util.Objects;
import java.util.UUID;

/**
 * The context of a {@code drift.generate} run, and so its identity: two starts for the same scope and
 * the same pair of inventory runs are the same operation.
 *
 * @param scopeKey the scope compared
 * @param baselineRunId the older inventory run
 * @param currentRunId the newer inventory run
 */
public record DriftRunContext(String scopeKey, UUID baselineRunId, UUID currentRunId) {

    /** Context key of the scope. */
    public static final String SCOPE_KEY = "scope_key";
    /** Context key of the older inventory run. */
    public static final String BASELINE_RUN_ID = "baseline_run_id";
    /** Context key of the newer inventory run. */
    public static final String CURRENT_RUN_ID = "current_run_id";

    /** Compact constructor: every part is required. */
    public DriftRunContext {
        Objects.requireNonNull(scopeKey, "scopeKey");
        Objects.requireNonNull(baselineRunId, "baselineRunId");
        Objects.requireNonNull(currentRunId, "currentRunId");
    }

    /** @return the run context {@code {scope_key, baseline_run_id, current_run_id}} */
    public RunContext toRunContext() {
        return RunContext.builder()
                .put(SCOPE_KEY, scopeKey)
                .put(BASELINE_RUN_ID, baselineRunId.toString())
                .put(CURRENT_RUN_ID, currentRunId.toString())
                .build();
    }

    /**
     * @param context a run's context
     * @return the drift context it holds
     * @throws IllegalArgumentException when a member is missing or malformed
     */
    public static DriftRunContext from(RunContext context) {
        return new DriftRunContext(
                context.getString(SCOPE_KEY).orElseThrow(() -> new IllegalArgumentException("context has no " + SCOPE_KEY)),
                uuid(context, BASELINE_RUN_ID), uuid(context, CURRENT_RUN_ID));
    }

    private static UUID uuid(RunContext context, String key) {
        String text = context.getString(key).orElseThrow(() -> new IllegalArgumentException("context has no " + key));
        return UUID.fromString(text);
    }
}
