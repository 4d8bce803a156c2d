package dev.opsruns.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One MiB inputs built from each rule family's trigger strings (prose names and linking words,
 * command-line tools and flags, connection strings, cookies, webhook paths, Digest parameters, named
 * settings, error bodies, token prefixes, stack traces), and malformed text: never an exception,
 * never super-linear time, never more than 500 characters, and the secret planted among them is gone.
 */
@DisplayName("FailureSanitizer.standard() on adversarial 1 MiB inputs, per rule family")
class SanitizerAdversarialTest {

    private static final int MIB = 1 << 20;

    private static final String SECRET = "Adv3rs4ry!Secret";

    private static final FailureSanitizer SANITIZER = FailureSanitizer.standard();

    static Stream<Arguments> families() {
        return Stream.of(
                // prose
                repeated("prose", "password is "), repeated("prose", "with admin password '"),
                repeated("prose", "password for user bob is "), repeated("prose", "auth_token "), repeated("prose", "API key "),
                repeated("prose", "mot de passe : "), repeated("prose", "密码："), repeated("prose", "token 9f8e7d6c5b4a3928 "),
                repeated("prose", "password for the new "), repeated("prose", "Unseal Key 3: "), repeated("prose", "pass "),
                repeated("prose", "PIN 1234 "), repeated("prose", "credentials a / "),
                repeated("passwords with spaces", "password=a b c d e f "), repeated("passwords with spaces", "\"-Dx.password=a "),
                repeated("passwords with spaces", "DB_PASSWORD=a is "),
                // command lines
                repeated("commands", "mysql -p"), repeated("commands", "sshpass -p '"), repeated("commands", "curl -u a:"),
                repeated("commands", "smbclient -U a%"), repeated("commands", "--password "),
                repeated("commands", "-Dspring.datasource.password="), repeated("commands", "openssl -passin pass:"),
                repeated("commands", "new PDO(\"a\",\"b\",\""), repeated("commands", "sqlplus a/b@"),
                repeated("commands", "scott/tiger@"), repeated("commands", "'"), repeated("commands", "LOGIN a "),
                repeated("commands", "echo a | "), repeated("commands", "AUTH "), repeated("commands", "PASS "),
                repeated("commands", "--auth a:"), repeated("commands", "net user a "), repeated("commands", "IDENTIFIED BY '"),
                repeated("commands", "pgpass a.b:5432:c:d:"), repeated("commands", "/pass:"), repeated("commands", "docker login -p=\""),
                repeated("commands", "lftp -u a,"), repeated("commands", "gh secret set -b "), repeated("prose", "passcode 1234 "),
                repeated("prose", "password has been set to "), repeated("pairs", "Stripe-Signature: t=1,"),
                repeated("formats", "md5"), repeated("prose", "routing_key "), repeated("commands", "USER a PASS "), repeated("formats", "-----BEGIN OpenVPN Static key V1-----"),
                // connection strings and URLs
                repeated("connection strings", "Password=a b;"), repeated("connection strings", "Pwd={"),
                repeated("connection strings", "mongodb://a:b@"), repeated("connection strings", "://a:?#@"),
                repeated("connection strings", "@@@@"),
                // cookies, webhooks, digest, oauth
                repeated("cookies", "Cookie: a=b; "), repeated("cookies", "Set-Cookie: a=b; Expires=Wed, 21 Oct; "),
                repeated("cookies", "Set-Cookie: a=b; Path=/; HttpOnly; "), repeated("authorization", "Token token=\""),
                repeated("connection strings", ";Password=\"a\"\""), repeated("connection strings", ";PASSWORD=a: "),
                repeated("xml", "<token>"),
                repeated("webhooks", "https://hooks.slack.com/services/"), repeated("webhooks", "https://h/hooks/"),
                repeated("digest", "Digest a=\"b\", "), repeated("oauth", "?code="),
                // named settings and JSON
                repeated("named values", "{\"name\":\"DB_PASSWORD\","), repeated("named values", "<add key=\"ApiKey\" "),
                repeated("named values", "\"adminPassword\":{"), repeated("json", "\"value\":\""),
                repeated("json", "{\"code\":\"x\",\"message\":\""), repeated("xml", "<Code>x</Code><"),
                // token formats
                repeated("formats", "xoxb-"), repeated("formats", "AAAA"), repeated("formats", "$2b$12$"),
                repeated("formats", "=="), repeated("formats", "123456789:AA"), repeated("formats", "M.a."),
                repeated("formats", "access_token$production$"), repeated("formats", "AC0123456789abcdef0123456789abcdef "),
                // the prompt answers, word pass phrases, CJK links, bracketed values and generated passwords
                repeated("prompts", "334 UGFzc3dvcmQ6 C: "), repeated("prompts", "expect \"password:\"; send \""),
                repeated("prompts", "com2sec a b "), repeated("prose", "passphrase: a b c "),
                repeated("prose", "mnemonic=a b "), repeated("prose", "密码是"), repeated("pairs", "Credentials=["),
                repeated("pairs", "api%5Fkey%5F"), repeated("entropy", "Ab1!"), repeated("entropy", "sha512-a/b/"),
                repeated("commands", "echo a:b | chpasswd "), repeated("entropy", "[1,2,"), repeated("entropy", "[255,"),
                repeated("pairs", "settings[:api_token] = "), repeated("pairs", "val password: String = \""),
                // malformed text
                repeated("malformed", "\uD800"), repeated("malformed", "\u0000\u0001\u001F"), repeated("malformed", "\u202E\u200B"),
                repeated("malformed", "\\\""),
                Arguments.of("json", "deeply nested JSON", (Supplier<String>) () -> "password=" + SECRET + " "
                        + "{\"a\":".repeat(MIB / 5) + "1" + "}".repeat(MIB / 5)),
                Arguments.of("json", "deeply nested arrays", (Supplier<String>) () -> "password=" + SECRET + " "
                        + "[".repeat(MIB / 2) + "]".repeat(MIB / 2)),
                Arguments.of("stack traces", "Python traceback of 1 MiB of frames, secret on the exception line",
                        (Supplier<String>) () -> "Traceback (most recent call last):\n"
                                + "  File \"/app/x.py\", line 1, in f\n".repeat(MIB / 30) + "ValueError: password=" + SECRET),
                Arguments.of("stack traces", "Node banner with a 1 MiB first line", (Supplier<String>) () ->
                        "x".repeat(MIB) + ".js:1\nError: password=" + SECRET),
                Arguments.of("stack traces", "a million line breaks after the secret", (Supplier<String>) () ->
                        "password=" + SECRET + "\r\n".repeat(MIB / 2)));
    }

