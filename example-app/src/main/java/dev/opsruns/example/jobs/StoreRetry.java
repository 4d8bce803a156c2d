package dev.opsruns.example.jobs;

import dev.opsruns.core.ReasonCode;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a database call that failed transiently ({@link TransientStoreErrors}), with exponential
 * backoff and jitter, for a bounded time; then it throws the last failure. A job's writes go through
 * it, so a dropped connection or a database restart of a few seconds does not end or park the run.
 */
public final class StoreRetry {

    /** Reason code of a run given up because the store could not be written within the retry time. */
    public static final ReasonCode STORE_UNAVAILABLE = ReasonCode.of("job.store_unavailable");

    /** No retries: every failure is thrown at once. */
    public static final StoreRetry NONE = new StoreRetry(Duration.ZERO);

    private static final Logger LOG = LoggerFactory.getLogger(StoreRetry.class);
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private final Duration timeout;

    /**
     * @param timeout how long to keep retrying after the first failure; zero for no retries
     */
    public StoreRetry(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or positive, but was " + timeout);
        }
        this.timeout = timeout;
    }

    /** @return how long a call is retried */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs the call, retrying transient failures until the timeout has passed. An interrupt during a
     * backoff ends the retries (the interrupt flag is kept) and throws the last failure.
     *
     * @param what what the call does, for the log ("record progress of run ...")
     * @param call the call
     * @param <T> its result
     * @return its result
     * @throws RuntimeException the call's failure: at once when it is not transient, else the last one
     */
    public <T> T call(String what, Supplier<T> call) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = call.get();
                if (attempt > 1) {
                    LOG.info("{}: succeeded on attempt {}", what, attempt);
                }
                return result;
            } catch (RuntimeException e) {
                long left = deadline - System.nanoTime();
                if (!TransientStoreErrors.isTransient(e) || left <= 0 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                long wait = Math.min(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1),
                        Math.max(1, left / 1_000_000));
                if (attempt == 1) {
                    LOG.warn("{}: the database did not answer ({}); retrying for up to {}", what,
                            e.getClass().getSimpleName(), timeout);
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /**
     * {@link #call} for a call without a result.
     *
     * @param what what the call does
     * @param call the call
     */
    public void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }
}
