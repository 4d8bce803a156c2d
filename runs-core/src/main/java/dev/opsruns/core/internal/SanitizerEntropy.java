package dev.opsruns.core.internal;

import java.util.Locale;

/**
 * The last pass: redacts a token that looks generated, whatever name or syntax it arrived under, the
 * idea of detect-secrets' Base64HighEntropyString. The passes before it know where secrets stand
 * (after a name, in a URL, in a flag); this one knows what they look like, for the shapes no rule
 * names yet: a session cookie in prose, a token in a WebSocket subprotocol, a key after an unmodelled
 * CLI flag.
 *
 * <p>A token counts when it is long, mixes upper case, lower case and digits, switches between them
 * as often as random text does, and has the entropy per character of random text. Words, camel-case
 * identifiers, hex hashes, GUIDs, host names and version strings fail one of those tests. A token is
 * kept when the word before it labels it as an id or a hash ("HostId: ...", "SHA256:...",
 * "sha512-..." integrity), or when it is a segment of a URL path.
 *
 * <p>One forward scan; each character is looked at a bounded number of times.
 */
final class SanitizerEntropy {

    /** Shorter tokens are too often names and ids to judge by their letters alone. */
    static final int MIN_LENGTH = 20;

    private static final int MAX_LABEL = 40;

    // JOSE and OAuth header fields that name a key or a request, never hold a secret: kid 'nOo3...'.
    private static final java.util.Set<String> JOSE_LABELS = java.util.Set.of("kid", "jti", "x5t", "x5ts256",
            "nonce", "state");

    // Labels of a public key: an OpenSSH key's type ("ssh-ed25519 AAAA..."), WireGuard's "peer: <key>".
    private static final java.util.Set<String> PUBLIC_KEY_LABELS = java.util.Set.of("sshed25519", "sshrsa", "sshdss",
            "ecdsasha2nistp256", "ecdsasha2nistp384", "ecdsasha2nistp521", "peer", "peers");

    // Words that give a hash's expected or actual value once a hash was named before them:
    // "content hash validation failed (expected <base64>)".
    private static final java.util.Set<String> COMPARED_VALUE_LABELS = java.util.Set.of("expected", "got", "actual",
            "wanted", "computed", "found", "received", "was");

    // Words for who owns a resource, before that owner's id: OpenAI's "organization org-...", a tenant.
    private static final java.util.Set<String> OWNER_LABELS = java.util.Set.of("organization", "organisation", "org",
            "tenant", "workspace", "project");

    // How far back a hash's name is looked for before "expected" or "got".
    private static final int MAX_HASH_CONTEXT = 80;

    private SanitizerEntropy() {
    }

    /** Replaces each generated-looking token of {@code s} with the redaction marker. */
    static String redact(String s) {
        int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        int urlEnd = -1; // inside a URL until here: its path segments are names, not secrets
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!isTokenChar(c)) {
                if (c == ':' && s.startsWith("//", i + 1)) {
                    urlEnd = whitespaceFrom(s, i);
                }
                i++;
                continue;
            }
            int start = i;
            int blob = i;
            while (blob < n && SanitizerPayloads.isEncodedChar(s.charAt(blob))) {
                blob++;
            }
            if (blob - start >= SanitizerPayloads.MIN_ENCODED_RUN) {
                i = blob; // a blob the payload pass omits whole, with its length
                continue;
            }
            while (i < n && isTokenChar(s.charAt(i))) {
                i++;
            }
            int end = i;
            while (i < n && s.charAt(i) == '=' && i - end < 2) {
                i++; // base64 padding belongs to the token
            }
            if (end - start < MIN_LENGTH) {
                continue;
            }
            if (isPathSegment(s, start, end, start < urlEnd) || isObjectId(s, start, end) || isBrokerName(s, start)
                    || !looksGenerated(s, start, end) || isLabelled(s, start)) {
                continue;
            }
            // base64's '/' split the token: its other pieces go with it ("corwXAUaiR0cUG1/j38u...")
            int whole = slashPieceBefore(s, start);
            if (whole < copied) {
                whole = start;
            }
            i = slashPiecesAfter(s, i);
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(s, copied, whole).append(SanitizerRules.REDACTED);
            copied = i;
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    /** Fewest numbers in a bracketed list of bytes that is taken for key material: a 256-bit key. */
    static final int MIN_KEY_BYTES = 32;

