package dev.opsruns.jdbi.internal;

import dev.opsruns.core.StatusBucket;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the statistics rollup adds up for one run type over some time: one hour of the rollup table, one
 * slot of a window's series, or the whole window. Runs created; runs ended by bucket, with the
 * durations of those that had started and the reason codes of the failed; the queue latencies of runs
 * started. Which of them a use fills is the use's business (a slot has no created runs).
 */
final class StatisticsTotals {

    /** The buckets an ended run can be in, each a column of the rollup table named for its API name. */
    static final StatusBucket[] ENDED = {StatusBucket.SUCCEEDED, StatusBucket.PARTIALLY_SUCCEEDED, StatusBucket.FAILED};

    long created;
    final Map<StatusBucket, Long> ended = new EnumMap<>(StatusBucket.class);
    final DurationHistogram durations = new DurationHistogram();
    final DurationHistogram latencies = new DurationHistogram();
    /** Reason code to runs; sorted, so the stored text of an hour is always the same. */
    final Map<String, Long> reasons = new TreeMap<>();

    /** Counts {@code n} runs ended in {@code bucket} (none when {@code n} is 0). */
    void ended(StatusBucket bucket, long n) {
        if (n > 0) {
            ended.merge(bucket, n, Long::sum);
        }
    }

    /** @return whether nothing at all was counted */
    boolean isEmpty() {
        return created == 0 && ended.isEmpty() && latencies.count() == 0;
    }

    /** @return the reasons in the stored text form {@code code:runs,code:runs}, or null for none */
    String encodeReasons() {
        if (reasons.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        reasons.forEach((code, n) -> out.append(out.length() == 0 ? "" : ",").append(code).append(':').append(n));
        return out.toString();
    }

    /**
     * Adds reasons from their stored text form (reason codes hold neither {@code :} nor {@code ,}).
     *
     * @param text what {@link #encodeReasons} gave, or null
     */
    void addEncodedReasons(String text) {
        if (text == null) {
            return;
        }
        for (String pair : text.split(",")) {
            int colon = pair.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("not stored reasons: " + text);
            }
            reasons.merge(pair.substring(0, colon), Long.parseLong(pair.substring(colon + 1)), Long::sum);
        }
    }
}
