package dev.opsruns.core.internal;

import dev.opsruns.core.FailureSanitizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard sanitizer. It works in stages, cheapest and most reducing first:
 *
 * <ol>
 *   <li>keep the first line with something on it (stack frames, {@code Caused by:} and
 *       {@code ... 12 more} are on later lines), or the exception line of a Python or Node trace;</li>
 *   <li>strip ANSI escapes, control and formatting characters, and collapse whitespace
 *       ({@link SanitizerText});</li>
 *   <li>replace large JSON/XML blocks and unbroken runs with {@code [payload omitted: N chars]},
 *       keeping a structured error's diagnostic fields ({@link SanitizerPayloads#omitStructures});</li>
 *   <li>cut what is left to a window of {@value #WINDOW} characters, at a space, so no token is split
 *       in two by the cut;</li>
 *   <li>redact credentials in that window ({@link SanitizerRules}, then a host's own patterns),
 *       replacing values with {@code [REDACTED]};</li>
 *   <li>replace encoded blobs ({@link SanitizerPayloads#omitEncodedRuns}) and cap the result at
 *       {@link FailureSanitizer#MAX_LENGTH} characters, ending with an ellipsis when cut.</li>
 * </ol>
 *
 * <p>Stages 1 to 4 are hand-written single scans; the regular expressions of stage 5 only ever see
 * the bounded window, and their quantifiers are bounded or possessive. A host's patterns are not
 * under this class's control, so each runs on a character budget and the message is withheld when a
 * pattern exceeds it. Together that keeps the whole linear in the input, however adversarial.
 */
public final class StandardFailureSanitizer implements FailureSanitizer {

    /** The shared instance with the standard rules only; it is stateless. */
    public static final StandardFailureSanitizer INSTANCE = new StandardFailureSanitizer(SanitizerSettings.NONE);

    /**
     * How much of the cleaned first line the redaction rules see. Many times {@link #MAX_LENGTH}, so
     * that text which redaction and payload omission shrink still fills the result.
     */
    static final int WINDOW = 8192;

    /*
     * How far back from the window's end a space is looked for. Stage 3 leaves no run without spaces
     * longer than SanitizerPayloads.MIN_UNBROKEN_RUN (plus a marker's first or last word), so a space
     * is always found within this distance and the cut never falls inside a word.
     */
    private static final int CUT_LOOK_BACK = 2 * SanitizerPayloads.MIN_UNBROKEN_RUN;

    /** Character reads a host pattern may make per character of the window before it is stopped. */
    private static final int PATTERN_BUDGET_PER_CHAR = 256;

    /** Returned if a stage fails unexpectedly: better to lose the message than to leak it. */
    static final String UNSANITIZABLE = "[message omitted: it could not be sanitized]";

    private final SanitizerSettings settings;

    /** @param settings what a host added to the standard rules */
    public StandardFailureSanitizer(SanitizerSettings settings) {
        this.settings = settings;
    }

    /**
     * @param raw the raw message, possibly null
     * @return the sanitized message, at most {@value FailureSanitizer#MAX_LENGTH} characters; empty for
     *     null
     */
    @Override
    public String sanitize(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        try {
            String line = SanitizerText.clean(SanitizerText.firstLine(raw));
            String structured = SanitizerPayloads.omitStructures(line);
            String window = SanitizerText.cutAtSpace(structured, WINDOW, CUT_LOOK_BACK);
            // escaped JSON first: rules see its strings as written, before a pass over the escapes cuts them
            String redacted = redactHostPatterns(SanitizerRepeats.redact(window,
                    SanitizerRules.redact(SanitizerEscapes.redact(window, settings), settings)));
            String result = SanitizerText.collapseSpaces(SanitizerPayloads.omitEncodedRuns(redacted));
            if (window.length() < structured.length()) {
                result = result + " " + SanitizerText.ELLIPSIS;
            }
            return SanitizerText.cap(result, MAX_LENGTH);
        } catch (RuntimeException | StackOverflowError e) {
            // Nothing here is expected to throw (no pattern repeats a group without a small bound), but
            // the contract is "never throws", and a caller's failure path must not fail in turn.
            return UNSANITIZABLE;
        }
    }

    private String redactHostPatterns(String s) {
        String out = s;
        for (Pattern pattern : settings.patterns()) {
            long budget = (long) PATTERN_BUDGET_PER_CHAR * Math.max(out.length(), 64);
            Matcher m = pattern.matcher(new BudgetedText(out, budget));
            out = m.replaceAll(Matcher.quoteReplacement(SanitizerRules.REDACTED));
        }
        return out;
    }

    /** A view of a string that fails once read more than its budget allows: a runaway pattern stops. */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private final long[] remaining;

        BudgetedText(String text, long budget) {
            this(text, new long[] {budget});
        }

        private BudgetedText(String text, long[] remaining) {
            this.text = text;
            this.remaining = remaining;
        }

        @Override
        public char charAt(int index) {
            if (--remaining[0] < 0) {
                throw new IllegalStateException("a host pattern exceeded its budget");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), remaining);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
