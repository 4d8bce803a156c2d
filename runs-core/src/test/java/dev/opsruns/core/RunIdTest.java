package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RunId: a time-ordered version 7 UUID")
class RunIdTest {

    private static Clock at(long epochMillis) {
        return Clock.fixed(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    @Test
    @DisplayName("generated ids are version 7, variant 2, and embed the clock's milliseconds")
    void generatedIdsAreV7() {
        long millis = Instant.parse("2024-06-01T12:34:56.789Z").toEpochMilli();
        for (int i = 0; i < 1000; i++) {
            UUID u = RunId.generate(at(millis)).value();
            assertEquals(7, u.version());
            assertEquals(2, u.variant());
            assertEquals(millis, u.getMostSignificantBits() >>> 16);
        }
    }

    @Test
    @DisplayName("ids from later clock ticks compare greater, one millisecond apart")
    void orderedAcrossTicks() {
        long start = Instant.parse("2024-06-01T00:00:00Z").toEpochMilli();
        List<RunId> ids = new ArrayList<>();
        for (long t = start; t < start + 2000; t++) {
            ids.add(RunId.generate(at(t)));
        }
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " !< " + ids.get(i));
            assertTrue(ids.get(i).compareTo(ids.get(i - 1)) > 0);
        }
    }

    @Test
    @DisplayName("order is unsigned: ids past 2^47 ms (where UUID.compareTo turns negative) still sort later")
    void unsignedOrder() {
        RunId before = RunId.generate(at((1L << 47) - 1));
        RunId after = RunId.generate(at(1L << 47));
        assertTrue(before.compareTo(after) < 0);
        assertTrue(after.compareTo(before) > 0);
        assertTrue(before.value().compareTo(after.value()) > 0, "precondition: UUID.compareTo is signed");
    }

    @Test
    @DisplayName("order follows the text form, so ids sort the same as strings")
    void orderMatchesTextOrder() {
        List<RunId> ids = new ArrayList<>();
        for (long t : new long[] {1, 1L << 20, 1L << 40, (1L << 47) + 5, (1L << 48) - 1}) {
            ids.add(RunId.generate(at(t)));
        }
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0);
            assertTrue(ids.get(i - 1).toString().compareTo(ids.get(i).toString()) < 0);
        }
    }

    @Test
    @DisplayName("100,000 ids generated in the same millisecond are all distinct")
    void unique() {
        Clock clock = at(1_700_000_000_000L);
        Set<RunId> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(RunId.generate(clock));
        }
        assertEquals(100_000, ids.size());
    }

    @Test
    @DisplayName("an id equals itself and compares 0 with itself")
    void equality() {
        RunId id = RunId.generate(at(42));
        assertEquals(id, new RunId(id.value()));
        assertEquals(0, id.compareTo(new RunId(id.value())));
        assertNotEquals(id, RunId.generate(at(42)));
    }

    @Test
    @DisplayName("parse round-trips the canonical text form, in either case")
    void parseRoundTrip() {
        RunId id = RunId.generate(Clock.systemUTC());
        assertEquals(id, RunId.parse(id.toString()));
        assertEquals(id, RunId.parse(id.toString().toUpperCase(java.util.Locale.ROOT)));
        assertEquals("0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3c", RunId.parse("0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3c").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0190f5f2-7b1c-4a3e-9c4d-2b6f0e1a2b3c", // version 4
            "0190f5f2-7b1c-1a3e-9c4d-2b6f0e1a2b3c", // version 1
            "00000000-0000-0000-0000-000000000000", // nil
            "0190f5f2-7b1c-7a3e-1c4d-2b6f0e1a2b3c", // version 7 but variant 0
            "0190f5f2-7b1c-7a3e-cc4d-2b6f0e1a2b3c"}) // version 7 but variant 6
    @DisplayName("parse refuses a UUID that is not version 7, variant 2")
    void nonV7Refused(String text) {
        assertRefused("runId", () -> RunId.parse(text), "version 7");
    }

    @Test
    @DisplayName("a random (version 4) UUID is refused by the constructor too")
    void randomUuidRefused() {
        assertRefused("runId", () -> new RunId(UUID.randomUUID()), "version 7", "version 4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-uuid", "0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3", "0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3cd",
            "0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3g", "0190f5f2x7b1cx7a3ex9c4dx2b6f0e1a2b3c",
            "0190f5f27b1c7a3e9c4d2b6f0e1a2b3c", " 0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3c",
            "{0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b}", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"})
    @DisplayName("parse refuses garbage, saying what a run id looks like")
    void garbageRefused(String text) {
        assertRefused("runId", () -> RunId.parse(text), "must be a UUID like");
    }

    @Test
    @DisplayName("null is refused naming the field")
    void nullRefused() {
        assertRefused("runId", () -> RunId.parse(null), "required");
        assertRefused("runId", () -> new RunId(null), "required");
    }
}
