package dev.opsruns.testkit;

import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.internal.Checks;
import dev.opsruns.testkit.internal.InMemoryInbox;
import dev.opsruns.testkit.internal.InMemoryMaintenance;
import dev.opsruns.testkit.internal.InMemoryQueries;
import dev.opsruns.testkit.internal.InMemoryRegistry;
import dev.opsruns.testkit.internal.InMemoryState;

/**
 * A thread-safe, in-memory {@link RunLedger} with exactly the semantics of the durable stores (it
 * passes the same contract suites). For host applications' tests: no database needed. Pair it with a
 * {@link ManualClock} to test time-dependent behaviour.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * RunLedger ledger = InMemoryRunLedger.create(RunsConfig.builder().clock(clock).build());
 * }</pre>
 */
public final class InMemoryRunLedger implements RunLedger {

    private final RunsConfig config;
    private final InMemoryRegistry registry;
    private final InMemoryQueries queries;
    private final InMemoryInbox inbox;
    private final InMemoryMaintenance maintenance;

    private InMemoryRunLedger(RunsConfig config) {
        InMemoryState state = new InMemoryState(config);
        this.config = config;
        this.registry = new InMemoryRegistry(state);
        this.queries = new InMemoryQueries(state);
        this.inbox = new InMemoryInbox(state);
        this.maintenance = new InMemoryMaintenance(state, registry);
    }

    /**
     * @param config the settings
     * @return an empty ledger
     * @throws dev.opsruns.core.InvalidRunInputException when config is null
     */
    public static InMemoryRunLedger create(RunsConfig config) {
        return new InMemoryRunLedger(Checks.notNull(config, "config"));
    }

    /** @return an empty ledger with {@link RunsConfig#defaults()} */
    public static InMemoryRunLedger create() {
        return create(RunsConfig.defaults());
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
