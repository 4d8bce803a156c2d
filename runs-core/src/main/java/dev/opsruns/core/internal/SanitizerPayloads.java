package dev.opsruns.core.internal;

/**
 * Finds raw payload dumps in a failure message (a response body, a serialized request, a base64
 * blob) and replaces each with {@code [payload omitted: N chars]}. A dump is where credentials and
 * personal data hide; of a structured error body only its diagnostic fields are kept, ahead of the
 * marker ({@link SanitizerDiagnostics}).
 *
 * <p>Both passes are hand-written forward scans rather than regular expressions, so they stay linear
 * however the input is built: every character is visited a bounded number of times.
 */
final class SanitizerPayloads {

    /**
     * A bracketed or markup block at least this long is a dump. It could not be shown whole within
     * {@code FailureSanitizer.MAX_LENGTH} anyway, while a shorter one (a typical Graph error body with
     * its code and request id) is kept and has its secrets redacted like any other text.
     */
    static final int MIN_BLOCK = 512;

    /** A run without spaces at least this long is a dump whatever it holds (minified JSON, a blob). */
    static final int MIN_UNBROKEN_RUN = 1024;

    /** A run of base64/hex/url-safe characters at least this long is an encoded blob. */
    static final int MIN_ENCODED_RUN = 200;

    private SanitizerPayloads() {
    }

    /** The marker that stands for {@code length} omitted characters. */
    static String marker(int length) {
        return "[payload omitted: " + length + " chars]";
    }

    /**
     * Omits the large structures: JSON-like blocks ({@code {...}}, {@code [...]}), markup spans
     * ({@code <...>...</...>}) and unbroken runs. Runs on the whole first line, before it is cut to the
     * redaction window, so that the lengths reported are the real ones and so that no run long enough
     * to straddle the cut survives (see {@link SanitizerText#cutAtSpace}).
     */
    static String omitStructures(String s) {
        int n = s.length();
        int lastGt = s.lastIndexOf('>');
        int lastClosingMarkup = Math.max(s.lastIndexOf("</"), s.lastIndexOf("/>"));
        StringBuilder out = new StringBuilder(Math.min(n, 1 << 16));
        // End of the last block measured and found short: blocks nested in it are shorter still, and
        // not measuring them again keeps "{{{{...}}}}" from costing MIN_BLOCK steps per character.
        int shortBlockEnd = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c != ' ' && (i == 0 || s.charAt(i - 1) == ' ')) {
                int end = s.indexOf(' ', i);
                end = end < 0 ? n : end;
                if (end - i >= MIN_UNBROKEN_RUN) {
                    out.append(marker(end - i));
                    i = end;
                    continue;
                }
            }
            if (c == '{' || c == '[') {
                if (i >= shortBlockEnd) {
                    int end = blockEnd(s, i);
                    if (end - i >= MIN_BLOCK) {
                        out.append(SanitizerDiagnostics.ofJson(s, i, end)).append(marker(end - i));
                        i = end;
                        continue;
                    }
                    shortBlockEnd = end;
                }
            } else if (c == '<' && startsMarkup(s, i) && lastGt > i && lastClosingMarkup > i
                    && lastGt + 1 - i >= MIN_BLOCK) {
                // Markup is not balanced reliably by a scanner this small: the dump is taken to run
                // from its first tag to the last '>' of the line, provided a closing tag lies between.
                out.append(SanitizerDiagnostics.ofMarkup(s, i, lastGt + 1)).append(marker(lastGt + 1 - i));
                i = lastGt + 1;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /**
     * Omits encoded blobs: runs of at least {@value #MIN_ENCODED_RUN} base64, base64url or hex
     * characters. Runs after redaction so a long JWT or bearer token is reported as redacted rather
     * than half-omitted. A path, which uses the same alphabet, is told apart by its many slashes.
     */
    static String omitEncodedRuns(String s) {
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            if (!isEncodedChar(s.charAt(i))) {
                out.append(s.charAt(i));
                i++;
                continue;
            }
            int end = i;
            int slashes = 0;
            while (end < n && isEncodedChar(s.charAt(end))) {
                if (s.charAt(end) == '/') {
                    slashes++;
                }
                end++;
            }
            int length = end - i;
            if (length >= MIN_ENCODED_RUN && slashes * 20 <= length) {
                out.append(marker(length));
            } else {
                out.append(s, i, end);
            }
            i = end;
        }
        return out.toString();
    }

    /** Index just past the bracket that closes the one at {@code start}, or the end of the text. */
    private static int blockEnd(String s, int start) {
        int n = s.length();
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return n;
    }

    private static boolean startsMarkup(String s, int i) {
        if (i + 1 >= s.length()) {
            return false;
        }
        char next = s.charAt(i + 1);
        return Character.isLetter(next) || next == '?' || next == '!';
    }

    static boolean isEncodedChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=' || c == '-' || c == '_' || c == '%';
    }
}
