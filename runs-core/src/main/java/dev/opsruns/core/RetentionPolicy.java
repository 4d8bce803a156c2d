package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Duration;

/**
 * What the retention purge deletes: ended runs that finished longer ago than
 * {@code retention}, with their failures and notifications, {@code batchSize} runs per transaction.
 *
 * @param retention how long ended runs are kept
 * @param batchSize runs deleted per transaction, 1-50,000
 */
public record RetentionPolicy(Duration retention, int batchSize) {

    /** Default retention: 90 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    /** Default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    /** @return the default policy: 90 days of retention, 1,000 runs a batch */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(DEFAULT_RETENTION, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param retention how long ended runs are kept
     * @param batchSize runs deleted per transaction, 1-50,000
     * @throws InvalidRunInputException when the retention is not positive or the batch size out of range
     */
    public RetentionPolicy {
        Checks.notNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new InvalidRunInputException("retention", "must be a positive duration, but was " + retention);
        }
        if (batchSize < 1 || batchSize > 50_000) {
            throw new InvalidRunInputException("batchSize", "must be 1-50000, but was " + batchSize);
        }
    }
}
