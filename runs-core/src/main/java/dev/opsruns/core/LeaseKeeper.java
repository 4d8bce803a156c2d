package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a claim's lease alive while its job works: a heartbeat every third of the lease on a
 * scheduler the host owns, so a job that spends long on one item is not taken over. It stops by itself
 * when the heartbeat is refused (the claim was taken over, or the run ended); {@link #lost()} then says
 * so, and the job's next fenced call is refused too.
 *
 * <pre>{@code
 * try (LeaseKeeper lease = LeaseKeeper.start(registry, claimed.claim(), claimed.lease(), scheduler)) {
 *     work(claimed);
 * }
 * }</pre>
 */
public final class LeaseKeeper implements AutoCloseable {

    private final RunRegistry registry;
    private final RunClaim claim;
    private final ScheduledFuture<?> beat;
    private volatile boolean lost;

    private LeaseKeeper(RunRegistry registry, RunClaim claim, Duration lease, ScheduledExecutorService scheduler) {
        this.registry = registry;
        this.claim = claim;
        long period = Math.max(1, lease.toMillis() / 3);
        this.beat = scheduler.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * @param registry the registry the claim came from
     * @param claim the claim to keep
     * @param lease its lease ({@link ClaimOutcome.Claimed#lease()})
     * @param scheduler where the heartbeats run
     * @return the running keeper; close it when the job returns
     * @throws InvalidRunInputException when an argument is null or the lease is not positive
     */
    public static LeaseKeeper start(RunRegistry registry, RunClaim claim, Duration lease, ScheduledExecutorService scheduler) {
        Checks.notNull(registry, "registry");
        Checks.notNull(claim, "claim");
        Checks.notNull(lease, "lease");
        Checks.notNull(scheduler, "scheduler");
        if (lease.isNegative() || lease.isZero()) {
            throw new InvalidRunInputException("lease", "must be positive, but was " + lease);
        }
        return new LeaseKeeper(registry, claim, lease, scheduler);
    }

    private void beat() {
        try {
            registry.heartbeat(claim);
        } catch (IllegalRunTransitionException | RunNotFoundException e) {
            // taken over, ended or purged: nothing left to keep
            lost = true;
            beat.cancel(false);
        } catch (RunException e) {
            // the store is unreachable for now: try again at the next beat, while the lease lasts
        }
    }

    /** @return true once a heartbeat was refused: the claim is no longer the run's current one */
    public boolean lost() {
        return lost;
    }

    /** Stops the heartbeats. Idempotent. */
    @Override
    public void close() {
        beat.cancel(false);
    }
}
