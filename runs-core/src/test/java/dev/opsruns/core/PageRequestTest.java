package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PageRequest: 1-200 runs, default 50, and an optional cursor")
class PageRequestTest {

    @Test
    @DisplayName("FIRST is the newest page of 50")
    void first() {
        assertEquals(50, PageRequest.DEFAULT_LIMIT);
        assertEquals(200, PageRequest.MAX_LIMIT);
        assertEquals(new PageRequest(50, null), PageRequest.FIRST);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 50, 199, 200})
    @DisplayName("accepts sizes 1 to 200")
    void limitsAccepted(int limit) {
        assertEquals(limit, PageRequest.first(limit).limit());
        assertNull(PageRequest.first(limit).cursor());
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 201, 1000, Integer.MAX_VALUE})
    @DisplayName("refuses sizes outside 1-200, naming limit")
    void limitsRefused(int limit) {
        assertRefused("limit", () -> PageRequest.first(limit), "must be 1-200", "but was " + limit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    @DisplayName("refuses a blank cursor, naming cursor")
    void blankCursorRefused(String cursor) {
        assertRefused("cursor", () -> new PageRequest(10, cursor), "cursor from a previous page");
    }

    @Test
    @DisplayName("at keeps the size and sets the cursor")
    void at() {
        PageRequest r = PageRequest.first(20).at("abc");
        assertEquals(new PageRequest(20, "abc"), r);
        assertRefused("cursor", () -> PageRequest.first(20).at(""));
    }
}
