package dev.opsruns.testkit.internal;

import dev.opsruns.core.IdempotencyKey;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Notification;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.internal.NotificationRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The whole in-memory ledger behind one lock. A single lock makes every call atomic, which is what
 * the contract asks for; the testkit trades throughput for obviously correct semantics.
 */
public final class InMemoryState {

    /** A run with what is stored beside it. */
    public static final class Entry {
        Run run;
        final List<ItemFailure> failures = new ArrayList<>();
        long failuresRecorded;

        Entry(Run run) {
            this.run = run;
        }
    }

    private record ActiveKey(TenantId tenantId, IdempotencyKey key) {
    }

    final RunsConfig config;
    final NotificationRules notificationRules;
    private final ReentrantLock lock = new ReentrantLock();
    final Map<RunId, Entry> runs = new LinkedHashMap<>();
    private final Map<ActiveKey, RunId> active = new HashMap<>();
    final Map<UUID, Notification> notifications = new LinkedHashMap<>();

    /**
     * @param config the settings
     */
    public InMemoryState(RunsConfig config) {
        this.config = config;
        this.notificationRules = new NotificationRules(config);
    }

    /** @return the settings */
    public RunsConfig config() {
        return config;
    }

    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    Entry entry(RunId runId) {
        Entry e = runs.get(runId);
        if (e == null) {
            throw new RunNotFoundException(runId);
        }
        return e;
    }

    Run activeRun(TenantId tenantId, IdempotencyKey key) {
        RunId id = active.get(new ActiveKey(tenantId, key));
        return id == null ? null : runs.get(id).run;
    }

    void insert(Run run) {
        runs.put(run.id(), new Entry(run));
        active.put(new ActiveKey(run.tenantId(), run.idempotencyKey()), run.id());
    }

    /** Replaces a run, keeping the one-active-run-per-key index in step with its status. */
    void replace(Entry entry, Run updated) {
        entry.run = updated;
        if (updated.status().isTerminal()) {
            active.remove(new ActiveKey(updated.tenantId(), updated.idempotencyKey()), updated.id());
        }
    }

    void notify(Notification n) {
        notifications.put(n.id(), n);
    }

    void delete(RunId runId) {
        runs.remove(runId);
        notifications.values().removeIf(n -> n.runId().equals(runId));
    }
}
