package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * When the reaper ends runs whose worker is gone: running runs whose heartbeat is older
 * than the heartbeat timeout of their run type, and pending runs not started within the queue
 * timeout. One pass ends at most {@code maxRunsPerPass} runs.
 *
 * @param heartbeatTimeout the default heartbeat timeout
 * @param heartbeatTimeouts per-run-type overrides
 * @param queueTimeout how long a run may stay pending
 * @param maxRunsPerPass the most runs one pass ends, 1-100,000
 */
public record StaleRunPolicy(Duration heartbeatTimeout, Map<RunType, Duration> heartbeatTimeouts,
        Duration queueTimeout, int maxRunsPerPass) {

    /** Default heartbeat timeout: 10 minutes. */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofMinutes(10);
    /** Default queue timeout: 30 minutes. */
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofMinutes(30);
    /** Default bound of one pass. */
    public static final int DEFAULT_MAX_RUNS_PER_PASS = 500;

    private static final StaleRunPolicy DEFAULTS = new StaleRunPolicy(DEFAULT_HEARTBEAT_TIMEOUT, Map.of(),
            DEFAULT_QUEUE_TIMEOUT, DEFAULT_MAX_RUNS_PER_PASS);

    /** @return the default thresholds: 10 minutes without a heartbeat, 30 minutes queued, 500 runs a pass */
    public static StaleRunPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * @param heartbeatTimeout the default heartbeat timeout
     * @param heartbeatTimeouts per-run-type overrides
     * @param queueTimeout how long a run may stay pending
     * @param maxRunsPerPass the most runs one pass ends, 1-100,000
     * @throws InvalidRunInputException when a duration is null or not positive, or the bound is out of range
     */
    public StaleRunPolicy {
        positive(heartbeatTimeout, "heartbeatTimeout");
        // Checked before Map.copyOf, which would throw a bare NullPointerException for a null entry.
        Checks.notNull(heartbeatTimeouts, "heartbeatTimeouts").forEach((type, d) -> {
            Checks.notNull(type, "heartbeatTimeouts");
            positive(d, "heartbeatTimeouts");
        });
        heartbeatTimeouts = Map.copyOf(heartbeatTimeouts);
        positive(queueTimeout, "queueTimeout");
        if (maxRunsPerPass < 1 || maxRunsPerPass > 100_000) {
            throw new InvalidRunInputException("maxRunsPerPass", "must be 1-100000, but was " + maxRunsPerPass);
        }
    }

    private static void positive(Duration d, String field) {
        Checks.notNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidRunInputException(field, "must be a positive duration, but was " + d);
        }
    }

    /**
     * @param runType a run type
     * @return the heartbeat timeout for it
     */
    public Duration heartbeatTimeoutFor(RunType runType) {
        return heartbeatTimeouts.getOrDefault(runType, heartbeatTimeout);
    }

    /**
     * @param runType a run type
     * @param timeout its heartbeat timeout
     * @return a copy with this override
     */
    public StaleRunPolicy withHeartbeatTimeout(RunType runType, Duration timeout) {
        HashMap<RunType, Duration> m = new HashMap<>(heartbeatTimeouts);
        m.put(Checks.notNull(runType, "runType"), timeout);
        return new StaleRunPolicy(heartbeatTimeout, m, queueTimeout, maxRunsPerPass);
    }
}
