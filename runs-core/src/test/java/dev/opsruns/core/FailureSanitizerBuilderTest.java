package dev.opsruns.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("FailureSanitizer.builder()")
class FailureSanitizerBuilderTest {

    private static final String PIN = "448812";

    private static final FailureSanitizer HOST = FailureSanitizer.builder()
            .secretNames("enrolment_code", "X-Acme-Ticket")
            .secretPatterns(Pattern.compile("\\bacme_[a-z0-9]{24}+\\b"))
            .build();

    @Nested
    @DisplayName("Given host secret names")
    class SecretNames {

        @ParameterizedTest
        @ValueSource(strings = {"enrolment failed: enrolment_code=%s (locked)", "enrolment failed: EnrolmentCode: %s",
            "enrolment failed: {\"enrolmentCode\":\"%s\",\"id\":7}",
            "enrolment failed: <ENROLMENT-CODE>%s</ENROLMENT-CODE>", "enrolment failed: X-Acme-Ticket: %s",
            "enrolment failed: acme_enrolment_code=%s", "enrolment failed: --enrolment-code %s",
            "enrolment failed: enrolment code %s7Xq rejected"})
        @DisplayName("redact their values in every shape the standard names are recognized in")
        void redacted(String template) {
            String raw = String.format(template, PIN);
            String output = HOST.sanitize(raw);
            assertFalse(output.contains(PIN), () -> "leaked in: " + output);
            assertTrue(output.startsWith("enrolment failed:"), output);
        }

        @Test
        @DisplayName("leave the standard sanitizer unchanged")
        void standardUnchanged() {
            assertEquals("enrolment failed: enrolment_code=" + PIN, FailureSanitizer.standard().sanitize(
                    "enrolment failed: enrolment_code=" + PIN));
        }

        @Test
        @DisplayName("keep the standard rules")
        void standardRulesKept() {
            String output = HOST.sanitize("password=S3cret!x and ghp_qKQ4OVM9bFT5chiRVwlI6xfMTZiUaFFtbuUg");
            assertEquals("password=[REDACTED] and [REDACTED]", output);
        }
    }

    @Test
    @DisplayName("host patterns are redacted wherever they appear")
    void patterns() {
        assertEquals("sync used [REDACTED] and failed",
                HOST.sanitize("sync used acme_0123456789abcdefghijklmn and failed"));
    }

    @Test
    @DisplayName("plain names keep values the standard vocabulary would redact, but not known token formats")
    void plainNames() {
        FailureSanitizer sanitizer = FailureSanitizer.builder().plainNames("session", "signing_key_id").build();
        assertEquals("batch 7 failed: session=42", sanitizer.sanitize("batch 7 failed: session=42"));
        assertEquals("session=[REDACTED]", sanitizer.sanitize("session=ghp_qKQ4OVM9bFT5chiRVwlI6xfMTZiUaFFtbuUg"));
        assertEquals("batch 7 failed: session=[REDACTED]",
                FailureSanitizer.standard().sanitize("batch 7 failed: session=42"));
    }

    @Test
    @DisplayName("a runaway host pattern is stopped and the message withheld, not leaked and not hung")
    void runawayPattern() {
        FailureSanitizer sanitizer = FailureSanitizer.builder().secretPatterns(Pattern.compile("(.*a){12}b")).build();
        String raw = "a".repeat(1_000) + "c";
        String output = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> sanitizer.sanitize(raw));
        assertEquals("[message omitted: it could not be sanitized]", output);
    }

    @Test
    @DisplayName("builds an immutable sanitizer: later calls on the builder do not change it")
    void immutable() {
        FailureSanitizer.Builder builder = FailureSanitizer.builder().secretNames("enrolment_code");
        FailureSanitizer first = builder.build();
        builder.secretNames("badge_number");
        assertEquals("badge_number=ABCDEF", first.sanitize("badge_number=ABCDEF"));
        assertEquals("badge_number=[REDACTED]", builder.build().sanitize("badge_number=ABCDEF"));
    }

    @Test
    @DisplayName("with nothing added it is the standard sanitizer")
    void nothingAdded() {
        assertSame(FailureSanitizer.standard(), FailureSanitizer.builder().build());
    }

    @Nested
    @DisplayName("Rejects bad input with a reason, naming the bad entry")
    class Validation {

        @Test
        @DisplayName("null, blank, too short and too long names")
        void badNames() {
            FailureSanitizer.Builder b = FailureSanitizer.builder();
            assertThrows(IllegalArgumentException.class, () -> b.secretNames((String[]) null));
            assertThrows(IllegalArgumentException.class, () -> b.secretNames((String) null));
            assertThrows(IllegalArgumentException.class, () -> b.secretNames(" "));
            IllegalArgumentException shortName = assertThrows(IllegalArgumentException.class, () -> b.secretNames("x_y"));
            assertTrue(shortName.getMessage().contains("\"x_y\""), shortName.getMessage());
            assertThrows(IllegalArgumentException.class, () -> b.plainNames("n".repeat(65)));
            assertThrows(IllegalArgumentException.class, () -> b.secretNames(Collections.singletonList(null)));
        }

        @Test
        @DisplayName("patterns that are null or match the empty string")
        void badPatterns() {
            FailureSanitizer.Builder b = FailureSanitizer.builder();
            assertThrows(IllegalArgumentException.class, () -> b.secretPatterns((Pattern) null));
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                    () -> b.secretPatterns(Pattern.compile("x*")));
            assertTrue(empty.getMessage().contains("x*"), empty.getMessage());
        }

        @Test
        @DisplayName("a name given both as secret and as plain")
        void secretAndPlain() {
            FailureSanitizer.Builder b = FailureSanitizer.builder().secretNames("enrolment_code").plainNames("EnrolmentCode");
            assertThrows(IllegalArgumentException.class, b::build);
        }

        @Test
        @DisplayName("more names or patterns than the limits")
        void limits() {
            FailureSanitizer.Builder b = FailureSanitizer.builder();
            for (int i = 0; i < FailureSanitizer.Builder.MAX_NAMES; i++) {
                b.secretNames("name" + i);
            }
            assertThrows(IllegalArgumentException.class, () -> b.secretNames("one_more"));
            FailureSanitizer.Builder p = FailureSanitizer.builder();
            for (int i = 0; i < FailureSanitizer.Builder.MAX_PATTERNS; i++) {
                p.secretPatterns(Pattern.compile("p" + i));
            }
            assertThrows(IllegalArgumentException.class, () -> p.secretPatterns(Pattern.compile("q")));
        }
    }
}
