package dev.opsruns.core;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("FailureSanitizer.standard()")
class FailureSanitizerTest {

    private static final FailureSanitizer SANITIZER = FailureSanitizer.standard();

    private static final String CASES = "/sanitizer-cases.tsv";

    private static final String REDACTED = "[REDACTED]";

    private static final String ELLIPSIS = "\u2026";

    /** One row of {@value #CASES}. */
    record Case(String description, String input, List<String> absent, List<String> present, boolean unchanged) {

        @Override
        public String toString() {
            return description;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = FailureSanitizerTest.class.getResourceAsStream(CASES)) {
            assertNotNull(in, CASES + " is on the test classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                assertEquals(4, columns.length, CASES + ":" + number + " has four tab-separated columns");
                cases.add(new Case(columns[0], columns[1], list(columns[2]), list(columns[3]),
                        columns[3].equals("=")));
            }
        }
        return cases;
    }

    private static List<String> list(String column) {
        if (column.equals("-") || column.equals("=")) {
            return List.of();
        }
        return Arrays.asList(column.split(Pattern.quote("||")));
    }

    private static String sanitize(String raw) {
        return SANITIZER.sanitize(raw);
    }

    private static void assertNoLeak(String output, String secret) {
        assertFalse(output.contains(secret), () -> "leaked \"" + secret + "\" in: " + output);
    }

    @Test
    @DisplayName("redacts a twice-encoded URL's password that comes before a once-encoded one")
    void encodedUrlsInEitherOrder() {
        String out = FailureSanitizer.standard().sanitize("redirect failed: a=http%253A%252F%252Fsvc%253AFirstPw91%2540proxy"
                + " then b=http%3A%2F%2Fops%3ASecondPw77%40cache/x");
        assertNoLeak(out, "FirstPw91");
        assertNoLeak(out, "SecondPw77");
        assertTrue(out.contains("proxy") && out.contains("cache/x"), out);
    }

    @Test
    @DisplayName("is one shared instance")
    void sharedInstance() {
        assertSame(FailureSanitizer.standard(), FailureSanitizer.standard());
    }

    @Nested
    @DisplayName("Given the table of real-looking failure messages")
    class Table {

        @Test
        @DisplayName("the table holds at least 80 cases, credential families and keep-cases both")
        void tableIsLargeEnough() throws IOException {
            List<Case> cases = cases();
            assertTrue(cases.size() >= 80, "cases: " + cases.size());
            assertTrue(cases.stream().filter(Case::unchanged).count() >= 20, "keep-cases");
            assertTrue(cases.stream().filter(c -> !c.absent().isEmpty()).count() >= 60, "credential cases");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("dev.opsruns.core.FailureSanitizerTest#cases")
        @DisplayName("removes each secret and keeps each diagnostic")
        void sanitizes(Case c) {
            String output = sanitize(c.input());
            List<Executable> checks = new ArrayList<>();
            c.absent().forEach(secret -> checks.add(() -> assertNoLeak(output, secret)));
            c.present().forEach(text -> checks.add(() -> assertTrue(output.contains(text),
                    () -> "lost \"" + text + "\" in: " + output)));
            if (c.unchanged()) {
                checks.add(() -> assertEquals(c.input(), output, "nothing to remove, so nothing changes"));
            }
            checks.add(() -> assertTrue(output.length() <= FailureSanitizer.MAX_LENGTH));
            assertAll(c.description(), checks);
        }
    }

    @Nested
    @DisplayName("Never throws and stays within bounds")
    class Bounds {

