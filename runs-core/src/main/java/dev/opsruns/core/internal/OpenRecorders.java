package dev.opsruns.core.internal;

import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The progress recorders open on each run of one ledger, so that ending a run first flushes the
 * counts its recorders still hold: a worker that calls {@code finish} before closing its recorder
 * loses nothing.
 */
public final class OpenRecorders {

    /** A recorder's flush, as the engine calls it before an end. */
    @FunctionalInterface
    public interface Flushable {
        /** Writes what the recorder holds. */
        void flush();
    }

    private final ConcurrentHashMap<RunId, Set<Flushable>> open = new ConcurrentHashMap<>();

    /**
     * @param runId the run
     * @param recorder a recorder just opened on it
     */
    public void opened(RunId runId, Flushable recorder) {
        open.computeIfAbsent(runId, id -> new CopyOnWriteArraySet<>()).add(recorder);
    }

    /**
     * @param runId the run
     * @param recorder a recorder closing
     */
    public void closed(RunId runId, Flushable recorder) {
        open.computeIfPresent(runId, (id, set) -> {
            set.remove(recorder);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Flushes every recorder open on the run, in the caller's thread, and forgets them.
     *
     * @param runId the run about to end
     */
    void flushAll(RunId runId) {
        // an ended run takes no more progress: forget its recorders, so one never closed is not kept
        Set<Flushable> recorders = open.remove(runId);
        if (recorders != null) {
            for (Flushable r : List.copyOf(recorders)) {
                try {
                    r.flush();
                } catch (IllegalRunTransitionException | RunNotFoundException e) {
                    // the run is not running: the end call itself reports that, with its own action
                }
            }
        }
    }
}
