package dev.opsruns.testkit;

import dev.opsruns.core.FailureSanitizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;

/**
 * Checks a host's own failure messages against a sanitizer: messages with secrets, which must not
 * survive, and messages without, which must come back intact (or keep given parts). Use it in a host's
 * test to prove that its sanitizer, standard or {@link FailureSanitizer#builder() extended}, handles
 * the messages its integrations really print:
 *
 * <pre>{@code
 * SanitizerSamples.of(sanitizer)
 *         .secret("enrolment failed: tenant_pin=448812", "448812")
 *         .kept("Device DESKTOP-4F2K9Q1 is not compliant")
 *         .kept("Graph 404 for request-id 3fa85f64-5717-4562-b3fc-2c963f66afa6", "3fa85f64-5717-4562-b3fc-2c963f66afa6")
 *         .fromResource(MyTest.class, "/sanitizer-samples.tsv")
 *         .assertAll();
 * }</pre>
 *
 * <p>Every sample is also checked for what holds for any message: the sanitizer does not throw and
 * returns at most {@link FailureSanitizer#MAX_LENGTH} characters. Not thread-safe; build one per test.
 */
public final class SanitizerSamples {

    private static final Pattern LIST_SEPARATOR = Pattern.compile(Pattern.quote("||"));

    /** One sample and what must hold for it. */
    private record Sample(String where, String message, List<String> secrets, List<String> kept, boolean unchanged) {

        boolean secret() {
            return !secrets.isEmpty();
        }
    }

    /**
     * What {@link #check()} found.
     *
     * @param secretSamples samples that carry secrets
     * @param secretsRemoved of those, the samples none of whose secrets survived
     * @param keptSamples samples without secrets
     * @param keptIntact of those, the samples that came back intact
     * @param failures one line per failed sample: where it came from, what went wrong, the output
     */
    public record Report(int secretSamples, int secretsRemoved, int keptSamples, int keptIntact, List<String> failures) {

        /**
         * Copies the list, so the report cannot change.
         *
         * @param secretSamples samples that carry secrets
         * @param secretsRemoved of those, the samples none of whose secrets survived
         * @param keptSamples samples without secrets
         * @param keptIntact of those, the samples that came back intact
         * @param failures one line per failed sample: where it came from, what went wrong, the output
         */
        public Report {
            failures = List.copyOf(failures);
        }

        /** @return true when every sample passed */
        public boolean passed() {
            return failures.isEmpty();
        }

        /** @return one line: recall (secret samples fully removed) and precision (kept samples intact) */
        public String summary() {
            return String.format(Locale.ROOT, "recall %d/%d secret samples removed (%s), precision %d/%d kept samples "
                    + "intact (%s)", secretsRemoved, secretSamples, percent(secretsRemoved, secretSamples), keptIntact,
                    keptSamples, percent(keptIntact, keptSamples));
        }

        private static String percent(int part, int whole) {
            return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
        }
    }

    private final FailureSanitizer sanitizer;
    private final List<Sample> samples = new ArrayList<>();

    private SanitizerSamples(FailureSanitizer sanitizer) {
        this.sanitizer = sanitizer;
    }

    /**
     * @param sanitizer the sanitizer under test
     * @return an empty set of samples for it
     * @throws NullPointerException when {@code sanitizer} is null
     */
    public static SanitizerSamples of(FailureSanitizer sanitizer) {
        return new SanitizerSamples(Objects.requireNonNull(sanitizer, "sanitizer"));
    }

    /**
     * Adds a message that carries secrets.
     *
     * @param message the raw message
     * @param secrets the parts that must not appear in the sanitized message, at least one
     * @return this
     * @throws IllegalArgumentException when the message is null, no secret is given, a secret is blank
     *     or the message does not contain it (a typo would make the check pass vacuously)
     */
    public SanitizerSamples secret(String message, String... secrets) {
        return add("secret(...) #" + (samples.size() + 1), message, secrets == null ? List.of() : Arrays.asList(secrets),
                List.of(), false);
    }

    /**
     * Adds a message without secrets that must come back unchanged.
     *
     * @param message the raw message, one line of at most {@link FailureSanitizer#MAX_LENGTH} characters
     * @return this
     * @throws IllegalArgumentException when the message is null
     */
    public SanitizerSamples kept(String message) {
        return add("kept(...) #" + (samples.size() + 1), message, List.of(), List.of(), true);
    }

