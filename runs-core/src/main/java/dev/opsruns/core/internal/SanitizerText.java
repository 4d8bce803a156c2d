package dev.opsruns.core.internal;

import java.util.regex.Pattern;

/**
 * Text hygiene for {@link StandardFailureSanitizer}: picks the first line, strips control and
 * formatting characters, collapses whitespace and cuts text at safe points. Every method is a single
 * forward scan, so it is linear in its input whatever that input is.
 */
final class SanitizerText {

    /** Appended where text was cut. */
    static final String ELLIPSIS = "\u2026";

    private static final char ESC = '\u001B';
    private static final char C1_CSI = '\u009B';
    private static final char BEL = '\u0007';
    // Bounds for escape sequences, so an unterminated one cannot swallow the rest of the message.
    private static final int MAX_CSI_LENGTH = 32;
    private static final int MAX_OSC_LENGTH = 256;

    private static final String PYTHON_TRACEBACK = "Traceback (most recent call last)";
    private static final Pattern NODE_LOCATION = Pattern.compile("[^\\s:]{1,1024}\\.[cm]?[jt]sx?:\\d{1,7}");
    private static final Pattern NODE_ERROR = Pattern.compile("[A-Za-z_$][\\w$.]{0,80}+(?:Error|Exception)\\b|Error:");

    private SanitizerText() {
    }

    /**
     * The first line that has something visible on it, with the few lines after it that say what
     * happened ({@link #withFollowingLines}): stack frames, "Caused by" and everything after them are
     * dropped, while leading blank lines do not make the result empty. Where a runtime
     * prints the exception after its frames (a Python traceback, Node's uncaught-error banner), the
     * exception's line is taken instead.
     */
    static String firstLine(String s) {
        int start = 0;
        int n = s.length();
        while (start < n) {
            int end = start;
            boolean visible = false;
            while (end < n && !isLineBreak(s.charAt(end))) {
                visible |= isVisible(s.charAt(end));
                end++;
            }
            if (visible) {
                String line = s.substring(start, end);
                String stripped = line.strip();
                if (stripped.startsWith(PYTHON_TRACEBACK)) {
                    // Python prints the exception, the line that says what happened, last.
                    String last = lastUnindentedLine(s, end);
                    return last.isEmpty() ? line : last;
                }
                if (NODE_LOCATION.matcher(stripped).matches()) {
                    // Node prints "file.js:12", the source line and a caret before "TypeError: ...".
                    String error = firstErrorLine(s, end);
                    return error.isEmpty() ? line : error;
                }
                return withFollowingLines(s, line, end);
            }
            start = end + 1;
        }
        return "";
    }

    /** Most lines after the first kept: what a tool prints after the command it echoes. */
    static final int MAX_FOLLOWING_LINES = 3;

    /** What joins kept lines: it ends a command, a field and a value as a line break does. */
    static final String LINE_JOIN = " | ";

    /**
     * {@code first} and the lines after it, from {@code from}, that say what happened, joined by
     * {@link #LINE_JOIN}: a command a log echoes is followed by its error ("sqlcmd ... ⏎ Msg 18456,
     * Level 14: Login failed"), which matters more than the command. The first indented line (a
     * stack frame, a body's nested member), a "Caused by", a blank line or a line of one word (what a
     * file or a prompt's answer holds alone) ends them.
     */
    private static String withFollowingLines(String s, String first, int from) {
        StringBuilder out = null;
        int n = s.length();
        int start = from;
        for (int lines = 0; lines < MAX_FOLLOWING_LINES && start < n; lines++) {
            if (s.charAt(start) == '\r' && start + 1 < n && s.charAt(start + 1) == '\n') {
                start++;
            }
            start++; // the line break
            int end = start;
            boolean words = false;
            while (end < n && !isLineBreak(s.charAt(end)) && end - start <= 1024) {
                words |= end > start && s.charAt(end) == ' ' && isVisible(s.charAt(end - 1));
                end++;
            }
            // a line of one word is no message: a password a file or a prompt's answer printed alone
            if (!words || end - start > 1024 || Character.isWhitespace(s.charAt(start)) || isTraceLine(s, start)) {
                break;
            }
            if (out == null) {
                out = new StringBuilder(first);
            }
            // after a label's colon its value follows on the next line, as prompts and YAML print it
            out.append(out.charAt(out.length() - 1) == ':' ? " " : LINE_JOIN).append(s, start, end);
            start = end;
        }
        return out == null ? first : out.toString();
    }

