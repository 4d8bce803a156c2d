package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RunType: resource.action, each part [a-z][a-z0-9_]*, at most 64 characters")
class RunTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"drift.generate", "backup_set.add_policies", "a.b", "a1.b2", "x_.y__", "inventory.sync_v2"})
    @DisplayName("accepts resource.action")
    void accepted(String value) {
        assertEquals(value, RunType.of(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Drift.generate", "drift.Generate", "drift", "drift.generate.x", "1a.b", "a.1b", "_a.b",
            "a._b", ".generate", "drift.", ".", "", "drift..generate", "drift-x.generate", "drift.gen erate",
            " drift.generate", "drift.generate ", "drift.générer", "drift.generate\n"})
    @DisplayName("refuses anything but two lowercase parts, saying what is accepted")
    void refused(String value) {
        assertRefused("runType", () -> RunType.of(value), "resource.action", "[a-z][a-z0-9_]*", "at most 64");
    }

    @Test
    @DisplayName("accepts 64 characters and refuses 65")
    void lengthBoundary() {
        String sixtyFour = "a." + "b".repeat(62);
        assertEquals(64, sixtyFour.length());
        assertEquals(sixtyFour, RunType.of(sixtyFour).value());
        String sixtyFive = "a." + "b".repeat(63);
        assertRefused("runType", () -> RunType.of(sixtyFive), "at most 64");
        assertRefused("runType", () -> RunType.of("a".repeat(63) + ".b"), "at most 64");
    }

    @Test
    @DisplayName("refuses null naming the field")
    void nullRefused() {
        assertRefused("runType", () -> RunType.of(null), "required");
    }

    @Test
    @DisplayName("splits into resource and action")
    void resourceAndAction() {
        RunType t = RunType.of("backup_set.add_policies");
        assertEquals("backup_set", t.resource());
        assertEquals("add_policies", t.action());
        assertEquals("backup_set.add_policies", t.toString());
    }

    @Test
    @DisplayName("equality and order follow the value")
    void equalityAndOrder() {
        assertEquals(RunType.of("a.b"), new RunType("a.b"));
        assertTrue(RunType.of("a.b").compareTo(RunType.of("a.c")) < 0);
    }
}
