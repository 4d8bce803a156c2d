package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("StaleRunPolicy (DESIGN §11)")
class StaleRunPolicyTest {

    private static final RunType DRIFT = RunType.of("drift.generate");
    private static final RunType BACKUP = RunType.of("backup_set.add_policies");

    @Test
    @DisplayName("defaults: 10 minutes heartbeat, 30 minutes queue, 500 runs a pass")
    void defaults() {
        assertEquals(Duration.ofMinutes(10), StaleRunPolicy.defaults().heartbeatTimeout());
        assertEquals(Duration.ofMinutes(30), StaleRunPolicy.defaults().queueTimeout());
        assertEquals(500, StaleRunPolicy.defaults().maxRunsPerPass());
        assertEquals(Map.of(), StaleRunPolicy.defaults().heartbeatTimeouts());
        assertEquals(Duration.ofMinutes(10), StaleRunPolicy.defaults().heartbeatTimeoutFor(DRIFT));
    }

    @Test
    @DisplayName("a per-type override applies to that type only")
    void override() {
        StaleRunPolicy p = StaleRunPolicy.defaults().withHeartbeatTimeout(DRIFT, Duration.ofHours(1));
        assertEquals(Duration.ofHours(1), p.heartbeatTimeoutFor(DRIFT));
        assertEquals(Duration.ofMinutes(10), p.heartbeatTimeoutFor(BACKUP));
        assertEquals(Duration.ofMinutes(10), StaleRunPolicy.defaults().heartbeatTimeoutFor(DRIFT));
        assertEquals(Duration.ofSeconds(5),
                p.withHeartbeatTimeout(DRIFT, Duration.ofSeconds(5)).heartbeatTimeoutFor(DRIFT));
    }

    @Test
    @DisplayName("copies the overrides, so later changes do not reach it")
    void overridesCopied() {
        Map<RunType, Duration> m = new HashMap<>(Map.of(DRIFT, Duration.ofMinutes(1)));
        StaleRunPolicy p = new StaleRunPolicy(Duration.ofMinutes(10), m, Duration.ofMinutes(30), 10);
        m.put(DRIFT, Duration.ofMinutes(2));
        assertEquals(Duration.ofMinutes(1), p.heartbeatTimeoutFor(DRIFT));
        assertThrows(UnsupportedOperationException.class, () -> p.heartbeatTimeouts().clear());
    }

    @Test
    @DisplayName("refuses zero, negative and null durations, naming the field")
    void badDurationsRefused() {
        assertRefused("heartbeatTimeout",
                () -> new StaleRunPolicy(Duration.ZERO, Map.of(), Duration.ofMinutes(1), 1), "positive duration");
        assertRefused("heartbeatTimeout",
                () -> new StaleRunPolicy(Duration.ofSeconds(-1), Map.of(), Duration.ofMinutes(1), 1), "positive");
        assertRefused("heartbeatTimeout",
                () -> new StaleRunPolicy(null, Map.of(), Duration.ofMinutes(1), 1), "required");
        assertRefused("queueTimeout",
                () -> new StaleRunPolicy(Duration.ofMinutes(1), Map.of(), Duration.ZERO, 1), "positive duration");
        assertRefused("queueTimeout",
                () -> new StaleRunPolicy(Duration.ofMinutes(1), Map.of(), null, 1), "required");
        assertRefused("heartbeatTimeouts",
                () -> new StaleRunPolicy(Duration.ofMinutes(1), null, Duration.ofMinutes(1), 1), "required");
        assertRefused("heartbeatTimeouts",
                () -> StaleRunPolicy.defaults().withHeartbeatTimeout(DRIFT, Duration.ZERO), "positive duration");
        assertRefused("heartbeatTimeouts",
                () -> StaleRunPolicy.defaults().withHeartbeatTimeout(DRIFT, Duration.ofMillis(-1)), "positive");
    }

    @Test
    @DisplayName("refuses a null override or a null run type as invalid input, not a NullPointerException")
    void nullOverridesRefused() {
        assertRefused("heartbeatTimeouts", () -> StaleRunPolicy.defaults().withHeartbeatTimeout(DRIFT, null));
        assertRefused("runType", () -> StaleRunPolicy.defaults().withHeartbeatTimeout(null, Duration.ofMinutes(1)));
        Map<RunType, Duration> nullKey = new HashMap<>();
        nullKey.put(null, Duration.ofMinutes(1));
        assertRefused("heartbeatTimeouts",
                () -> new StaleRunPolicy(Duration.ofMinutes(1), nullKey, Duration.ofMinutes(1), 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100_000})
    @DisplayName("accepts 1 to 100000 runs a pass")
    void boundAccepted(int max) {
        assertEquals(max, new StaleRunPolicy(Duration.ofMinutes(1), Map.of(), Duration.ofMinutes(1), max)
                .maxRunsPerPass());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 100_001})
    @DisplayName("refuses a bound outside 1-100000, naming it")
    void boundRefused(int max) {
        assertRefused("maxRunsPerPass",
                () -> new StaleRunPolicy(Duration.ofMinutes(1), Map.of(), Duration.ofMinutes(1), max),
                "must be 1-100000");
    }
}
