package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NewFailures")
class NewFailuresTest {

    private static final Instant VISIT = Instant.parse("2026-01-15T09:30:00.123456Z");

    @Test
    @DisplayName("never visited is no visit and nothing new")
    void neverVisited() {
        assertEquals(new NewFailures(Optional.empty(), 0), NewFailures.NEVER_VISITED);
    }

    @Test
    @DisplayName("keeps a visit and its count")
    void visited() {
        NewFailures f = new NewFailures(Optional.of(VISIT), 3);
        assertEquals(Optional.of(VISIT), f.lastVisit());
        assertEquals(3, f.count());
    }

    @Test
    @DisplayName("refuses a null visit, a negative count, and failures without a visit to count them from")
    void refusals() {
        assertRefused("lastVisit", () -> new NewFailures(null, 0));
        assertRefused("count", () -> new NewFailures(Optional.of(VISIT), -1));
        assertRefused("count", () -> new NewFailures(Optional.empty(), 2), "before the first visit");
    }
}
