package dev.opsruns.example.ops;

import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunsConfig;

/** A ledger whose registry logs every run transition ({@link TransitionLog}); the rest is the ledger's own. */
public final class LoggedRunLedger implements RunLedger {

    private final RunLedger delegate;
    private final RunRegistry registry;

    /**
     * @param delegate the ledger
     */
    public LoggedRunLedger(RunLedger delegate) {
        this.delegate = delegate;
        this.registry = new TransitionLog(delegate.registry());
    }

    @Override
    public RunRegistry registry() {
        return registry;
    }

    @Override
    public RunQueries queries() {
        return delegate.queries();
    }

    @Override
    public NotificationInbox notifications() {
        return delegate.notifications();
    }

    @Override
    public RunMaintenance maintenance() {
        return delegate.maintenance();
    }

    @Override
    public RunsConfig config() {
        return delegate.config();
    }
}