    /**
     * Redacts the numbers of each bracketed list of at least {@link #MIN_KEY_BYTES} bytes written in
     * decimal ({@code [174,47,154,...]}): how a Solana keypair file, a Rust {@code [u8; 32]} and a
     * Python list of a key's bytes print raw key material. Lists of ids, sizes or shapes are shorter or
     * hold numbers past 255.
     */
    static String redactByteArrays(String s) {
        int open = s.indexOf('[');
        if (open < 0) {
            return s;
        }
        int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        for (int i = open; i >= 0 && i < n; i = s.indexOf('[', i + 1)) {
            int close = byteListClose(s, i, MIN_KEY_BYTES);
            if (close > 0) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(s, copied, i + 1).append(SanitizerRules.REDACTED);
                copied = close;
                i = close;
            }
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    /**
     * The index of the ']' closing the bracketed list of decimal bytes that opens at {@code open}, when
     * it holds at least {@code min} of them; -1 otherwise. It reads no further than the list's first
     * character that is not a digit, comma or space.
     */
    static int byteListClose(String s, int open, int min) {
        int n = s.length();
        int count = 0;
        int value = 0;
        int digits = 0;
        for (int j = open + 1; j < n; j++) {
            char c = s.charAt(j);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return -1;
                }
            } else if (c == ',' || c == ']') {
                if (digits == 0) {
                    return -1;
                }
                count++;
                value = 0;
                digits = 0;
                if (c == ']') {
                    return count >= min ? j : -1;
                }
            } else if (c != ' ') {
                return -1;
            }
        }
        return -1;
    }

    /** Longest piece of a base64 token taken across a '/'. */
    private static final int MAX_PIECE = 128;

    /**
     * Where a generated token at {@code start} really starts when a '/' of its base64 alphabet comes
     * just before it: the piece before the '/' when that piece mixes upper case, lower case and digits
     * and starts the word (after a space, quote, brace or separator), not a path's parent directory.
     */
    private static int slashPieceBefore(String s, int start) {
        if (start < 2 || s.charAt(start - 1) != '/') {
            return start;
        }
        int i = start - 1;
        while (i > 0 && start - i <= MAX_PIECE && (isTokenChar(s.charAt(i - 1)) || s.charAt(i - 1) == '/')) {
            i--;
        }
        if (i > 0 && "/.:".indexOf(s.charAt(i - 1)) >= 0 && !(s.charAt(i - 1) == ':' && i >= 2
                && Character.isWhitespace(s.charAt(i - 2)))) {
            return start; // a path or a URL: its segments are names
        }
        return isMixedPiece(s, i, start - 1) ? i : start;
    }

    /** Where a generated token ending at {@code end} really ends when base64 pieces follow it across '/'. */
    private static int slashPiecesAfter(String s, int end) {
        int i = end;
        while (i + 1 < s.length() && s.charAt(i) == '/' && isTokenChar(s.charAt(i + 1)) && i - end <= MAX_PIECE) {
            int j = i + 1;
            while (j < s.length() && isTokenChar(s.charAt(j))) {
                j++;
            }
            while (j < s.length() && s.charAt(j) == '=' && j - i < MAX_PIECE) {
                j++;
            }
            boolean last = j >= s.length() || s.charAt(j) != '/';
            if (j < s.length() && s.charAt(j) == '.' || !isMixedPiece(s, i + 1, j) && !(last && j - i <= 4)) {
                return i; // "<token>/acme/linux-64/repodata.json": a path goes on, its segments are words
            }
            i = j;
        }
        return i;
    }

    /**
     * True when {@code s[start, end)} holds an upper-case letter, a lower-case letter and a digit, and no
     * '/': a piece of random base64, not a path's word.
     */
    private static boolean isMixedPiece(String s, int start, int end) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '/') {
                return false;
            }
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digit |= Character.isDigit(c);
        }
        return end - start >= 4 && upper && lower && digit;
    }

    // The symbols a password generator mixes in and identifiers, paths and URLs do not hold.
    static final String PASSWORD_SYMBOLS = "!#%^&*~?";

    /**
     * Redacts each word of {@code s} shaped like a generated password, whatever stands before it: ten
     * to forty characters mixing upper case, lower case, digits and a symbol of {@link #PASSWORD_SYMBOLS},
     * switching between them as random text does ("SgR#TO!79hMd" on a password file's line). Names,
     * paths, URLs, e-mail addresses and pairs hold a '.', '/', '@', ':' or '=' and are left alone, and so
     * are words with a capitalized word in them ("Task9!Failed") and a '!' or '?' that ends a sentence.
     */
    static String redactShortPasswords(String s) {
        int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int end = i;
            while (start < end && "'\"`([{<".indexOf(s.charAt(start)) >= 0) {
                start++;
            }
            while (end > start && "'\"`)]}>,;.!?".indexOf(s.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end - start >= 10 && end - start <= 40 && looksLikeGeneratedPassword(s, start, end)
                    && !SanitizerValues.isPlaceholder(s.subSequence(start, end))) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(s, copied, start).append(SanitizerRules.REDACTED);
                copied = end;
            }
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    private static boolean looksLikeGeneratedPassword(String s, int start, int end) {
        int upper = 0;
        int lower = 0;
        int digits = 0;
        int symbols = 0;
        int hashes = 0;
        int switches = 0;
        int previous = -1;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            int kind = charClass(c);
            if (kind == UPPER) {
                upper++;
            } else if (kind == LOWER) {
                lower++;
            } else if (kind == DIGIT) {
                digits++;
            } else if (PASSWORD_SYMBOLS.indexOf(c) >= 0) {
                hashes += c == '#' ? 1 : 0;
                if (c == '%' && i + 2 < end && Character.digit(s.charAt(i + 1), 16) >= 0
                        && Character.digit(s.charAt(i + 2), 16) >= 0) {
                    return false; // percent-encoded text
                }
                symbols++;
            } else if (c != '-' && c != '_' && c != '+') {
                return false; // '.', '/', '@', ':', '=', '$' and the rest: names, paths, pairs
            }
            if (previous >= 0 && kind != previous) {
                switches++;
            }
            previous = kind;
        }
        int n = end - start;
        if (hasCapitalizedWord(s, start, end)) {
            return false; // "Task9!Failed", "Sheet1!B12": words a person or a program wrote
        }
        // '#' alone numbers things ("ORD#A1b2C3", "x5t#S256"); a generator's symbols are others too
        return upper > 0 && lower > 0 && digits > 0 && symbols > hashes && upper + lower >= 3
                && switches * 5 >= (n - 1) * 2 && PASSWORD_SYMBOLS.indexOf(s.charAt(start)) < 0;
    }

    private static final int UPPER = 0;
    private static final int LOWER = 1;
    private static final int DIGIT = 2;
    private static final int OTHER = 3;

    /** @return the ASCII class of {@code c} whose changes along a token tell generated text */
    private static int charClass(char c) {
        if (c >= 'A' && c <= 'Z') {
            return UPPER;
        }
        if (c >= 'a' && c <= 'z') {
            return LOWER;
        }
        return c >= '0' && c <= '9' ? DIGIT : OTHER;
    }

    /** True when {@code s[start, end)} holds a capital and three or more lower-case letters after it. */
    private static boolean hasCapitalizedWord(String s, int start, int end) {
        for (int i = start; i + 3 < end; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z' && isLower(s.charAt(i + 1)) && isLower(s.charAt(i + 2)) && isLower(s.charAt(i + 3))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** Segments at least this long are generated even in a path: a reset link's or an invite's token. */
    private static final int MIN_PATH_SECRET = 32;

    /**
     * True for a segment of a URL path, or of a path whose previous segment is a word
     * ({@code /orders/-Nf3kQ9zL2xW8vRaB1c2}), shorter than {@value #MIN_PATH_SECRET}: the id of what was
     * asked for. A base64 secret broken by its own '/' has no word before it.
     */
    private static boolean isPathSegment(String s, int start, int end, boolean inUrl) {
        if (start == 0 || s.charAt(start - 1) != '/' || end - start >= MIN_PATH_SECRET) {
            return false;
        }
        if (inUrl) {
            return true;
        }
        int i = start - 1;
        int letters = 0;
        while (i > 0 && s.charAt(i - 1) >= 'a' && s.charAt(i - 1) <= 'z' && letters < 64) {
            i--;
            letters++;
        }
        return letters >= 2 && (i == 0 || s.charAt(i - 1) == '/' || Character.isWhitespace(s.charAt(i - 1)));
    }

    /** Letters, digits and the symbols of base64 and base64url; a '/' or '.' ends a token, as in paths. */
    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '_'
                || c == '-';
    }

    private static int whitespaceFrom(String s, int from) {
        int i = from;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '"' && s.charAt(i) != '\'') {
            i++;
        }
        return i;
    }

    /**
     * True for a token with upper case, lower case and digits mixed as generated text mixes them: a
     * change of character class at a third of its positions or more (camel case changes once a word)
     * and an entropy per character near that of random text of its length.
     */
    static boolean looksGenerated(CharSequence s, int start, int end) {
        int n = end - start;
        int upper = 0;
        int lower = 0;
        int digits = 0;
        int switches = 0;
        int previous = -1;
        for (int i = start; i < end; i++) {
            int kind = charClass(s.charAt(i));
            upper += kind == UPPER ? 1 : 0;
            lower += kind == LOWER ? 1 : 0;
            digits += kind == DIGIT ? 1 : 0;
            if (previous >= 0 && kind != previous) {
                switches++;
            }
            previous = kind;
        }
        if (upper < 2 || lower < 2 || digits < 2 || switches * 3 < n - 1) {
            return false; // most tokens (GUIDs, hex, words, camel case) stop here, before counting
        }
        int[] counts = new int[128];
        for (int i = start; i < end; i++) {
            counts[s.charAt(i)]++;
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / n;
                entropy -= p * Math.log(p);
            }
        }
        double bits = entropy / Math.log(2);
        // random base62 of n characters has nearly log2(n) bits per character up to about 5.5
        double expected = Math.min(4.2, Math.log(n) / Math.log(2) - 0.7);
        return bits >= expected;
    }

    /**
     * "id", "HostId", "request-id", "RequestID", "x-amz-cf-id": a word for id, not a word ending in its
     * letters ("invalid", "paid").
     */
    private static boolean isIdLabel(String label) {
        String l = label.endsWith("s") ? label.substring(0, label.length() - 1) : label;
        int digits = l.length();
        while (digits > 0 && Character.isDigit(l.charAt(digits - 1))) {
            digits--;
        }
        if (digits < l.length() && digits > 3 && l.charAt(digits - 1) == '-') {
            l = l.substring(0, digits - 1); // S3's x-amz-id-2: a second id, numbered
        }
        int n = l.length();
        if (n < 2 || !l.regionMatches(true, n - 2, "id", 0, 2)) {
            return false;
        }
        if (n == 2) {
            return true;
        }
        char before = l.charAt(n - 3);
        boolean camel = l.charAt(n - 2) == 'I' && (l.charAt(n - 1) == 'd' || Character.isLowerCase(before));
        return camel || before == '_' || before == '-' || before == '.';
    }

    /**
     * True for an API object's id, a short type prefix and a generated part of at most
     * {@value #MAX_OBJECT_ID} characters ({@code pi_3MtwBw...}, {@code evt_1NG8...}, {@code cus_...}):
     * the thing a request was about, which is not a credential. Keys with such prefixes are longer or
     * are known formats, redacted before this pass.
     */
    private static boolean isObjectId(String s, int start, int end) {
        int i = start;
        while (i < end && i - start <= 10 && s.charAt(i) >= 'a' && s.charAt(i) <= 'z') {
            i++;
        }
        if (i == start || i - start > 10 || i >= end || s.charAt(i) != '_') {
            return false;
        }
        int second = s.indexOf('_', i + 1);
        return end - i - 1 <= MAX_OBJECT_ID && (second < 0 || second >= end);
    }

    private static final int MAX_OBJECT_ID = 28;

    /**
     * True for a name in RabbitMQ's reserved {@code amq.} namespace, which only the broker generates
     * (a consumer tag {@code amq.ctag-...}, a server-named queue {@code amq.gen-...}).
     */
    private static boolean isBrokerName(String s, int start) {
        return start >= 4 && s.startsWith("amq.", start - 4) && (start == 4 || !isTokenChar(s.charAt(start - 5)));
    }

    /**
     * True when the word just before the token says what it is: an id, a hash, a fingerprint, a
     * version ("HostId: x", "SHA256:x", "request-id x", "sha512-x" of a package lock).
     */
    private static boolean isLabelled(String s, int start) {
        if (labelledAt(s, start)) {
            return true;
        }
        // a base64 hash broken by its own '/' ("sha512-VeEv.../x6b...", "h1:0Bfq.../dA="): the label
        // stands before the start of the whole run
        int runStart = start;
        while (runStart > 0 && start - runStart < 256 && (isTokenChar(s.charAt(runStart - 1))
                || s.charAt(runStart - 1) == '/' || s.charAt(runStart - 1) == '=')) {
            runStart--;
        }
        return runStart < start && s.lastIndexOf('/', start) >= runStart && labelledAt(s, runStart);
    }

    private static boolean labelledAt(String s, int start) {
        int dash = s.indexOf('-', start);
        if (dash > start && dash - start <= 7) {
            String prefix = s.substring(start, dash).toLowerCase(Locale.ROOT);
            if (prefix.startsWith("sha") || prefix.equals("md5")) {
                return true; // subresource integrity: sha512-<base64>
            }
        }
        int i = start;
        int separators = 0;
        while (i > 0 && separators < 4 && " :=\"'#([".indexOf(s.charAt(i - 1)) >= 0) {
            i--;
            separators++;
        }
        int labelEnd = i;
        while (i > 0 && labelEnd - i < MAX_LABEL && (Character.isLetterOrDigit(s.charAt(i - 1))
                || "-_.".indexOf(s.charAt(i - 1)) >= 0)) {
            i--;
        }
        if (i == labelEnd) {
            return false;
        }
        String label = s.substring(i, labelEnd);
        String key = SanitizerKeys.normalize(label);
        if (COMPARED_VALUE_LABELS.contains(key)) {
            String context = s.substring(Math.max(0, i - MAX_HASH_CONTEXT), i).toLowerCase(Locale.ROOT);
            return context.contains("hash") || context.contains("checksum") || context.contains("digest")
                    || context.contains("integrity") || context.contains("sha");
        }
        return isIdLabel(label) || key.contains("public") || PUBLIC_KEY_LABELS.contains(key)
                || JOSE_LABELS.contains(key) || key.contains("hash") || key.contains("digest")
                || key.contains("sha") || key.contains("md5") || key.contains("checksum") || key.contains("etag")
                || key.contains("fingerprint") || key.contains("thumbprint") || key.contains("integrity")
                || key.contains("commit") || key.contains("revision") || key.contains("version")
                || key.contains("trace") || key.contains("span") || key.contains("correlation")
                || key.contains("request") || key.equals("build") || key.equals("object") || key.contains("serial")
                || key.equals("h1") // a Go module's dirhash: h1:<base64 of SHA-256>
                || OWNER_LABELS.contains(key); // "in organization org-Q1w2E3r4T5y6U7i8": whose, not a key
    }
}
