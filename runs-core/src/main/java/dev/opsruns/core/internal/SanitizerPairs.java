package dev.opsruns.core.internal;

/**
 * Finds {@code name=value} pairs in all the spellings failure messages use: {@code name=value},
 * {@code name: value}, {@code "name":"value"}, {@code \"name\":\"value\"}, {@code :name => 'value'},
 * {@code name := "value"}, {@code name%3Dvalue}, {@code 名前：value}. A hand-written scan that starts
 * from separators, which are rare, and looks back at most a name's length for the name: cheaper than
 * a pattern tried at every position, and linear however the text is built.
 */
final class SanitizerPairs {

    /** Longest name recognized. */
    static final int MAX_NAME = 64;

    /** Fewest dots of a leader between a name and its value: fewer is an ellipsis ("token... done"). */
    static final int MIN_DOT_LEADER = 4;

    /** Most backslashes before an escaped quote: JSON nested in JSON strings three levels deep. */
    static final int MAX_ESCAPES = 7;

    /** A double quote as Java's and JavaScript's serializers escape it inside a string. */
    static final String UNICODE_QUOTE = "\\u0022";

    /**
     * One pair's name and separator.
     *
     * @param nameStart where the name starts
     * @param nameEnd where the name ends
     * @param closeQuote the quote after the name ({@code "}, {@code \"} or empty)
     * @param separator the separator with the spaces around it
     * @param separatorEnd just past the separator itself (before spaces and quote)
     * @param openQuote the quote that opens the value, or null
     * @param end where the value starts
     */
    record Pair(int nameStart, int nameEnd, String closeQuote, String separator, int separatorEnd, String openQuote,
            int end) {

        String name(String s) {
            return s.substring(nameStart, nameEnd);
        }
    }

    private SanitizerPairs() {
    }

