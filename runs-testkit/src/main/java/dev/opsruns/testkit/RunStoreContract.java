package dev.opsruns.testkit;

import dev.opsruns.core.spi.RunStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;

/**
 * Every primitive of the storage SPI ({@link RunStore}), called directly and checked against what its
 * Javadoc promises: each compare-and-set in every status it accepts and refuses (a refusal changes
 * nothing), every end with its notification stored in the same atomic step, the guards of the
 * reaper's ends, keyset pages and filters at microsecond boundaries, and races of 16 threads on one
 * key, one run's counters and one run's end.
 *
 * <p>A store of one's own is "implement the SPI, extend two classes": this one, and
 * {@link RunLedgerContract} over {@code RunLedger.over(store, config)}, which runs every rule of the
 * engine on top of the store.
 *
 * <pre>{@code
 * class MyRunStoreTest extends RunStoreContract {
 *     @Override
 *     protected RunStore createStore() {
 *         return MyStore.empty();
 *     }
 * }
 * }</pre>
 *
 * <p>Values are built with the public API as the engine builds them: times in whole microseconds from
 * a {@link ManualClock} (the suite never sleeps), version 7 ids, sanitized text. Race tests release 16
 * threads at once, so a pooled store needs 16 connections or must queue the callers.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class RunStoreContract {

    /** A contract kit is extended, not instantiated. */
    protected RunStoreContract() {
    }

    /**
     * Creates the store under test. Called before every test.
     *
     * @return a store over EMPTY state: no runs, item failures, notifications or visits in any tenant, on every call
     */
    protected abstract RunStore createStore();

    /** Starting, the worker's writes, and every end. */
    @Nested
    @DisplayName("writes")
    class Writes extends RunStoreWritesContract {
        @Override
        protected RunStore createStore() {
            return RunStoreContract.this.createStore();
        }
    }

    /** Users' visits, and the end-time bound of pages and counts. */
    @Nested
    @DisplayName("visits")
    class Visits extends RunStoreVisitsContract {
        @Override
        protected RunStore createStore() {
            return RunStoreContract.this.createStore();
        }
    }

    /** Pages, counts, detail, the reaper's candidates, the purge, and the inbox. */
    @Nested
    @DisplayName("reads and maintenance")
    class ReadsAndMaintenance extends RunStoreReadsContract {
        @Override
        protected RunStore createStore() {
            return RunStoreContract.this.createStore();
        }
    }
}
