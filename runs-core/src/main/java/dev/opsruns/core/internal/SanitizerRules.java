package dev.opsruns.core.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential redaction passes of {@link StandardFailureSanitizer}, in the order they run: private
 * key blocks, {@code name=value} pairs (plain text, query strings, headers, JSON, connection strings),
 * XML elements, URL user-info, bare {@code Bearer}/{@code Basic} credentials, and finally the
 * well-known token formats of {@link SanitizerTokenFormats}. A secret value is replaced by
 * {@value #REDACTED}; its name is kept so the message still says what was wrong.
 *
 * <p>The passes expect the bounded window the sanitizer cuts (a few KiB of one cleaned line). Each is
 * either a hand-written scan or a loop over a pattern whose quantifiers are bounded or possessive, and
 * each loop resumes after what it consumed, so the work stays linear in the window.
 */
final class SanitizerRules {

    /** What a secret value is replaced with. */
    static final String REDACTED = "[REDACTED]";

    /** What a private key block, header to footer, is replaced with. */
    static final String REDACTED_PRIVATE_KEY = "[REDACTED private key]";

    private static final Pattern PEM_PRIVATE_KEY_HEADER =
            Pattern.compile("-----BEGIN[ A-Z0-9_-]{0,64}PRIVATE KEY(?: BLOCK)?-----");

    /*
     * A name, an optional closing quote, a separator and an optional opening quote. The name must not
     * follow a word character, '.', '-' or '/', so it is matched whole and never as the last segment of
     * a URL path ("/oauth2/token: 400" keeps its status); it may follow an URL-encoded '?' or '&', as
     * in a redirect URL nested in a query string.
     */
    private static final Pattern PAIR = Pattern.compile(
            "(?:(?<![\\w.\\-/])|(?<=%3[Ff]|%26))([A-Za-z_][\\w.\\-]{0,63}+)(\\\\?[\"']?)(\\s{0,3}+(?:=>|:=|[:=]|%3[Dd])\\s{0,3}+)(\\\\?[\"'])?");

    private static final Pattern XML_OPEN_TAG = Pattern.compile("<([A-Za-z_][\\w.:\\-]{0,63}+)(?:\\s[^<>]{0,512}+)?>");

    private static final Pattern URL_USER_INFO =
            Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.\\-]{0,30}+://)([^\\s/?#@\"'<>\\[\\]]{1,512}+)@");

    private static final Pattern SCHEME_CREDENTIAL =
            Pattern.compile("(?i)\\b(bearer|basic|negotiate|ntlm)\\s{1,3}+([A-Za-z0-9._~+/\\-]{1,8192}+=*+)");

    // Authorization schemes that are not a single word of letters.
    private static final String[] COMPOUND_SCHEMES = {"AWS4-HMAC-SHA256", "GOOG4-HMAC-SHA256", "GOOG4-RSA-SHA256",
        "SCRAM-SHA-256", "SCRAM-SHA-1"};

    private static final int MAX_SCHEME_LENGTH = 24;

    // How far back a connection string's previous "key=value" is looked for.
    private static final int MAX_PREVIOUS_PAIR = 256;

    private SanitizerRules() {
    }

    /** Applies every redaction pass to {@code s}. */
    static String redact(String s) {
        String out = redactPrivateKeys(s);
        out = redactPairs(out);
        out = redactXmlElements(out);
        out = redactUrlUserInfo(out);
        out = redactSchemeCredentials(out);
        return SanitizerTokenFormats.redact(out, REDACTED);
    }

    /**
     * Replaces each private key block from its header through its footer. A block whose footer is
     * missing (the message was cut, or the key spans lines the sanitizer dropped) is redacted to the
     * end of the text: everything after a private key header is key material until proven otherwise.
     */
    static String redactPrivateKeys(String s) {
        int at = s.indexOf("-----BEGIN");
        if (at < 0) {
            return s;
        }
        Matcher header = PEM_PRIVATE_KEY_HEADER.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        while (at >= 0) {
            header.region(at, s.length());
            if (!header.lookingAt()) {
                at = s.indexOf("-----BEGIN", at + 1);
                continue;
            }
            int end = s.length();
            int footer = s.indexOf("-----END", header.end());
            if (footer >= 0) {
                int close = s.indexOf("-----", footer + 8);
                end = close >= 0 && close - footer <= 80 ? close + 5 : footer + 8;
            }
            out.append(s, copied, at).append(REDACTED_PRIVATE_KEY);
            copied = end;
            at = s.indexOf("-----BEGIN", end);
        }
        return out.append(s, copied, s.length()).toString();
    }

    /** Redacts the values of sensitive {@code name=value}, {@code name: value} and JSON pairs. */
    static String redactPairs(String s) {
        Matcher m = PAIR.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        int from = 0;
        while (from < s.length() && m.find(from)) {
            from = m.end(1);
            String name = m.group(1);
            if (!SanitizerKeys.isSensitive(name)) {
                continue;
            }
            int[] span = valueSpan(s, m);
            if (span == null) {
                continue;
            }
            out.append(s, copied, span[0]).append(REDACTED);
            copied = span[1];
            from = Math.max(from, span[1]);
        }
        return out.append(s, copied, s.length()).toString();
    }

    /** The part of a pair's value to replace, or null when there is nothing to hide. */
    private static int[] valueSpan(String s, Matcher m) {
        String name = m.group(1);
        String openQuote = m.group(4);
        int start = m.end();
        boolean authorization = SanitizerKeys.isAuthorizationHeader(name);
        if (openQuote != null) {
            int end = closingQuote(s, start, openQuote);
            int from = authorization ? afterScheme(s, start, end) : start;
            return nonValue(s, from, end) ? null : new int[] {from, end};
        }
        if (start >= s.length() || s.charAt(start) == '{' || s.charAt(start) == '[') {
            // Nested objects have their own pairs, which this loop reaches next.
            return null;
        }
        int end;
        if (authorization) {
            start = afterScheme(s, start, s.length());
            end = plainEnd(s, start, false);
        } else if (name.toLowerCase(Locale.ROOT).contains("cookie")) {
            // A cookie header holds several name=value pairs; all of them are session material.
            end = endAtAny(s, start, "\"'<>");
        } else if (inConnectionString(s, m.start(1))) {
            // Connection string values run to the next ';' and may contain spaces.
            end = endAtAny(s, start, ";\"'");
        } else {
            end = plainEnd(s, start, true);
            boolean colon = m.group(3).trim().equals(":") && m.group(2).isEmpty();
            if (colon && (SanitizerKeys.isCodeLike(name) || SanitizerKeys.isWeakName(name))
                    && !SanitizerKeys.looksLikeCredential(s.subSequence(start, end))) {
                // "InvalidAuthenticationToken: Access token has expired" is an error code and its text,
                // "duplicate key: user_email" a sentence; a credential after them is still redacted.
                return null;
            }
        }
        return nonValue(s, start, end) ? null : new int[] {start, end};
    }

    private static boolean nonValue(String s, int start, int end) {
        return end <= start || SanitizerKeys.isNonValue(s.substring(start, end));
    }

    /**
     * Index of the quote closing a value opened by {@code openQuote} at {@code start}; the end of the
     * text when it never closes, so a cut-off value is still redacted.
     */
    private static int closingQuote(String s, int start, String openQuote) {
        char quote = openQuote.charAt(openQuote.length() - 1);
        if (openQuote.length() == 2) {
            // An escaped quote (JSON inside a JSON string): it closes at the next backslash-quote.
            int at = s.indexOf(quote, start);
            if (at < 0) {
                return s.length();
            }
            return at > start && s.charAt(at - 1) == '\\' ? at - 1 : at;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return s.length();
    }

    /** End of an unquoted value: the first delimiter, or an URL-encoded '&' when {@code query}. */
    private static int plainEnd(String s, int start, boolean query) {
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || "\"'<>,;)]}|`".indexOf(c) >= 0 || (query && c == '&')) {
                return i;
            }
            if (query && c == '%' && s.startsWith("26", i + 1)) {
                return i;
            }
        }
        return s.length();
    }

    private static int endAtAny(String s, int start, String delimiters) {
        for (int i = start; i < s.length(); i++) {
            if (delimiters.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /**
     * Where the credential starts in an authorization value: after its scheme ("Bearer ", "Basic ",
     * "AWS4-HMAC-SHA256 "), which says which kind of credential failed and is kept. A first word with
     * digits or symbols is not a scheme but the credential itself.
     */
    private static int afterScheme(String s, int start, int limit) {
        int schemeEnd = -1;
        for (String scheme : COMPOUND_SCHEMES) {
            if (s.regionMatches(true, start, scheme, 0, scheme.length())) {
                schemeEnd = start + scheme.length();
                break;
            }
        }
        if (schemeEnd < 0) {
            int i = start;
            while (i < limit && i - start <= MAX_SCHEME_LENGTH && isAsciiLetter(s.charAt(i))) {
                i++;
            }
            schemeEnd = i - start >= 2 && i - start <= MAX_SCHEME_LENGTH ? i : -1;
        }
        if (schemeEnd < 0 || schemeEnd + 1 >= limit || s.charAt(schemeEnd) != ' ') {
            return start;
        }
        return schemeEnd + 1;
    }

    /*
     * A name right after "key=value;" is inside a connection string ("User ID=ops;Password=..."); one
     * after a ';' ending a path ("/home;jsessionid=...") is not.
     */
    private static boolean inConnectionString(String s, int nameStart) {
        int i = nameStart - 1;
        if (i >= 0 && s.charAt(i) == ' ') {
            i--;
        }
        if (i < 0 || s.charAt(i) != ';') {
            return false;
        }
        for (int j = i - 1; j >= 0 && j >= i - MAX_PREVIOUS_PAIR; j--) {
            char c = s.charAt(j);
            if (c == '=') {
                return true;
            }
            if (c == ';' || c == ' ') {
                return false;
            }
        }
        return false;
    }

    /** Redacts the text of sensitive XML elements: {@code <password>x</password>}, {@code <ns:ClientSecret>}. */
    static String redactXmlElements(String s) {
        if (s.indexOf('<') < 0) {
            return s;
        }
        Matcher m = XML_OPEN_TAG.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        int from = 0;
        while (from < s.length() && m.find(from)) {
            from = m.end();
            String name = m.group(1);
            String localName = name.substring(name.lastIndexOf(':') + 1);
            if (s.charAt(m.end() - 2) == '/' || !SanitizerKeys.isSensitive(localName)) {
                continue;
            }
            int start = m.end();
            int end;
            if (s.startsWith("<![CDATA[", start)) {
                int close = s.indexOf("]]>", start);
                end = close < 0 ? s.length() : close + 3;
            } else {
                int next = s.indexOf('<', start);
                end = next < 0 ? s.length() : next;
            }
            if (nonValue(s, start, end)) {
                continue;
            }
            out.append(s, copied, start).append(REDACTED);
            copied = end;
            from = end;
        }
        return out.append(s, copied, s.length()).toString();
    }

    /**
     * Replaces URL user-info that holds a password ({@code https://user:pass@host}) or looks like a
     * token ({@code https://<token>@host}); a plain user name ({@code ftp://anonymous@host}) is kept.
     */
    static String redactUrlUserInfo(String s) {
        if (s.indexOf("://") < 0) {
            return s;
        }
        return URL_USER_INFO.matcher(s).replaceAll(m -> {
            String userInfo = m.group(2);
            boolean secret = userInfo.indexOf(':') >= 0
                    || userInfo.length() >= 16 && SanitizerKeys.looksLikeCredential(userInfo);
            return Matcher.quoteReplacement(secret ? m.group(1) + REDACTED + "@" : m.group());
        });
    }

    /** Redacts credentials after a scheme word outside any header: "sent Bearer abc.def" and the like. */
    static String redactSchemeCredentials(String s) {
        return SCHEME_CREDENTIAL.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                SanitizerKeys.looksLikeCredential(m.group(2)) ? m.group(1) + " " + REDACTED : m.group()));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