    /** The first pair whose name starts at or after {@code from}, or null. */
    static Pair next(String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            int sepLength = separatorLength(s, i);
            if (sepLength == 0) {
                continue;
            }
            Pair pair = pairAt(s, from, i, sepLength);
            if (pair != null) {
                return pair;
            }
            i += sepLength - 1;
        }
        return null;
    }

    private static int separatorLength(String s, int i) {
        char c = s.charAt(i);
        int n = s.length();
        if (c == '=') {
            if (i + 1 < n && s.charAt(i + 1) == '=' || i > 0 && s.charAt(i - 1) == '=') {
                return 0; // a comparison or a version pin: acme-auth==2.4.1, token == null
            }
            return i + 1 < n && s.charAt(i + 1) == '>' ? 2 : 1;
        }
        if (c == ':') {
            if (i > 0 && s.charAt(i - 1) == ' ' && i + 1 < n && (s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '"')) {
                return 0; // psql's :'name' interpolates a variable: PASSWORD :'new_password'
            }
            if (i + 2 < n && s.charAt(i + 1) == ':' && s.charAt(i + 2) == ' ' && i > 0) {
                // LDIF's base64 value (userPassword:: e1NTSEF9...), a definition's "password :: x"; a
                // namespace path has no space after its "::"
                return 2;
            }
            return i + 1 < n && s.charAt(i + 1) == '=' ? 2 : 1;
        }
        if (c == '\uFF1A' || c == '\u2192' || c == '\u21D2' || c == '\u2254') {
            return 1; // a full-width colon; the arrows and the definition sign people type: password→x, pw ≔ x
        }
        if (c == '<' && i + 1 < n && s.charAt(i + 1) == '-' && i > 0 && s.charAt(i - 1) == ' ') {
            return 2; // R's assignment: password <- "x" (taken only before a quoted value)
        }
        if (c == '-' && i + 1 < n && s.charAt(i + 1) == '>' && (i == 0 || s.charAt(i - 1) != '-')) {
            return 2; // Scala's and Kotlin's map entries: "password" -> "x" (taken only before a quoted value)
        }
        if (c == '<' && i + 2 < n && s.charAt(i + 1) == '-' && s.charAt(i + 2) == ' ' && i > 0 && s.charAt(i - 1) == ' ') {
            return 2; // R's assignment: db_password <- "x" (taken only before a quoted value)
        }
        if (c == '.' && i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
            // a dot leader, as HikariCP's config log aligns its values: password.........x
            int run = 0;
            while (i + run < n && run < 80 && s.charAt(i + run) == '.') {
                run++;
            }
            return run >= MIN_DOT_LEADER && i + run < n && !Character.isWhitespace(s.charAt(i + run)) ? run : 0;
        }
        if (c == '%') {
            if (s.regionMatches(true, i, "%3D", 0, 3)) {
                return 3;
            }
            if (s.regionMatches(true, i, "%253D", 0, 5)) {
                return 5;
            }
        }
        return 0;
    }

    private static Pair pairAt(String s, int from, int sep, int sepLength) {
        int j = sep;
        if (j - 1 >= from && s.charAt(sep) == '=' && (s.charAt(j - 1) == '?' || s.charAt(j - 1) == '+')) {
            j--; // make's and the shells' conditional and appending assignments: DB_PASSWORD ?= x
        }
        int spaces = 0;
        while (j - 1 >= from && spaces < 3 && Character.isWhitespace(s.charAt(j - 1))) {
            j--;
            spaces++;
        }
        int closeEnd = j;
        boolean bareSubscript = false;
        if (j - 2 >= from && (s.charAt(j - 1) == ']' || s.charAt(j - 1) == '}')) {
            if (s.charAt(j - 2) == '"' || s.charAt(j - 2) == '\'') {
                j--; // a subscript: config['SECRET_KEY'] = ..., $_ENV["DB_PASSWORD"] = ..., $h{'pass'} = ...
            } else if ((s.charAt(j - 1) == ']' || s.charAt(j - 1) == '}') && isNameChar(s.charAt(j - 2))) {
                // a subscript by a symbol or a bare word: settings[:api_token] = ..., $cfg[password] = ...,
                // Perl's $ENV{DB_PASS} = ...
                j--;
                bareSubscript = true;
            }
        }
        if (j - 1 >= from && (s.charAt(j - 1) == '\u201D' || s.charAt(j - 1) == '\u2019') && j - 2 >= from
                && isNameChar(s.charAt(j - 2))) {
            j--; // typographic quotes, as chat and word processors turn "password": "x" into “password”: “x”
        } else if (j - 1 >= from && (s.charAt(j - 1) == '"' || s.charAt(j - 1) == '\'')) {
            j--;
            // JSON in a JSON string escapes its quote once, and once more at every further level
            for (int escapes = 0; escapes < MAX_ESCAPES && j - 1 >= from && s.charAt(j - 1) == '\\'; escapes++) {
                j--;
            }
        } else if (j - UNICODE_QUOTE.length() >= from && s.startsWith(UNICODE_QUOTE, j - UNICODE_QUOTE.length())) {
            j -= UNICODE_QUOTE.length(); // a serializer that escapes quotes as Unicode inside a string
        }
        int nameEnd = j;
        int k = nameEnd;
        while (nameEnd - k <= MAX_NAME + 2) {
            if (k - 3 >= from && isEncodedNameChar(s, k - 3)) {
                k -= 3; // a percent-encoded letter of the name: "api%5Fkey=", "%70assword="
            } else if (k - 1 >= from && isNameChar(s.charAt(k - 1))) {
                k--;
            } else {
                break;
            }
        }
        if (k == nameEnd || k - 1 >= from && isNameChar(s.charAt(k - 1))) {
            return null;
        }
        if (k - 1 >= from && s.charAt(k - 1) == '%') {
            // a query parameter of a URL nested, encoded, in another: "%3Fclient_secret%3D", "%26token%3D"
            if (s.regionMatches(true, k, "253F", 0, 4) || s.startsWith("2526", k)) {
                k += 4;
            } else if (s.regionMatches(true, k, "3F", 0, 2) || s.startsWith("26", k)) {
                k += 2;
            }
        }
        if (bareSubscript && !(k - 1 >= from && s.charAt(k - 1) == (s.charAt(closeEnd - 1) == '}' ? '{' : '[')
                || k - 2 >= from && s.charAt(k - 1) == ':' && s.charAt(k - 2) == '[')) {
            return null; // "list[0] = x" or a log's "[main] key: value": a name and a bracket, no subscript
        }
        int nameStart = k;
        while (nameStart < nameEnd && s.charAt(nameStart) == '-') {
            nameStart++; // a flag's dashes: "--password=", "-Dkey="
        }
        if (nameStart >= nameEnd || nameEnd - nameStart > MAX_NAME || nameStart - k > 2) {
            return null;
        }
        if (nameStart >= 2 && s.charAt(nameStart - 1) == '{' && s.charAt(nameStart - 2) == '$') {
            return null; // ${DB_PASSWORD:?required}: a shell expansion's operator, not a separator
        }
        char first = s.charAt(nameStart);
        if (!Character.isLetter(first) && first != '_' && !isEncodedNameChar(s, nameStart)) {
            return null;
        }
        int end = sep + sepLength;
        int separatorEnd = end;
        int after = 0;
        while (end < s.length() && after < 3 && Character.isWhitespace(s.charAt(end))) {
            end++;
            after++;
        }
        String openQuote = null;
        if (end < s.length()) {
            char c = s.charAt(end);
            if (c == '"' || c == '\'' || c == '\u201C' || c == '\u2018') {
                openQuote = String.valueOf(c);
                end++;
            } else if (s.startsWith(UNICODE_QUOTE, end)) {
                openQuote = UNICODE_QUOTE;
                end += UNICODE_QUOTE.length();
            } else if (c == '\\') {
                int quote = end + 1;
                while (quote < s.length() && quote - end < MAX_ESCAPES && s.charAt(quote) == '\\') {
                    quote++;
                }
                if (quote < s.length() && (s.charAt(quote) == '"' || s.charAt(quote) == '\'')) {
                    openQuote = s.substring(end, quote + 1);
                    end = quote + 1;
                }
            }
        }
        if (openQuote != null && nameEnd == sep && end == sep + 2 && s.charAt(sep) == ':' && nameStart > 0
                && s.charAt(nameStart - 1) == openQuote.charAt(0)) {
            return null; // "password:" quoted whole is a prompt's text, not a name and its value
        }
        if (openQuote == null && (s.charAt(sep) == '-' || s.charAt(sep) == '<')) {
            return null; // an arrow before an unquoted word is prose or code: "token -> refresh()", "key <- k + 1"
        }
        String separator = s.substring(closeEnd, openQuote == null ? end : end - openQuote.length());
        return new Pair(nameStart, nameEnd, s.substring(nameEnd, closeEnd), separator, separatorEnd, openQuote, end);
    }

    /** True for "%XX" at {@code at} that encodes a letter, a digit, '_', '.' or '-'. */
    static boolean isEncodedNameChar(String s, int at) {
        if (at + 2 >= s.length() || s.charAt(at) != '%') {
            return false;
        }
        int high = Character.digit(s.charAt(at + 1), 16);
        int low = Character.digit(s.charAt(at + 2), 16);
        return high >= 0 && low >= 0 && high < 8 && isNameChar((char) (high << 4 | low));
    }

    private static boolean isNameChar(char c) {
        // a vowel sign is part of the word: पासवर्ड, รหัสผ่าน
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || SanitizerKeys.isMark(c);
    }
}
