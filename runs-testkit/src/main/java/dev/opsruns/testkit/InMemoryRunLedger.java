package dev.opsruns.testkit;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.testkit.internal.InMemoryRunStore;

/**
 * A thread-safe, in-memory {@link RunLedger} with exactly the semantics of the durable stores: the
 * same engine over a store that keeps everything in memory (it passes the same contract kit). For host
 * applications' tests: no database needed. Pair it with a {@link ManualClock} to test time-dependent
 * behaviour.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * RunLedger ledger = InMemoryRunLedger.create(RunsConfig.builder().clock(clock).build());
 * }</pre>
 */
public final class InMemoryRunLedger implements RunLedger {

    private final RunLedger engine;

    private InMemoryRunLedger(RunsConfig config) {
        this.engine = RunLedger.over(new InMemoryRunStore(), config);
    }

    /**
     * @param config the settings
     * @return an empty ledger
     * @throws InvalidRunInputException when config is null
     */
    public static InMemoryRunLedger create(RunsConfig config) {
        if (config == null) {
            throw new InvalidRunInputException("config", "is required but was null");
        }
        return new InMemoryRunLedger(config);
    }

    /** @return an empty ledger with {@link RunsConfig#defaults()} */
    public static InMemoryRunLedger create() {
        return create(RunsConfig.defaults());
    }

    @Override
    public RunRegistry registry() {
        return engine.registry();
    }

    @Override
    public RunQueries queries() {
        return engine.queries();
    }

    @Override
    public NotificationInbox notifications() {
        return engine.notifications();
    }

    @Override
    public RunMaintenance maintenance() {
        return engine.maintenance();
    }

    @Override
    public RunsConfig config() {
        return engine.config();
    }
}