    /** True for a line that starts a stack trace's or a chained exception's part, not a tool's message. */
    private static boolean isTraceLine(String s, int start) {
        return s.startsWith("Caused by", start) || s.startsWith("at ", start) || s.startsWith("Traceback", start)
                || s.startsWith("goroutine ", start) || s.startsWith("Stack", start) || s.startsWith("---", start)
                || s.startsWith("...", start) || s.startsWith("Suppressed:", start) || s.startsWith("#", start);
    }

    /** The last visible line after {@code from} that does not start with whitespace (a frame does). */
    private static String lastUnindentedLine(String s, int from) {
        int n = s.length();
        int bestStart = -1;
        int bestEnd = -1;
        int start = from;
        while (start < n) {
            while (start < n && isLineBreak(s.charAt(start))) {
                start++;
            }
            int end = start;
            boolean visible = false;
            while (end < n && !isLineBreak(s.charAt(end))) {
                visible |= isVisible(s.charAt(end));
                end++;
            }
            if (visible && end > start && !Character.isWhitespace(s.charAt(start))
                    && !s.startsWith(PYTHON_TRACEBACK, start) && !s.startsWith("During handling", start)
                    && !s.startsWith("The above exception", start)) {
                bestStart = start;
                bestEnd = end;
            }
            start = end;
        }
        return bestStart < 0 ? "" : s.substring(bestStart, bestEnd);
    }

    /** The first of the next few lines that names an error ("TypeError: x", "Error: connect ECONNREFUSED"). */
    private static String firstErrorLine(String s, int from) {
        int n = s.length();
        int start = from;
        for (int lines = 0; lines < 12 && start < n; lines++) {
            while (start < n && isLineBreak(s.charAt(start))) {
                start++;
            }
            int end = start;
            while (end < n && !isLineBreak(s.charAt(end)) && end - start < 4096) {
                end++;
            }
            if (end - start < 4096 && NODE_ERROR.matcher(s.substring(start, end)).lookingAt()) {
                return s.substring(start, end);
            }
            while (end < n && !isLineBreak(s.charAt(end))) {
                end++;
            }
            start = end;
        }
        return "";
    }

