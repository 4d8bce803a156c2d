package dev.opsruns.jdbi.internal;

import dev.opsruns.core.DurationSummary;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

/**
 * Durations in microseconds counted in logarithmic bins, so that summaries of many hours merge by
 * adding counts and still give every percentile within {@link DurationSummary#PERCENTILE_ERROR}. Bin
 * {@code i} holds the values in {@code (γ^(i-1), γ^i]} with {@code γ = (1 + α) / (1 - α)}, and stands
 * for {@code 2γ^i / (γ + 1)}, which is within {@code α} of every value in it (the DDSketch scheme);
 * a percentile interpolated between two such estimates is then within {@code α} of the exact
 * interpolation too. Values under a microsecond share one bin that stands for zero. The count and the
 * maximum are kept exactly.
 *
 * <p>The text form ({@link #encode}, {@link #decode}) is what the rollup table stores: the maximum,
 * then {@code bin:count} pairs in bin order, for example {@code "91234;0:1,412:7,413:2"}.
 */
final class DurationHistogram {

    private static final double ALPHA = DurationSummary.PERCENTILE_ERROR;
    private static final double GAMMA = (1 + ALPHA) / (1 - ALPHA);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    /** The bin of values under a microsecond. */
    private static final int ZERO_BIN = -1;

    /** Counts from bin {@code offset} on; grown as values arrive. */
    private long[] counts = new long[0];
    private int offset;
    private long count;
    private long max = Long.MIN_VALUE;

    /** @param micros a duration in microseconds */
    void add(long micros) {
        add(binOf(micros), 1);
        max = Math.max(max, micros);
    }

    /** Adds every value of {@code other}. */
    void addAll(DurationHistogram other) {
        for (int i = 0; i < other.counts.length; i++) {
            if (other.counts[i] > 0) {
                add(other.offset + i, other.counts[i]);
            }
        }
        max = Math.max(max, other.max);
    }

    /** @return how many values it holds */
    long count() {
        return count;
    }

    /** @return the percentiles, count and maximum, or empty when it holds no value */
    Optional<DurationSummary> summary() {
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(new DurationSummary(percentile(0.5).orElseThrow(), percentile(0.95).orElseThrow(),
                Duration.of(max, ChronoUnit.MICROS), count));
    }

    /**
     * @param p between 0 and 1
     * @return the estimated continuous percentile (never above the maximum), or empty when it holds no value
     */
    Optional<Duration> percentile(double p) {
        if (count == 0) {
            return Optional.empty();
        }
        double rank = p * (count - 1);
        long below = (long) rank;
        long above = Math.min(below + 1, count - 1);
        double low = estimateAt(below);
        double value = low + (rank - below) * (estimateAt(above) - low);
        return Optional.of(Duration.of(Math.min(Math.round(value), max), ChronoUnit.MICROS));
    }

    /** @return the estimate of the value at 0-based rank {@code rank} in ascending order */
    private double estimateAt(long rank) {
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen > rank) {
                return estimateOf(offset + i);
            }
        }
        throw new IllegalStateException("rank " + rank + " of " + count);
    }

    /** @return the histogram in its stored text form */
    String encode() {
        StringBuilder out = new StringBuilder(16 + counts.length * 4).append(max).append(';');
        boolean first = true;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                if (!first) {
                    out.append(',');
                }
                out.append(offset + i).append(':').append(counts[i]);
                first = false;
            }
        }
        return out.toString();
    }

    /**
     * Adds the values of a stored text form.
     *
     * @param text what {@link #encode} gave, or null for none
     * @throws IllegalArgumentException when the text is not such a form
     */
    void addEncoded(String text) {
        if (text == null) {
            return;
        }
        int semicolon = text.indexOf(';');
        if (semicolon < 0) {
            throw new IllegalArgumentException("not a stored histogram: " + text);
        }
        int at = semicolon + 1;
        boolean any = false;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            int comma = text.indexOf(',', at);
            int end = comma < 0 ? text.length() : comma;
            if (colon < 0 || colon > end) {
                throw new IllegalArgumentException("not a stored histogram: " + text);
            }
            add(Integer.parseInt(text, at, colon, 10), Long.parseLong(text, colon + 1, end, 10));
            any = true;
            at = end + 1;
        }
        if (any) {
            max = Math.max(max, Long.parseLong(text, 0, semicolon, 10));
        }
    }

    private void add(int bin, long n) {
        if (counts.length == 0) {
            counts = new long[8];
            offset = bin;
        } else if (bin < offset) {
            int grow = Math.max(offset - bin, counts.length / 2);
            long[] bigger = new long[counts.length + grow];
            System.arraycopy(counts, 0, bigger, grow, counts.length);
            counts = bigger;
            offset -= grow;
        } else if (bin - offset >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(bin - offset + 1, counts.length * 2));
        }
        counts[bin - offset] += n;
        count += n;
    }

    static int binOf(long micros) {
        return micros < 1 ? ZERO_BIN : (int) Math.ceil(Math.log(micros) / LOG_GAMMA);
    }

    private static double estimateOf(int bin) {
        return bin == ZERO_BIN ? 0 : 2 * Math.pow(GAMMA, bin) / (GAMMA + 1);
    }
}
