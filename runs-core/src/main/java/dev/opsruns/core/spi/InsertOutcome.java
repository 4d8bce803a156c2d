package dev.opsruns.core.spi;

import dev.opsruns.core.Run;
import java.util.Objects;

/**
 * What {@link RunStore#insertUnlessActive} or {@link RunStore#replaceActive} did: inserted the new run
 * (perhaps superseding the active one), found the active run that holds the key, found an ended run
 * that the {@link PriorLookup} counts (the insert undone), or none of these (the run that held the key
 * ended before it could be read; the engine tries again).
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

    /**
     * No run was active, but an ended run of the key matched the lookup: the insert was undone and
     * nothing was written.
     *
     * @param run the ended run, as stored
     */
    record Prior(Run run) implements InsertOutcome {
        /**
         * @param run the ended run, as stored
         * @throws NullPointerException when the run is null
         */
        public Prior {
            Objects.requireNonNull(run, "run");
        }
    }

    /**
     * The active run of the key was ended as the replace asked and the new run stored, in one atomic
     * step.
     *
     * @param superseded the run that was active, as ended
     */
    record Superseded(Run superseded) implements InsertOutcome {
        /**
         * @param superseded the run that was active, as ended
         * @throws NullPointerException when the run is null
         */
        public Superseded {
            Objects.requireNonNull(superseded, "superseded");
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