        @Test
        @DisplayName("null becomes the empty string")
        void nullIsEmpty() {
            assertEquals("", sanitize(null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\n", "\r\n\t ", "\u0000", "\u001B[0m", "\u202E\u2066"})
        @DisplayName("nothing visible becomes the empty string")
        void blankIsEmpty(String raw) {
            assertEquals("", sanitize(raw));
        }

        @Test
        @DisplayName("a short clean message comes back unchanged")
        void cleanMessageUnchanged() {
            assertEquals("Run 42 failed: 3 of 10 items could not be moved",
                    sanitize("Run 42 failed: 3 of 10 items could not be moved"));
        }

        @Test
        @DisplayName("a long message is capped at 500 characters ending in an ellipsis")
        void capped() {
            String raw = "Sync of mailbox number 12345 failed because the remote side closed the connection. "
                    .repeat(30);
            String output = sanitize(raw);
            assertEquals(FailureSanitizer.MAX_LENGTH, output.length());
            assertTrue(output.endsWith(ELLIPSIS), output);
            assertTrue(raw.startsWith(output.substring(0, 450)));
        }

        @Test
        @DisplayName("exactly 500 characters pass; 501 are cut to 500")
        void capBoundary() {
            String five = "abcd ".repeat(100).strip() + "e";
            assertEquals(500, five.length());
            assertEquals(five, sanitize(five));
            String output = sanitize(five + "f");
            assertEquals(500, output.length());
            assertTrue(output.endsWith(ELLIPSIS));
        }

        @Test
        @DisplayName("the cap never splits a surrogate pair")
        void capKeepsSurrogatePairs() {
            String output = sanitize("\uD83D\uDE00".repeat(400));
            assertTrue(output.length() <= FailureSanitizer.MAX_LENGTH);
            String head = output.substring(0, output.length() - 1);
            assertFalse(Character.isHighSurrogate(head.charAt(head.length() - 1)), "no lone high surrogate");
        }

        @Test
        @DisplayName("random mixes of the rules' trigger strings never throw, stay capped and never leak")
        void fuzz() {
            String[] pieces = {"password=", "\"password\":\"", "Bearer ", "Basic ", "eyJ", ".", "-----BEGIN PRIVATE KEY-----",
                "-----END PRIVATE KEY-----", "-----BEGIN ", "://", "a:", "@", "{", "}", "[", "]", "<", ">", "</", "/>",
                "<password>", "\"", "'", "\\", ";", "&", "%3D", "%26", "%3F", "=", ":", " ", "\n", "\t", "\u001B[",
                "\u001B]", "\u202E", "\u0000", "\uD800", "AKIA", "ghp_", "x", "ABCDEFGHIJ0123456789", "Authorization: ",
                "Cookie: ", "Password=", "sig=", "secret: ", "https://u:", "<![CDATA[", "]]>", "aGVsbG8gd29ybGQ="};
            String secret = "FuzzS3cret!";
            Random random = new Random(20240517);
            for (int round = 0; round < 400; round++) {
                StringBuilder raw = new StringBuilder();
                int count = random.nextInt(400);
                int secretAt = random.nextInt(count + 1);
                for (int i = 0; i < count; i++) {
                    if (i == secretAt) {
                        raw.append(" password=").append(secret).append(' ');
                    }
                    raw.append(pieces[random.nextInt(pieces.length)]);
                }
                String input = raw.toString();
                String output = assertDoesNotThrow(() -> sanitize(input));
                assertTrue(output.length() <= FailureSanitizer.MAX_LENGTH);
                assertFalse(output.startsWith("[message omitted"), () -> "a stage failed on: " + input);
                assertNoLeak(output, secret);
            }
        }
    }

    @Nested
    @DisplayName("Stack traces")
    class StackTraces {

        private static final String TRACE = "java.lang.IllegalStateException: sync failed for run 42\n"
                + "\tat com.acme.ops.Sync.run(Sync.java:12)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:840)\n"
                + "Caused by: java.io.IOException: server said token=ghp_qKQ4OVM9bFT5chiRVwlI6xfMTZiUaFFtbuUg\n"
                + "\tat com.acme.ops.Http.send(Http.java:99)\n"
                + "\t... 12 more\n";

        @Test
        @DisplayName("keep the first line and drop frames, causes and '... n more'")
        void firstLineOnly() {
            String output = sanitize(TRACE);
            assertEquals("java.lang.IllegalStateException: sync failed for run 42", output);
            assertFalse(output.contains("at com.acme"));
            assertFalse(output.contains("Caused by"));
            assertFalse(output.contains("more"));
            assertNoLeak(output, "ghp_");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\r\n", "\r", "\u2028", "\u0085"})
        @DisplayName("any line break ends the first line")
        void anyLineBreak(String lineBreak) {
            assertEquals("java.lang.IllegalStateException: sync failed for run 42",
                    sanitize(TRACE.replace("\n", lineBreak)));
        }

        @Test
        @DisplayName("leading blank lines do not hide the message")
        void leadingBlankLines() {
            assertEquals("Error: quota exceeded", sanitize("\n  \n\u200B\nError: quota exceeded\n\tat a.b(C.java:1)"));
        }

        @Test
        @DisplayName("a secret on the first line of a trace is still redacted")
        void secretOnFirstLine() {
            String output = sanitize("java.io.IOException: password=S3cr3t!9\n\tat a.B.c(B.java:1)");
            assertEquals("java.io.IOException: password=" + REDACTED, output);
        }
    }

    @Nested
    @DisplayName("Control characters")
    class ControlCharacters {

        @Test
        @DisplayName("strip ANSI escapes, C0/C1 controls, bidi overrides and zero-width characters; collapse whitespace")
        void stripped() {
            String raw = "\u001B[31;1mERROR\u001B[0m: sync\u0000 failed\u0007 for \u202Eevil\u202C user \u2066x\u2069"
                    + " \t\t at \u00A0 step\u001B(B 3\u200B!\u007F\u0085";
            assertEquals("ERROR: sync failed for evil user x at step 3!", sanitize(raw));
        }

        @Test
        @DisplayName("strip OSC hyperlinks and C1 CSI sequences")
        void oscAndC1() {
            assertEquals("link text 42",
                    sanitize("\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007 text \u009B31m42"));
        }

        @Test
        @DisplayName("no control or formatting character survives, whatever the input holds")
        void noneSurvive() {
            StringBuilder raw = new StringBuilder("start");
            for (char c = 0; c < 0xA0; c++) {
                if (c != '\n' && c != '\r' && c != '\u0085') {
                    raw.append('a').append(c);
                }
            }
            for (char c : "\u00AD\u061C\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069\uFEFF"
                    .toCharArray()) {
                raw.append('b').append(c);
            }
            raw.append("\uDB40\uDC41\uDB40\uDC42 end"); // invisible "tag" characters
            String output = sanitize(raw.toString());
            assertTrue(output.startsWith("start"), output);
            assertTrue(output.endsWith("end"), output);
            output.chars().forEach(c -> {
                assertFalse(Character.isISOControl(c), () -> "control U+" + Integer.toHexString(c));
                assertFalse(Character.getType(c) == Character.FORMAT, () -> "format U+" + Integer.toHexString(c));
                assertFalse(Character.isSurrogate((char) c), () -> "surrogate U+" + Integer.toHexString(c));
            });
        }

        @Test
        @DisplayName("a key split by an invisible character is still recognized")
        void invisibleCharacterInKey() {
            assertEquals("login failed: password=" + REDACTED, sanitize("login failed: pass\u200Bword=hunter2S3cret"));
        }
    }

    @Nested
    @DisplayName("Payload dumps")
    class Payloads {

        private String jsonDump(int items, String extra) {
            StringBuilder json = new StringBuilder("{\"value\":[");
            for (int i = 0; i < items; i++) {
                json.append(i == 0 ? "" : ",").append("{\"id\":\"3fa85f64-5717-4562-b3fc-2c963f66a")
                        .append(String.format("%03d", i)).append("\",\"displayName\":\"Item ").append(i).append("\"}");
            }
            return json.append("]").append(extra).append("}").toString();
        }

        @Test
        @DisplayName("a large JSON body is replaced by a marker with its length")
        void json() {
            String json = jsonDump(60, "");
            String output = sanitize("Graph returned 500 with body " + json + " after 3 retries");
            assertEquals("Graph returned 500 with body [payload omitted: " + json.length() + " chars] after 3 retries",
                    output);
        }

        @Test
        @DisplayName("a large HTML or XML body is replaced by a marker with its length")
        void markup() {
            String html = "<html><head><title>502 Bad Gateway</title></head><body>"
                    + "<p>The upstream server did not answer in time.</p>".repeat(20) + "</body></html>";
            assertEquals("HTTP/1.1 502 Bad Gateway [payload omitted: " + html.length() + " chars]",
                    sanitize("HTTP/1.1 502 Bad Gateway " + html));
        }

        @Test
        @DisplayName("a base64 run of 300 characters is replaced by a marker")
        void base64() {
            byte[] bytes = new byte[225];
            new Random(7).nextBytes(bytes);
            String blob = Base64.getEncoder().encodeToString(bytes);
            assertEquals(300, blob.length());
            assertEquals("attachment content: [payload omitted: 300 chars] rejected",
                    sanitize("attachment content: " + blob + " rejected"));
        }

        @Test
        @DisplayName("a long run without spaces is replaced by a marker")
        void unbrokenRun() {
            String run = "k.v:1,".repeat(400);
            assertEquals("upload failed: [payload omitted: 2400 chars] (413)", sanitize("upload failed: " + run + " (413)"));
        }

        @Test
        @DisplayName("a small JSON body is kept, with its secrets redacted")
        void smallJsonKept() {
            assertEquals("400: {\"error\":\"invalid_client\",\"client_secret\":\"" + REDACTED + "\"}",
                    sanitize("400: {\"error\":\"invalid_client\",\"client_secret\":\"n0t-S0-secret~42\"}"));
        }

        @Test
        @DisplayName("secrets inside a dump disappear with it")
        void secretsInDump() {
            String json = jsonDump(40, ",\"password\":\"DumpS3cret!\",\"token\":\"ghp_qKQ4OVM9bFT5chiRVwlI6xfMTZiUaFFtbuUg\"");
            String output = sanitize("body " + json);
            assertNoLeak(output, "DumpS3cret!");
            assertNoLeak(output, "ghp_");
            assertTrue(output.contains("[payload omitted: " + json.length() + " chars]"), output);
        }

        @Test
        @DisplayName("text after a dump far larger than the redaction window is still redacted")
        void textAfterHugeDump() {
            String json = jsonDump(2000, "");
            assertTrue(json.length() > 100_000);
            assertEquals("body [payload omitted: " + json.length() + " chars] then password=" + REDACTED,
                    sanitize("body " + json + " then password=AfterDump!1"));
        }
    }

    @Nested
    @DisplayName("The redaction window")
    class Window {

        @Test
        @DisplayName("is cut between words, so a token straddling the cut is dropped whole, never shown in part")
        void tokenStraddlingTheCut() {
            // The quoted value shrinks to [REDACTED], so text near the 8 KiB cut would reach the output.
            String head = "password=\"" + "word ".repeat(1620) + "\" ";
            String token = "ghp_qKQ4OVM9bFT5chiRVwlI6xfMTZiUaFFtbuUg";
            String raw = head + "x".repeat(8188 - head.length()) + " " + token + " tail";
            assertTrue(raw.indexOf(token) < 8192 && raw.indexOf(token) + token.length() > 8192, "straddles the cut");
            String output = sanitize(raw);
            assertTrue(output.startsWith("password=\"" + REDACTED + "\""), output);
            assertTrue(output.endsWith(ELLIPSIS), output);
            assertNoLeak(output, "ghp_");
            assertNoLeak(output, "qKQ4");
        }
    }

    @Nested
    @DisplayName("Adversarial 1 MiB inputs")
    class Adversarial {

        private static final int MIB = 1 << 20;

        private static final String SECRET = "Adv3rs4ry!Secret";

        static Stream<Arguments> inputs() {
            return Stream.of(
                    repeated("a="), repeated("a= "), repeated("Bearer "), repeated("Bearer a"), repeated("password="),
                    repeated("password= "), repeated("eyJ"), repeated("eyJa."), repeated("eyJabcd.eyJabcd "),
                    repeated("-----BEGIN "), repeated("-----BEGIN RSA PRIVATE KEY-----"), repeated("-----END "),
                    repeated("\"password\":\""), repeated("\"password\": \"x\", "), repeated("://a:"),
                    repeated("https://a:b@"), repeated("<a "), repeated("<password>"), repeated("<a>x</a>"),
                    repeated("{"), repeated("["), repeated("{\"a\":"), repeated("\\\""), repeated("Authorization: "),
                    repeated("Cookie: a=b; "), repeated(";Password="), repeated("%3D"), repeated("%3Fkey%3D"),
                    repeated("AKIA"), repeated("ghp_"), repeated("sk-"), repeated("x"), repeated("ab+/"),
                    repeated("\u001B["), repeated("\u001B]"), repeated("\u202E"), repeated(" "), repeated("\t\u0000"),
                    repeated("{\"a\":\"}"), repeated("a:b "), repeated("X-Amz-Signature=%26"),
                    Arguments.of("newlines, secret on the first line", (Supplier<String>) () ->
                            "password=" + SECRET + "\n" + "\n".repeat(MIB)),
                    Arguments.of("one huge first line of words", (Supplier<String>) () ->
                            "password=" + SECRET + " " + "lorem ipsum dolor ".repeat(MIB / 18)));
        }

        private static Arguments repeated(String unit) {
            Supplier<String> input = () -> "password=" + SECRET + " " + unit.repeat(MIB / unit.length());
            return Arguments.of("\"" + unit.replace("\u001B", "ESC").replace("\u0000", "NUL") + "\" repeated", input);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("inputs")
        @DisplayName("complete, never throw, stay capped and keep the secret out")
        void handled(String name, Supplier<String> input) {
            String raw = input.get();
            assertTrue(raw.length() >= MIB);
            // A hang guard against catastrophic regex backtracking, not a performance target: linear work on
            // 1 MiB takes milliseconds, a backtracking blow-up would take hours.
            String output = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> sanitize(raw));
            assertTrue(output.length() <= FailureSanitizer.MAX_LENGTH);
            assertFalse(output.startsWith("[message omitted"), output);
            assertNoLeak(output, SECRET);
        }
    }
}
