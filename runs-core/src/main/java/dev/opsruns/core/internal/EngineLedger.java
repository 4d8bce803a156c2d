package dev.opsruns.core.internal;

import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.spi.RunStore;

/** The engine over one store: every rule of the ledger, written once, in front of the storage SPI. */
public final class EngineLedger implements RunLedger {

    private final RunsConfig config;
    private final EngineRegistry registry;
    private final EngineQueries queries;
    private final EngineInbox inbox;
    private final EngineMaintenance maintenance;

    /**
     * @param store the store
     * @param config the settings
     */
    public EngineLedger(RunStore store, RunsConfig config) {
        Checks.notNull(store, "store");
        this.config = Checks.notNull(config, "config");
        EngineEvents events = new EngineEvents(config.listeners(), store);
        this.registry = new EngineRegistry(store, config, new NotificationRules(config), events);
        this.queries = new EngineQueries(store, config);
        this.inbox = new EngineInbox(store, config);
        this.maintenance = new EngineMaintenance(store, config, registry, events);
    }

    @Override
    public RunRegistry registry() {
        return registry;
    }

    @Override
    public RunQueries queries() {
        return queries;
    }

    @Override
    public NotificationInbox notifications() {
        return inbox;
    }

    @Override
    public RunMaintenance maintenance() {
        return maintenance;
    }

    @Override
    public RunsConfig config() {
        return config;
    }
}
