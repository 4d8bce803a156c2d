package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import dev.opsruns.core.internal.OpenRecorders;
import dev.opsruns.core.internal.RecorderAware;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Coalesces a worker's per-item progress into one atomic increment per flush interval, so a run with
 * 100,000 items costs a few hundred commits, not 100,000. Safe to use from many threads.
 *
 * <p>Recording is in memory. A flush happens when a recording call finds the interval elapsed, on
 * {@link #flush()}, on {@link #close()}, and — when a scheduler is given — every interval even if no
 * item finished (that flush refreshes the heartbeat). Each flush is one
 * {@link RunRegistry#recordProgress} call, which also refreshes the run's heartbeat.
 *
 * <p><b>Failed items</b> are not counted here: {@link RunRegistry#recordItemFailure} counts each one
 * as it stores why it failed, so no failure can be counted twice.
 *
 * <p><b>Ending a run</b> while its recorder is open loses nothing: when the recorder was built on a
 * ledger's own registry, {@link RunRegistry#finish}, {@code fail} and {@code abort} first flush every
 * recorder open on the run. Counts recorded after the end are refused when they are flushed.
 *
 * <p><b>What a crash loses:</b> at most the deltas recorded since the last flush (one interval's
 * worth). The run then stops sending heartbeats and the reaper ends it as {@code run.stale}.
 *
 * <pre>{@code
 * try (ProgressRecorder progress = ProgressRecorder.builder(registry, runId).build()) {
 *     for (Item item : items) { process(item); progress.succeeded(1); }
 * }
 * registry.finish(runId);
 * }</pre>
 */
public final class ProgressRecorder implements AutoCloseable {

    /** The default flush interval: one second. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final RunRegistry registry;
    private final RunId runId;
    /** The claim the flushes are fenced with, or null for a run worked without a claim. */
    private final RunClaim claim;
    private final long intervalNanos;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final ScheduledFuture<?> periodic;
    private volatile long lastFlushNanos = System.nanoTime();
    private volatile boolean closed;
    /** The ledger's open recorders, so an end flushes this one first; null for registries of other kinds. */
    private final OpenRecorders openRecorders;
    private final OpenRecorders.Flushable flushHandle;

    private ProgressRecorder(Builder b) {
        this.registry = b.registry;
        this.runId = b.runId;
        this.claim = b.claim;
        this.intervalNanos = b.flushInterval.toNanos();
        this.openRecorders = b.registry instanceof RecorderAware aware ? aware.openRecorders() : null;
        this.flushHandle = this::flush;
        if (openRecorders != null) {
            openRecorders.opened(runId, flushHandle);
        }
        this.periodic = b.scheduler == null ? null
                : b.scheduler.scheduleWithFixedDelay(this::scheduledFlush, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * @param registry the registry to flush into
     * @param runId the running run
     * @return a builder
     * @throws InvalidRunInputException when an argument is null
     */
    public static Builder builder(RunRegistry registry, RunId runId) {
        return new Builder(Checks.notNull(registry, "registry"), Checks.notNull(runId, "runId"), null);
    }

    /**
     * A recorder whose flushes carry a claim, for a run a worker claimed: once the claim is taken over
     * its flushes are refused ({@link RunClaimRefusedException}).
     *
     * @param registry the registry to flush into
     * @param claim the worker's claim
     * @return a builder
     * @throws InvalidRunInputException when an argument is null
     */
    public static Builder builder(RunRegistry registry, RunClaim claim) {
        Checks.notNull(claim, "claim");
        return new Builder(Checks.notNull(registry, "registry"), claim.runId(), claim);
    }

    /**
     * @param n items that succeeded, zero or more
     * @throws InvalidRunInputException when negative
     * @throws IllegalStateException when closed
     */
    public void succeeded(long n) {
        add(succeeded, n, "succeeded");
    }

    /**
     * @param n items that were skipped, zero or more
     * @throws InvalidRunInputException when negative
     * @throws IllegalStateException when closed
     */
    public void skipped(long n) {
        add(skipped, n, "skipped");
    }

    private void add(AtomicLong counter, long n, String field) {
        Checks.notNegative(n, field);
        if (closed) {
            throw new IllegalStateException("progress recorder of run " + runId + " is closed");
        }
        counter.addAndGet(n);
        if (System.nanoTime() - lastFlushNanos >= intervalNanos && flushLock.tryLock()) {
            try {
                flushLocked(false);
            } finally {
                flushLock.unlock();
            }
        }
    }

    /**
     * Writes what was recorded since the last flush as one atomic increment (nothing when empty).
     *
     * @throws RunException from {@link RunRegistry#recordProgress}; on
     *     {@link RunStoreUnavailableException} the deltas are kept for the next flush
     */
    public void flush() {
        flushLock.lock();
        try {
            flushLocked(false);
        } finally {
            flushLock.unlock();
        }
    }

    private void scheduledFlush() {
        if (!flushLock.tryLock()) {
            return;
        }
        try {
            flushLocked(true);
        } catch (RunException e) {
            // The next recording call or close() reports it; a scheduler thread has no one to tell.
        } finally {
            flushLock.unlock();
        }
    }

    private void flushLocked(boolean heartbeatWhenEmpty) {
        lastFlushNanos = System.nanoTime();
        ProgressDelta delta = new ProgressDelta(succeeded.getAndSet(0), 0, skipped.getAndSet(0));
        try {
            if (!delta.isEmpty()) {
                if (claim != null) {
                    registry.recordProgress(claim, delta);
                } else {
                    registry.recordProgress(runId, delta);
                }
            } else if (heartbeatWhenEmpty) {
                if (claim != null) {
                    registry.heartbeat(claim);
                } else {
                    registry.heartbeat(runId);
                }
            }
        } catch (RunStoreUnavailableException e) {
            succeeded.addAndGet(delta.succeeded());
            skipped.addAndGet(delta.skipped());
            throw e;
        }
    }

    /** @return what was recorded but not flushed yet */
    public ProgressDelta pending() {
        return new ProgressDelta(succeeded.get(), 0, skipped.get());
    }

    /**
     * Stops the periodic flush and flushes what is left. Idempotent.
     *
     * @throws RunException when the final flush fails
     */
    @Override
    public void close() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        closed = true;
        try {
            flush();
        } finally {
            if (openRecorders != null) {
                openRecorders.closed(runId, flushHandle);
            }
        }
    }

    /** Settings of a {@link ProgressRecorder}. */
    public static final class Builder {
        private final RunRegistry registry;
        private final RunId runId;
        private final RunClaim claim;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private ScheduledExecutorService scheduler;

        private Builder(RunRegistry registry, RunId runId, RunClaim claim) {
            this.registry = registry;
            this.runId = runId;
            this.claim = claim;
        }

        /**
         * @param value how long deltas may wait in memory, 1 ms to 10 minutes; it bounds what a crash loses
         * @return this builder
         */
        public Builder flushInterval(Duration value) {
            this.flushInterval = Checks.notNull(value, "flushInterval");
            return this;
        }

        /**
         * @param value a scheduler for flushes (and heartbeats) while no item finishes; without one,
         *     flushes happen only on recording calls, {@link #flush()} and {@link #close()}
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = value;
            return this;
        }

        /**
         * @return the recorder
         * @throws InvalidRunInputException when the interval is out of range
         */
        public ProgressRecorder build() {
            if (flushInterval.compareTo(Duration.ofMillis(1)) < 0 || flushInterval.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new InvalidRunInputException("flushInterval", "must be 1 ms to 10 minutes, but was " + flushInterval);
            }
            return new ProgressRecorder(this);
        }
    }
}