    /**
     * Removes ANSI escape sequences, control characters, formatting characters (bidi overrides, zero
     * width characters) and unpaired surrogates; turns every kind of whitespace into one space and
     * trims.
     */
    static String clean(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), 1 << 16));
        boolean pendingSpace = false;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ESC || c == C1_CSI) {
                i = skipEscape(s, i);
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, s.charAt(i + 1));
                i += 2;
                // Supplementary formatting characters (the invisible "tag" block) go the same way as BMP ones.
                if (isVisibleType(Character.getType(codePoint))) {
                    if (pendingSpace && out.length() > 0) {
                        out.append(' ');
                    }
                    pendingSpace = false;
                    out.appendCodePoint(codePoint);
                }
                continue;
            }
            i++;
            if (c > ' ' && c < 0x7F) {
                // printable ASCII, the common case: visible, not a space
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c);
                continue;
            }
            if (isSpaceLike(c)) {
                pendingSpace = true;
            } else if (!Character.isSurrogate(c) && isVisible(c)) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c);
            }
            // Anything else (NUL, BEL, DEL, C1 controls, bidi and zero-width characters, lone surrogates)
            // is dropped without a trace: joining its neighbours lets the redaction rules see
            // "pass\u200Bword=" as the "password=" it is meant to read as.
        }
        return out.toString();
    }

    /** Collapses runs of spaces left behind by replacements, and trims. */
    static String collapseSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                pendingSpace = true;
            } else {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Cuts {@code s} to at most {@code limit} characters at the last space found in the final
     * {@code lookBack} characters before the limit, so that no word (and so no token) is split in two.
     * Falls back to a hard cut when there is no such space.
     *
     * @return {@code s} itself when it is short enough; otherwise the head, without the ellipsis
     */
    static String cutAtSpace(String s, int limit, int lookBack) {
        if (s.length() <= limit) {
            return s;
        }
        int floor = Math.max(0, limit - lookBack);
        for (int i = limit; i > floor; i--) {
            if (s.charAt(i) == ' ') {
                return s.substring(0, i);
            }
        }
        return safeHead(s, limit);
    }

    /** Caps {@code s} at {@code max} characters, the last of which is an ellipsis when anything was cut. */
    static String cap(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return safeHead(s, max - ELLIPSIS.length()).stripTrailing() + ELLIPSIS;
    }

    /** The first {@code length} characters, one fewer when that would split a surrogate pair. */
    private static String safeHead(String s, int length) {
        int end = length;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static int skipEscape(String s, int i) {
        int n = s.length();
        if (s.charAt(i) == C1_CSI) {
            return skipCsiBody(s, i + 1);
        }
        if (i + 1 >= n) {
            return n;
        }
        char next = s.charAt(i + 1);
        if (next == '[') {
            return skipCsiBody(s, i + 2);
        }
        if (next == ']') {
            // OSC: ends at BEL or ESC '\'; an unterminated one only loses its introducer.
            int limit = Math.min(n, i + 2 + MAX_OSC_LENGTH);
            for (int j = i + 2; j < limit; j++) {
                char c = s.charAt(j);
                if (c == BEL) {
                    return j + 1;
                }
                if (c == ESC) {
                    // ST ends it; any other escape starts the next sequence, so this one was unterminated
                    return j + 1 < n && s.charAt(j + 1) == '\\' ? j + 2 : i + 2;
                }
            }
            return i + 2;
        }
        // Two- or three-character escapes: ESC, optional intermediate bytes, one final byte.
        int j = i + 1;
        while (j < n && j < i + 4 && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x2F) {
            j++;
        }
        if (j < n && s.charAt(j) >= 0x30 && s.charAt(j) <= 0x7E) {
            return j + 1;
        }
        return i + 1;
    }

    private static int skipCsiBody(String s, int from) {
        int n = s.length();
        int limit = Math.min(n, from + MAX_CSI_LENGTH);
        for (int j = from; j < limit; j++) {
            char c = s.charAt(j);
            if (c >= 0x40 && c <= 0x7E) {
                return j + 1;
            }
            if (c <= 0x20 || c > 0x3F) {
                // a space ends it too: "ESC[ password=x" must not lose the name's first letter as a final byte
                return j;
            }
        }
        return from;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isSpaceLike(char c) {
        return c == '\t' || c == '\u000B' || c == '\f' || c == ' ' || (c >= '\u001C' && c <= '\u001F')
                || Character.isSpaceChar(c) || Character.isWhitespace(c);
    }

    /** True for characters that show as something; a surrogate counts, its pair is checked by {@link #clean}. */
    private static boolean isVisible(char c) {
        if (c > ' ' && c < 0x7F) {
            return true; // printable ASCII, the common case
        }
        if (Character.isISOControl(c) || isSpaceLike(c)) {
            return false;
        }
        return Character.isSurrogate(c) || isVisibleType(Character.getType(c));
    }

    private static boolean isVisibleType(int type) {
        return type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.PRIVATE_USE
                && type != Character.CONTROL;
    }
}
