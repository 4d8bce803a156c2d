package dev.opsruns.core.internal;

import java.util.List;

/**
 * Runs the rules over the text as a JSON string (or a Python or JavaScript string literal, or an HTML
 * page) holds it unescaped, and over each JSON string value as a text of its own, and carries what
 * they redact back into the text as it was written. A message a structured logger or an API put
 * inside a JSON string ({@code "msg":"curl -u admin:x ..."}, {@code \"value\":\"x\"},
 * {@code postgres:\/\/u:x@db}), or a repr put inside quotes ({@code login(\'u\', \'x\')}), escapes
 * its quotes and slashes, and a rule written for {@code "value":"x"} would have to be written again for
 * every level of escaping; seen unescaped, every rule applies as it is.
 *
 * <p>Linear: building a view is one pass per level, each string is read once per level, and aligning
 * a redacted view with its view moves forward only.
 */
final class SanitizerEscapes {

    /** Levels of JSON in JSON strings unescaped; each further level doubles the backslashes. */
    private static final int MAX_LEVELS = 3;

    private SanitizerEscapes() {
    }

    /** True when {@code s} holds an escape that hides a quote or a slash from the rules. */
    static boolean hasEscapes(String s) {
        return s.contains("\\\"") || s.contains("\\'") || s.contains("\\/") || s.contains("\\u0022")
                || s.indexOf('&') >= 0 && (s.contains("&quot;") || s.contains("&#39;") || s.contains("&#34;")
                || s.contains("&#x27;") || s.contains("&lt;") || s.contains("&amp;"));
    }

    /**
     * {@code s} with what the rules find in its unescaped view, and in each JSON string value read as
     * a text of its own, redacted; the rest as it was.
     */
    static String redact(String s, SanitizerSettings settings) {
        return redactStrings(redactUnescaped(s, settings), settings, 0);
    }

    /** {@code s} with what the rules redact in its unescaped view redacted; the rest as it was. */
    private static String redactUnescaped(String s, SanitizerSettings settings) {
        if (!hasEscapes(s)) {
            return s;
        }
        String view = s;
        int[] origin = null; // origin[k]: where the view's character k starts in s; origin[view.length()] = s.length()
        for (int level = 0; level < MAX_LEVELS && hasEscapes(view); level++) {
            int[] step = new int[view.length() + 1];
            String unescaped = unescape(view, step);
            if (origin != null) {
                for (int k = 0; k < step.length && k <= unescaped.length(); k++) {
                    step[k] = origin[step[k]];
                }
            }
            origin = step;
            view = unescaped;
        }
        String redacted = SanitizerRules.redact(view, settings);
        if (redacted.equals(view)) {
            return s;
        }
        return carryBack(s, view, redacted, origin);
    }

    /**
     * Runs the rules over each JSON string value of {@code s} that holds a space, unescaped, as a text
     * of its own: a log line's {@code "msg":"users created: alice x","trace_id":"..."} ends where its
     * string does, as the rules that read a value to the end of the text expect. Only a text that is a
     * JSON document (a structured log line, a body logged whole) is read so: a JSON body inside a
     * message is left to the rules, which stop at its strings' closing quotes themselves, and the
     * typical message does not pay for a second pass. Strings in strings are read down to
     * {@link #MAX_LEVELS}.
     */
    private static String redactStrings(String s, SanitizerSettings settings, int level) {
        if (level >= MAX_LEVELS || !isJsonDocument(s) || s.indexOf("\":") < 0 && s.indexOf("\": ") < 0) {
            return s;
        }
        StringBuilder out = null;
        int copied = 0;
        int n = s.length();
        int space = -1; // the first space after the string's opening quote: found once, not once per string
        for (int quote = s.indexOf('"'); quote >= 0 && quote + 1 < n; quote = s.indexOf('"', quote + 1)) {
            int close = closingQuote(s, quote + 1);
            if (close < 0) {
                break;
            }
            if (space <= quote) {
                space = s.indexOf(' ', quote + 1);
                space = space < 0 ? n : space;
            }
            if (!isValueStart(s, quote) || space > close) {
                quote = close;
                continue;
            }
            String content = s.substring(quote + 1, close);
            int[] origin = new int[content.length() + 1];
            String view = unescape(content, origin);
            String redacted = SanitizerRules.redact(redactStrings(view, settings, level + 1), settings);
            if (!redacted.equals(view)) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(s, copied, quote + 1).append(carryBack(content, view, redacted, origin));
                copied = close;
            }
            quote = close;
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    private static boolean isJsonDocument(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i < s.length() && (s.charAt(i) == '{' || s.charAt(i) == '[');
    }

    /** The unescaped '"' that closes a JSON string whose content starts at {@code from}, or -1. */
    private static int closingQuote(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** True for a '"' at {@code quote} that opens a JSON value: after ':', '[' or ','. */
    private static boolean isValueStart(String s, int quote) {
        int i = quote - 1;
        while (i >= 0 && s.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && (s.charAt(i) == ':' || s.charAt(i) == '[' || s.charAt(i) == ',');
    }

    /** One level of JSON unescaping; {@code origin[k]} receives where character k came from. */
    private static String unescape(String s, int[] origin) {
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        int entity;
        while (i < n) {
            char c = s.charAt(i);
            int from = i;
            if (c == '\\' && i + 1 < n) {
                char e = s.charAt(i + 1);
                if (e == '"' || e == '\'' || e == '\\' || e == '/') {
                    c = e;
                    i += 2;
                } else if (e == 'n' || e == 't' || e == 'r') {
                    c = ' '; // a line break inside a string: the words either side stay apart
                    i += 2;
                } else if (e == 'u' && i + 5 < n && isHex(s, i + 2, i + 6)) {
                    c = (char) Integer.parseInt(s, i + 2, i + 6, 16);
                    i += 6;
                } else {
                    i++;
                }
            } else if (c == '&' && (entity = htmlEntity(s, i)) >= 0) {
                c = HTML_CHARACTERS.charAt(entity);
                i += HTML_ENTITIES[entity].length();
            } else {
                i++;
            }
            origin[out.length()] = from;
            out.append(c);
        }
        origin[out.length()] = n;
        return out.toString();
    }

    // HTML's entities for the characters the rules read as quotes and brackets, and those characters.
    private static final String[] HTML_ENTITIES = {"&quot;", "&#39;", "&#34;", "&#x27;", "&lt;", "&gt;", "&amp;"};
    private static final String HTML_CHARACTERS = "\"'\"'<>&";

    /** The index in {@link #HTML_ENTITIES} of the entity that starts at {@code at}, or -1. */
    private static int htmlEntity(String s, int at) {
        for (int e = 0; e < HTML_ENTITIES.length; e++) {
            if (s.startsWith(HTML_ENTITIES[e], at)) {
                return e;
            }
        }
        return -1;
    }

    private static boolean isHex(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces in {@code s} each span the rules replaced in {@code view}: {@code redacted} is
     * {@code view} with spans replaced by markers, so walking both finds each span's end as the place
     * where the view matches what follows the marker. If they cannot be aligned the unescaped,
     * redacted view is returned: it holds no more than {@code s} minus its secrets.
     */
    private static String carryBack(String s, String view, String redacted, int[] origin) {
        List<SanitizerMarkers.Span> spans = SanitizerMarkers.spans(view, redacted);
        if (spans == null) {
            return redacted;
        }
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        for (SanitizerMarkers.Span span : spans) {
            out.append(s, copied, origin[span.start()]).append(redacted, span.marker(), span.markerEnd());
            copied = origin[span.end()];
        }
        return out.append(s, copied, s.length()).toString();
    }
}
