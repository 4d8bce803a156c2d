package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ReasonCode: dot-separated [a-z][a-z0-9_]* parts, at most 64 characters")
class ReasonCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"graph.forbidden", "graph.throttled", "drift.baseline_missing", "run.stale",
            "run.never_started", "timeout", "a.b.c", "graph.http.status_429", "x1.y2.z3.w4_"})
    @DisplayName("accepts one or more dot-separated lowercase parts")
    void accepted(String value) {
        assertEquals(value, ReasonCode.of(value).value());
        assertEquals(value, ReasonCode.of(value).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Graph.forbidden", "graph.Forbidden", "1graph", "graph.1x", "_graph", "graph._x",
            "graph.", ".graph", "graph..forbidden", ".", "graph forbidden", "graph-forbidden", "graph/forbidden",
            "graph.forbidden\n", "gräph.x"})
    @DisplayName("refuses anything else, saying what is accepted")
    void refused(String value) {
        assertRefused("reasonCode", () -> ReasonCode.of(value), "dot-separated parts of [a-z][a-z0-9_]*",
                "at most 64");
    }

    @Test
    @DisplayName("accepts 64 characters and refuses 65")
    void lengthBoundary() {
        String sixtyFour = "a.b." + "c".repeat(60);
        assertEquals(64, sixtyFour.length());
        assertEquals(sixtyFour, ReasonCode.of(sixtyFour).value());
        assertRefused("reasonCode", () -> ReasonCode.of(sixtyFour + "c"), "at most 64");
    }

    @Test
    @DisplayName("refuses null naming the field")
    void nullRefused() {
        assertRefused("reasonCode", () -> ReasonCode.of(null), "required");
    }

    @Test
    @DisplayName("the reaper's codes are the ones DESIGN §11 names")
    void reaperCodes() {
        assertEquals("run.stale", ReasonCode.RUN_STALE.value());
        assertEquals("run.never_started", ReasonCode.RUN_NEVER_STARTED.value());
    }
}
