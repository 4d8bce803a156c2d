package dev.opsruns.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Assertions for refused input: the exception type, the field it names and what its message says. */
final class InputAssertions {

    private InputAssertions() {
    }

    /**
     * Asserts that {@code call} throws {@link InvalidRunInputException} naming {@code field}, and that the
     * message (which starts with the field) contains every one of {@code messageParts}.
     */
    static InvalidRunInputException assertRefused(String field, Executable call, String... messageParts) {
        InvalidRunInputException e = assertThrows(InvalidRunInputException.class, call);
        assertEquals(field, e.field(), () -> "field of: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), () -> "expected \"" + part + "\" in: " + e.getMessage());
        }
        return e;
    }
}
