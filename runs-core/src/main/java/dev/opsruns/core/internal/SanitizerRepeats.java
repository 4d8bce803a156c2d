package dev.opsruns.core.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes a secret wherever else the message repeats it, once a rule has found it in one place: a tool
 * that echoes what it was given ({@code ERR unknown command 'AUHT', with args beginning with: 'x' (sent
 * AUTH x)}), a value logged twice, a password in a command and again in its error. A rule knows a
 * secret by what stands beside it; the copy elsewhere may have nothing beside it at all.
 *
 * <p>Linear in the text for each secret removed, and at most {@link #MAX_SECRETS} of them are looked for.
 */
final class SanitizerRepeats {

    /** Most distinct secrets looked for again. */
    static final int MAX_SECRETS = 16;

    /** Shortest secret looked for again: a shorter one is as likely a word of the message. */
    static final int MIN_LENGTH = 6;

    private SanitizerRepeats() {
    }

    /**
     * {@code redacted} (which is {@code original} with spans replaced by markers) with every other
     * occurrence of a replaced span's text replaced too.
     */
    static String redact(String original, String redacted) {
        if (redacted.equals(original) || redacted.indexOf('[') < 0) {
            return redacted;
        }
        Set<String> secrets = removed(original, redacted);
        String out = redacted;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, SanitizerRules.REDACTED);
            }
        }
        return out;
    }

    /** The texts the markers of {@code redacted} stand for that are worth looking for again. */
    private static Set<String> removed(String original, String redacted) {
        Set<String> secrets = new LinkedHashSet<>();
        List<SanitizerMarkers.Span> spans = SanitizerMarkers.spans(original, redacted);
        for (int s = 0; spans != null && s < spans.size() && secrets.size() < MAX_SECRETS; s++) {
            String secret = trimPunctuation(original.substring(spans.get(s).start(), spans.get(s).end()));
            if (isWorthRepeating(secret)) {
                secrets.add(secret);
            }
        }
        return secrets;
    }

    /** True for an address or a host name: digits, lower-case letters, '-' and ':' between dots. */
    private static boolean isHostLike(String text) {
        return text.indexOf('.') > 0 && text.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '.' || c == '-' || c == ':');
    }

    /** {@code text} without the spaces, quotes and brackets a span may have taken at its ends. */
    private static String trimPunctuation(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && " '\"([{<".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " '\")]}>,;.".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * True for a removed text that cannot be a word of the message: long enough, and not only
     * lower-case letters; a phrase of words only when it is long.
     */
    private static boolean isWorthRepeating(String secret) {
        if (secret.length() < MIN_LENGTH || secret.length() > 512 || secret.contains("[REDACTED")) {
            return false;
        }
        if (SanitizerValues.isPathLike(secret) || secret.indexOf('/') >= 0 || isHostLike(secret)) {
            return false; // a rule took a file or a host as the value; elsewhere it says where
        }
        boolean space = secret.indexOf(' ') >= 0;
        if (space && secret.length() < 12) {
            return false;
        }
        return space || !secret.chars().allMatch(c -> c >= 'a' && c <= 'z');
    }
}
