package dev.opsruns.core.spi;

import dev.opsruns.core.Run;
import java.util.Objects;

/**
 * What {@link RunStore#insertUnlessActive} did: inserted the new run, found the run that holds the
 * key, or neither (the run that held the key ended before it could be read; the engine tries again).
 */
public sealed interface InsertOutcome {

    /** The new run and its notification were stored. */
    record Inserted() implements InsertOutcome {
    }

    /**
     * An active run of the same tenant already holds the key; nothing was written.
     *
     * @param run the active run, as stored
     */
    record Active(Run run) implements InsertOutcome {
        /**
         * @param run the active run, as stored
         * @throws NullPointerException when the run is null
         */
        public Active {
            Objects.requireNonNull(run, "run");
        }
    }

    /** The insert lost to an active run that then ended before it could be read; nothing was written. */
    record Contended() implements InsertOutcome {
    }

    /** The one {@link Inserted} value. */
    InsertOutcome INSERTED = new Inserted();
    /** The one {@link Contended} value. */
    InsertOutcome CONTENDED = new Contended();
}