    private static Arguments repeated(String family, String unit) {
        Supplier<String> input = () -> "password=" + SECRET + " " + unit.repeat(MIB / unit.length() + 1);
        String name = "\"" + unit.replace("\u0000", "NUL").replace("\uD800", "\\uD800").replace("\uDC00", "\\uDC00") + "\" repeated";
        return Arguments.of(family, name, input);
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("families")
    @DisplayName("complete, never throw, stay capped and keep the secret out")
    void handled(String family, String name, Supplier<String> input) {
        String raw = input.get();
        assertTrue(raw.length() >= MIB, "at least 1 MiB");
        // A hang guard against super-linear work, not a performance target: linear work on 1 MiB takes
        // milliseconds, a quadratic scan of it minutes.
        String output = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SANITIZER.sanitize(raw));
        assertTrue(output.length() <= FailureSanitizer.MAX_LENGTH, "capped");
        assertFalse(output.startsWith("[message omitted"), () -> "a stage failed: " + output);
        assertFalse(output.contains(SECRET), () -> "leaked in: " + output);
        assertFalse(output.chars().anyMatch(c -> Character.isSurrogate((char) c) && !validPair(output, c)),
                "no lone surrogate");
    }

    private static boolean validPair(String s, int c) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                boolean high = Character.isHighSurrogate(s.charAt(i));
                return high ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            }
        }
        return true;
    }

    @Test
    @DisplayName("null, empty and lone surrogates give empty or cleaned text, never an exception")
    void badInput() {
        assertEquals("", SANITIZER.sanitize(null));
        assertEquals("", SANITIZER.sanitize(""));
        assertEquals("a b", SANITIZER.sanitize("a\uD800 \uDFFFb"));
        assertEquals("x", SANITIZER.sanitize("\u0000\u0007x\u001B[0m"));
    }
}
