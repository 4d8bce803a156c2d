package dev.opsruns.core.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds what each marker of a redacted text stands for in the text it was made from. The rules only
 * ever replace spans by markers ({@code [REDACTED]}, {@code [REDACTED private key]}), so walking both
 * texts finds each span's end as the place where the original matches what follows its marker.
 *
 * <p>Linear: both texts are walked forward once, and the search for a span's end moves forward only.
 */
final class SanitizerMarkers {

    /** Characters after a marker compared to find where the span it replaced ended. */
    private static final int ANCHOR = 16;

    /**
     * One replaced span.
     *
     * @param start where the span starts in the original
     * @param end where it ends in the original
     * @param marker where its marker starts in the redacted text
     * @param markerEnd where the marker ends in the redacted text
     */
    record Span(int start, int end, int marker, int markerEnd) {
    }

    private SanitizerMarkers() {
    }

    /**
     * The spans of {@code original} that {@code redacted} replaced by markers, in order, or null when
     * {@code redacted} is not {@code original} with spans replaced.
     */
    static List<Span> spans(String original, String redacted) {
        List<Span> spans = new ArrayList<>();
        int n = original.length();
        int m = redacted.length();
        int i = 0;
        int j = 0;
        while (j < m) {
            if (redacted.charAt(j) == '[' && redacted.startsWith("[REDACTED", j) && !original.startsWith("[REDACTED", i)) {
                int after = redacted.indexOf(']', j) + 1;
                int k;
                if (m - after <= ANCHOR) {
                    // the rest is short: it is the original's end, whatever it shares with the span
                    k = n - (m - after);
                    if (k <= i || !original.regionMatches(k, redacted, after, m - after)) {
                        return null;
                    }
                } else {
                    k = i + 1; // a marker stands for at least one character
                    while (k <= n - ANCHOR && !original.regionMatches(k, redacted, after, ANCHOR)) {
                        k++;
                    }
                    if (k > n - ANCHOR) {
                        return null;
                    }
                }
                spans.add(new Span(i, k, j, after));
                i = k;
                j = after;
            } else if (i < n && original.charAt(i) == redacted.charAt(j)) {
                i++;
                j++;
            } else {
                return null;
            }
        }
        return spans;
    }
}
