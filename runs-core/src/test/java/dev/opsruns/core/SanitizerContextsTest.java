package dev.opsruns.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.internal.CanonicalJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every case of the corpus again, inside the containers real systems put a failure message in: a
 * logger's line prefix, a wrapping exception, a JSON log line's escaped string, a Python exception's
 * repr, a retry remark after it, brackets around it. A rule that found a secret only where its message
 * stood alone would pass the corpus and fail here. Cases the corpus itself still fails, multi-line
 * cases and cases that would pass the output cap when wrapped are left out. Prints recall and
 * precision per container and fails when more cases fail than were measured when it was written.
 */
@DisplayName("FailureSanitizer.standard() on the corpus inside the containers messages arrive in")
class SanitizerContextsTest {

    private static final FailureSanitizer SANITIZER = FailureSanitizer.standard();

    /** Shortest secret looked for inside a container, whose own text holds short words and digits. */
    private static final int MIN_ABSENT = 4;

    /** Longest wrapped input tried: longer ones would meet the output cap, not the rules. */
    private static final int MAX_WRAPPED = 440;

    /** A container, and how it escapes what it holds (applied to the expected strings too). */
    enum Container {
        LOGGER_PREFIX(1, 0, m -> "2026-12-04 10:00:00.123 ERROR 4242 --- [nio-8080-exec-3] c.a.orders.PaymentService : " + m,
                UnaryOperator.identity()),
        WRAPPING_EXCEPTION(1, 0, m -> "java.util.concurrent.ExecutionException: java.lang.RuntimeException: " + m,
                UnaryOperator.identity()),
        JSON_LOG_LINE(4, 4, m -> "{\"level\":\"error\",\"logger\":\"orders\",\"msg\":\"" + json(m)
                + "\",\"thread\":\"main\"}", SanitizerContextsTest::json),
        PYTHON_REPR(8, 1, SanitizerContextsTest::pythonRepr, null),
        RETRY_REMARK(1, 2, m -> m + " (attempt 3 of 5, retrying in 30s)", UnaryOperator.identity()),
        BRACKETS(5, 1, m -> "request failed (" + m + ")", UnaryOperator.identity());

        final int secretMisses;
        final int benignMisses;
        final UnaryOperator<String> wrap;
        final UnaryOperator<String> escape;

        Container(int secretMisses, int benignMisses, UnaryOperator<String> wrap, UnaryOperator<String> escape) {
            this.secretMisses = secretMisses;
            this.benignMisses = benignMisses;
            this.wrap = wrap;
            this.escape = escape;
        }

        /** {@code expected}, a part of {@code message}, as it reads once the message is inside. */
        String escape(String message, String expected) {
            return escape != null ? escape.apply(expected) : pythonEscape(message, expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    @DisplayName("removes the corpus' secrets and keeps its benign messages inside a container")
    void corpusInContainer(Container container) throws IOException {
        List<String> secretProblems = new ArrayList<>();
        List<String> benignProblems = new ArrayList<>();
        int secrets = 0;
        int benign = 0;
        for (String file : SanitizerCorpusTest.FILES) {
            for (SanitizerCorpusTest.Case c : SanitizerCorpusTest.cases(file)) {
                String wrapped = container.wrap.apply(c.input());
                if (c.input().indexOf('\n') >= 0 || wrapped.length() > MAX_WRAPPED
                        || c.problem(SANITIZER.sanitize(c.input())) != null) {
                    continue;
                }
                // a secret's last word of one or two characters ("Bali-Pantai 2") could stand in the container
                List<String> absent = c.absent().stream().filter(a -> a.length() >= MIN_ABSENT).toList();
                SanitizerCorpusTest.Case inside = new SanitizerCorpusTest.Case(c.file(), c.secret(), c.source(), wrapped,
                        absent, c.present().stream().map(p -> container.escape(c.input(), p)).toList(), c.unchanged());
                String problem = inside.problem(SANITIZER.sanitize(wrapped));
                if (c.secret()) {
                    secrets++;
                } else {
                    benign++;
                }
                if (problem != null) {
                    (c.secret() ? secretProblems : benignProblems).add(inside + ": " + problem);
                }
            }
        }
        System.out.printf(Locale.ROOT, "sanitizer corpus in %s: recall %d/%d (%.1f%%), precision %d/%d (%.1f%%)%n",
                container, secrets - secretProblems.size(), secrets, 100.0 * (secrets - secretProblems.size()) / secrets,
                benign - benignProblems.size(), benign, 100.0 * (benign - benignProblems.size()) / benign);
        assertTrue(secrets >= 3000 && benign >= 1000, "cases tried: " + secrets + " secret, " + benign + " benign");
        assertTrue(secretProblems.size() <= container.secretMisses,
                () -> secretProblems.size() + " secrets kept:\n" + String.join("\n", secretProblems));
        assertTrue(benignProblems.size() <= container.benignMisses,
                () -> benignProblems.size() + " benign messages changed:\n" + String.join("\n", benignProblems));
    }

    /** {@code s} as a JSON string's content, escaped as the project's own JSON writer escapes it. */
    static String json(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        CanonicalJson.writeString(s, out);
        return out.substring(1, out.length() - 1);
    }

    /** What Python's repr() of {@code RuntimeError(s)} prints: double quotes if only those avoid escapes. */
    static String pythonRepr(String s) {
        return doubleQuoted(s) ? "RuntimeError(\"" + pythonEscape(s, s) + "\")" : "RuntimeError('" + pythonEscape(s, s) + "')";
    }

    private static boolean doubleQuoted(String s) {
        return s.indexOf('\'') >= 0 && s.indexOf('"') < 0;
    }

    /** {@code part} of {@code message} as repr() escapes it inside the quotes it chose for the message. */
    private static String pythonEscape(String message, String part) {
        String escaped = part.replace("\\", "\\\\");
        return doubleQuoted(message) ? escaped : escaped.replace("'", "\\'");
    }
}
