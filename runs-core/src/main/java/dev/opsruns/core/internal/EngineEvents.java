package dev.opsruns.core.internal;

import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunListener;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.RunStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fires {@link RunListener} events for the engine. The engine calls it only after a store primitive
 * returned, so after the change is committed; a listener that throws is logged and skipped, so no
 * event can fail or undo a write. With no listener registered every method returns at once.
 */
final class EngineEvents {

    private static final System.Logger LOG = System.getLogger(EngineEvents.class.getName());
    /** Runs whose type and tenant are remembered for item-failure events: more than a process works on at once. */
    private static final int TYPE_CACHE_SIZE = 4_096;

    private final List<RunListener> listeners;
    private final RunStore store;
    /**
     * Run type and tenant by run id, so an item failure (whose primitive knows only the id) costs no
     * extra read for a run this process started or marked running. Neither ever changes for a run, so
     * entries never go stale.
     */
    private final Map<RunId, Owner> types = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RunId, Owner> eldest) {
            return size() > TYPE_CACHE_SIZE;
        }
    };

    EngineEvents(List<RunListener> listeners, RunStore store) {
        this.listeners = List.copyOf(listeners);
        this.store = store;
    }

    void started(Run run) {
        if (!listeners.isEmpty()) {
            remember(run);
            fire("started", run.id(), l -> l.started(run));
        }
    }

    void reused(Run run) {
        if (!listeners.isEmpty()) {
            fire("reused", run.id(), l -> l.reused(run));
        }
    }

    void running(Run run) {
        if (!listeners.isEmpty()) {
            remember(run);
        }
    }

    void ended(Run run) {
        if (!listeners.isEmpty()) {
            forget(run.id());
            Duration duration = Duration.between(run.createdAt(), run.finishedAt());
            fire("ended", run.id(), l -> l.ended(run, run.bucket(), duration));
        }
    }

    void reaped(Run run) {
        if (!listeners.isEmpty()) {
            fire("reaped", run.id(), l -> l.reaped(run));
        }
    }

    void itemFailed(RunId runId, ReasonCode reasonCode) {
        if (listeners.isEmpty()) {
            return;
        }
        Optional<Owner> owner = ownerOf(runId);
        // a run purged between the write and this read is gone: there is nothing left to report it against
        owner.ifPresent(o -> fire("itemFailed", runId, l -> l.itemFailed(runId, o.type(), o.tenant(), reasonCode)));
    }

    /** What an item-failure event names besides the run id. */
    private record Owner(RunType type, TenantId tenant) {
    }

    private Optional<Owner> ownerOf(RunId runId) {
        Owner cached;
        synchronized (types) {
            cached = types.get(runId);
        }
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            Optional<Run> run = store.findRun(runId);
            run.ifPresent(this::remember);
            return run.map(r -> new Owner(r.runType(), r.tenantId()));
        } catch (RuntimeException e) {
            // the write is committed; a failed lookup must not turn it into an error for the caller
            LOG.log(System.Logger.Level.WARNING, "opsruns could not read the type of run " + runId
                    + " for an itemFailed event; the event is dropped", e);
            return Optional.empty();
        }
    }

    private void remember(Run run) {
        synchronized (types) {
            types.put(run.id(), new Owner(run.runType(), run.tenantId()));
        }
    }

    private void forget(RunId runId) {
        synchronized (types) {
            types.remove(runId);
        }
    }

    private void fire(String event, RunId runId, Consumer<RunListener> call) {
        for (RunListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (Exception e) { // checked ones too, should a listener throw them sneakily
                LOG.log(System.Logger.Level.WARNING, "opsruns listener " + listener.getClass().getName()
                        + " threw on " + event + " of run " + runId + "; ignored", e);
            }
        }
    }
}
