package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("TenantId: 1-64 printable characters, no whitespace")
class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "acme", "tenant-42", "T_1.eu:west/2", "caf\u00e9", "😀", "a\"b,c:d{e}",
            "0123456789012345678901234567890123456789012345678901234567890123"})
    @DisplayName("accepts 1 to 64 printable characters, punctuation and non-ASCII included")
    void accepted(String value) {
        assertEquals(value, TenantId.of(value).value());
        assertEquals(value, new TenantId(value).toString());
    }

    @Test
    @DisplayName("accepts exactly 1 and exactly 64 characters")
    void boundaries() {
        assertEquals(1, TenantId.of("x").value().length());
        assertEquals(64, TenantId.of("x".repeat(64)).value().length());
        assertEquals(TenantId.MAX_LENGTH, 64);
    }

    @Test
    @DisplayName("refuses the empty string and 65 characters, saying what is accepted")
    void lengthRefused() {
        assertRefused("tenantId", () -> TenantId.of(""), "1-64 printable characters", "0 chars");
        assertRefused("tenantId", () -> TenantId.of("x".repeat(65)), "1-64 printable characters", "65 chars");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "a b", " acme", "acme ", "a\tb", "a\nb", "a\rb", "a\u000bb", "a\u00a0b",
            "a\u2003b", "a\u2028b", "a\u3000b", "a\u0000b", "a\u0007b", "a\u001fb", "a\u007fb", "a\u0085b",
            "a\u200bb", "a\u200eb", "a\ufeffb", "a\ud83db", "a\ude00b", "\ud83d"})
    @DisplayName("refuses whitespace, control, format characters and lone surrogates")
    void unprintableRefused(String value) {
        assertRefused("tenantId", () -> TenantId.of(value), "without whitespace");
    }

    @Test
    @DisplayName("refuses null naming the field")
    void nullRefused() {
        assertRefused("tenantId", () -> TenantId.of(null), "required");
    }

    @Test
    @DisplayName("the message shows the bad value with control characters masked")
    void messageMasksControlCharacters() {
        InvalidRunInputException e = assertRefused("tenantId", () -> TenantId.of("bad\nvalue"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("bad?value"), e.getMessage());
    }

    @Test
    @DisplayName("equality and order follow the value")
    void equalityAndOrder() {
        assertEquals(TenantId.of("acme"), TenantId.of("acme"));
        assertTrue(TenantId.of("a").compareTo(TenantId.of("b")) < 0);
        assertEquals(0, TenantId.of("z").compareTo(TenantId.of("z")));
    }
}
