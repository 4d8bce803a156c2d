package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("StartPolicy, ReusePolicy, ConflictPolicy and caller keys (issue 19)")
class StartPolicyTest {

    private static final RunType DRIFT = RunType.of("drift.generate");
    private static final RunType BACKUP = RunType.of("backup_set.add_policies");

    @Test
    @DisplayName("defaults: active runs only, use the existing run; per-type overrides leave the rest alone")
    void defaultsAndOverrides() {
        StartPolicy p = StartPolicy.defaults().withReuse(DRIFT, ReusePolicy.refuseWithin(Duration.ofHours(1)))
                .withConflict(BACKUP, ConflictPolicy.REPLACE);
        assertEquals(ReusePolicy.activeOnly(), StartPolicy.defaults().reuseFor(DRIFT));
        assertEquals(ReusePolicy.refuseWithin(Duration.ofHours(1)), p.reuseFor(DRIFT));
        assertEquals(ReusePolicy.activeOnly(), p.reuseFor(BACKUP));
        assertEquals(ConflictPolicy.REPLACE, p.conflictFor(BACKUP));
        assertEquals(ConflictPolicy.USE_EXISTING, p.conflictFor(DRIFT));
        assertEquals(StartPolicy.defaults(), RunsConfig.defaults().startPolicy());
    }

    @Test
    @DisplayName("the text forms parse, case-insensitively, and print back")
    void parses() {
        assertEquals(ReusePolicy.activeOnly(), ReusePolicy.parse("active_only"));
        assertEquals(ReusePolicy.restartFailed(), ReusePolicy.parse("RESTART_FAILED"));
        assertEquals(ReusePolicy.reuseSucceededWithin(Duration.ofHours(2)), ReusePolicy.parse("reuse_succeeded_within:PT2H"));
        assertEquals(ReusePolicy.refuseWithin(Duration.ofDays(1)), ReusePolicy.parse("refuse_within:P1D"));
        assertEquals("refuse_within:PT24H", ReusePolicy.refuseWithin(Duration.ofDays(1)).toString());
        assertEquals(ConflictPolicy.REPLACE, ConflictPolicy.parse("replace"));
        assertEquals(ConflictPolicy.USE_EXISTING, ConflictPolicy.parse("Use_Existing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sometimes", "", "active_only:PT1H", "refuse_within", "reuse_succeeded"})
    @DisplayName("an unknown policy is refused naming the accepted forms")
    void unknownPolicy(String text) {
        assertRefused("reusePolicy", () -> ReusePolicy.parse(text), "active_only, restart_failed");
    }

    @Test
    @DisplayName("a window must be positive and at most 366 days; unwindowed kinds take none")
    void windows() {
        assertRefused("reusePolicy.window", () -> ReusePolicy.refuseWithin(Duration.ofSeconds(-1)), "longer than zero");
        assertRefused("reusePolicy.window", () -> ReusePolicy.refuseWithin(Duration.ZERO), "longer than zero");
        assertRefused("reusePolicy.window", () -> ReusePolicy.reuseSucceededWithin(Duration.ofDays(367)), "366 days");
        assertRefused("reusePolicy.window", () -> ReusePolicy.reuseSucceededWithin(null), "required");
        assertRefused("reusePolicy.window", () -> ReusePolicy.parse("refuse_within:soon"), "ISO-8601");
        assertRefused("reusePolicy.window", () -> ReusePolicy.parse("refuse_within:-PT1H"), "longer than zero");
        assertRefused("reusePolicy.window", () -> new ReusePolicy(ReusePolicy.Kind.ACTIVE_ONLY, Duration.ofHours(1)),
                "takes no window");
        assertEquals(ReusePolicy.MAX_WINDOW, ReusePolicy.refuseWithin(Duration.ofDays(366)).window());
        assertRefused("conflictPolicy", () -> ConflictPolicy.parse("overwrite"), "use_existing or replace");
        assertRefused("reusePolicy", () -> StartPolicy.defaults().withReuse(DRIFT, null), "required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "caf\u00e9", "line\nbreak"})
    @DisplayName("a caller key must be 1-255 printable ASCII characters, not blank")
    void badCallerKeys(String key) {
        assertRefused("callerKey", () -> StartRequest.checkCallerKey(key), "");
    }

    @Test
    @DisplayName("caller keys: at most 255 characters, hashed apart from derived keys, the same for every type")
    void callerKeys() {
        assertRefused("callerKey", () -> StartRequest.checkCallerKey("k".repeat(256)), "1-255");
        StartRequest r = StartRequest.bySystem("sys", TenantId.of("t"), DRIFT, RunContext.of(java.util.Map.of())).withCallerKey("k".repeat(255));
        assertEquals(RunIdempotency.forCallerKey("k".repeat(255)), r.idempotencyKey());
        assertNotEquals(r.fingerprint(), r.idempotencyKey());
        assertEquals(RunIdempotency.buildKey(TenantId.of("t"), DRIFT, RunContext.of(java.util.Map.of())), r.fingerprint());
        // golden vector: once shipped, the stored form of a caller key never changes
        assertEquals("3efa94a749ba813cbdbe7c9f3218fd27137a703dc60b69d6e3f7c307796e1dcd",
                RunIdempotency.forCallerKey("order-42").value());
    }
}
