package dev.opsruns.jdbi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.RunContext;
import org.junit.jupiter.api.Test;

class ContextJsonTest {

    private static final RunContext CONTEXT = RunContext.builder()
            .put("scope_key", "a \"quoted\" value").put("n", 7).build();

    @Test
    void the_expected_context_is_taken_without_parsing_when_the_text_is_its_canonical_json() {
        assertSame(CONTEXT, ContextJson.read(CONTEXT.toJson(), CONTEXT));
    }

    @Test
    void jsonb_spacing_between_tokens_still_counts_as_the_same_text() {
        String spaced = " " + CONTEXT.toJson().replace(":", ": ").replace(",\"", ", \"") + "\n";

        assertTrue(ContextJson.sameApartFromSpacing(spaced, CONTEXT.toJson()), spaced);
        assertSame(CONTEXT, ContextJson.read(spaced, CONTEXT));
    }

    @Test
    void a_difference_inside_a_string_is_a_different_context() {
        assertFalse(ContextJson.sameApartFromSpacing("{\"a\":\"x y\"}", "{\"a\":\"xy\"}"));
        assertFalse(ContextJson.sameApartFromSpacing("{\"a\":\"x\\\" y\"}", "{\"a\":\"x\\\"y\"}"));
        assertFalse(ContextJson.sameApartFromSpacing("{\"a\":\"x\"}", "{\"a\":\"x\",\"b\":1}"));
        assertFalse(ContextJson.sameApartFromSpacing("{\"a\":\"x\",\"b\":1}", "{\"a\":\"x\"}"));
    }

    @Test
    void another_member_order_is_parsed_and_still_reads_as_the_equal_context() {
        RunContext expected = RunContext.builder().put("bb", 1).put("a", 2).build();
        String reordered = "{\"bb\": 1, \"a\": 2}".equals(expected.toJson()) ? "{\"a\": 2, \"bb\": 1}" : "{\"bb\": 1, \"a\": 2}";

        RunContext read = ContextJson.read(reordered, expected);

        assertNotSame(expected, read);
        assertEquals(expected, read);
    }

    @Test
    void a_stored_context_that_differs_is_read_as_stored() {
        RunContext read = ContextJson.read("{\"scope_key\": \"other\"}", CONTEXT);

        assertEquals(RunContext.builder().put("scope_key", "other").build(), read);
    }
}