    /**
     * Adds a message without secrets of which the given parts must survive (for long, multi-line or
     * structured messages the sanitizer shortens).
     *
     * @param message the raw message
     * @param parts the parts that must appear in the sanitized message, at least one
     * @return this
     * @throws IllegalArgumentException when the message is null, no part is given or the message does
     *     not contain a part
     */
    public SanitizerSamples kept(String message, String... parts) {
        List<String> list = parts == null ? List.of() : Arrays.asList(parts);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("kept(message, parts): give at least one part, or use kept(message)");
        }
        return add("kept(...) #" + (samples.size() + 1), message, List.of(), list, false);
    }

    /**
     * Adds the samples of a classpath resource: UTF-8, one sample a line, tab-separated; blank lines
     * and lines starting with {@code #} are skipped.
     *
     * <pre>
     * secret &lt;TAB&gt; message &lt;TAB&gt; secret1||secret2
     * kept   &lt;TAB&gt; message &lt;TAB&gt; =                  (must come back unchanged)
     * kept   &lt;TAB&gt; message &lt;TAB&gt; part1||part2        (must keep these parts)
     * </pre>
     *
     * <p>In a message, {@code \n} stands for a line break and {@code \t} for a tab; write {@code \\}
     * for a backslash.
     *
     * @param anchor the class whose loader finds the resource
     * @param resource the resource name, as for {@link Class#getResourceAsStream(String)}
     * @return this
     * @throws IllegalArgumentException when the resource is missing or a line is malformed (its number
     *     is in the message)
     * @throws UncheckedIOException when the resource cannot be read
     */
    public SanitizerSamples fromResource(Class<?> anchor, String resource) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(resource, "resource");
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " next to " + anchor.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String where = resource + ":" + number;
                String[] columns = line.split("\t", -1);
                if (columns.length != 3) {
                    throw new IllegalArgumentException(where + ": expected three tab-separated columns, found "
                            + columns.length);
                }
                String message = unescape(columns[1]);
                List<String> list = Arrays.asList(LIST_SEPARATOR.split(columns[2], -1));
                switch (columns[0].strip()) {
                    case "secret" -> add(where, message, list, List.of(), false);
                    case "kept" -> add(where, message, List.of(), columns[2].equals("=") ? List.of() : list,
                            columns[2].equals("="));
                    default -> throw new IllegalArgumentException(where + ": the first column is \"secret\" or \"kept\", "
                            + "not \"" + columns[0] + "\"");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return this;
    }

    /**
     * Sanitizes every sample and reports what passed; does not throw on a failed sample.
     *
     * @return the counts and one line per failure
     */
    public Report check() {
        int secretSamples = 0;
        int removed = 0;
        int keptSamples = 0;
        int intact = 0;
        List<String> failures = new ArrayList<>();
        for (Sample sample : samples) {
            String problem = problem(sample);
            if (sample.secret()) {
                secretSamples++;
                removed += problem == null ? 1 : 0;
            } else {
                keptSamples++;
                intact += problem == null ? 1 : 0;
            }
            if (problem != null) {
                failures.add(sample.where() + ": " + problem);
            }
        }
        return new Report(secretSamples, removed, keptSamples, intact, failures);
    }

    /**
     * Fails, listing every failed sample, unless all passed.
     *
     * @return the report, for printing its {@link Report#summary()}
     * @throws org.opentest4j.AssertionFailedError when a sample failed or none were added
     */
    public Report assertAll() {
        if (samples.isEmpty()) {
            Assertions.fail("no samples: add some with secret(...), kept(...) or fromResource(...)");
        }
        Report report = check();
        if (!report.passed()) {
            Assertions.fail(report.summary() + "; " + report.failures().size() + " failed:\n"
                    + String.join("\n", report.failures()));
        }
        return report;
    }

    private String problem(Sample sample) {
        String output;
        try {
            output = sanitizer.sanitize(sample.message());
        } catch (RuntimeException e) {
            return "the sanitizer threw " + e;
        }
        if (output == null) {
            return "the sanitizer returned null";
        }
        if (output.length() > FailureSanitizer.MAX_LENGTH) {
            return "output is " + output.length() + " characters, more than " + FailureSanitizer.MAX_LENGTH;
        }
        for (String secret : sample.secrets()) {
            if (output.contains(secret)) {
                return "leaked \"" + secret + "\" in: " + output;
            }
        }
        for (String part : sample.kept()) {
            if (!output.contains(part)) {
                return "lost \"" + part + "\" in: " + output;
            }
        }
        if (sample.unchanged() && !output.equals(sample.message())) {
            return "changed a message without secrets: " + output;
        }
        return null;
    }

    private SanitizerSamples add(String where, String message, List<String> secrets, List<String> kept, boolean unchanged) {
        if (message == null) {
            throw new IllegalArgumentException(where + ": the message is null");
        }
        for (String part : secrets.isEmpty() ? kept : secrets) {
            if (part == null || part.isBlank()) {
                throw new IllegalArgumentException(where + ": a secret or part is null or blank");
            }
            if (!message.contains(part)) {
                throw new IllegalArgumentException(where + ": the message does not contain \"" + part + "\"");
            }
        }
        if (secrets.isEmpty() && kept.isEmpty() && !unchanged) {
            throw new IllegalArgumentException(where + ": give at least one secret");
        }
        samples.add(new Sample(where, message, List.copyOf(secrets), List.copyOf(kept), unchanged));
        return this;
    }

    private static String unescape(String column) {
        StringBuilder out = new StringBuilder(column.length());
        for (int i = 0; i < column.length(); i++) {
            char c = column.charAt(i);
            if (c == '\\' && i + 1 < column.length()) {
                char next = column.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case '\\' -> out.append('\\');
                    default -> out.append('\\').append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
