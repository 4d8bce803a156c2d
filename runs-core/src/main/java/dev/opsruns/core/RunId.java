package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import dev.opsruns.core.internal.UuidV7;
import java.time.Clock;
import java.util.UUID;

/**
 * A run's identifier: a time-ordered UUID (version 7) with 74 random bits, so it is never reused
 * and not guessable, and new runs land next to each other in a B-tree index.
 *
 * @param value the UUID, which must be version 7
 */
public record RunId(UUID value) implements Comparable<RunId> {

    /**
     * @param value the UUID, which must be version 7
     * @throws InvalidRunInputException when null or not a version 7 UUID
     */
    public RunId {
        Checks.notNull(value, "runId");
        if (value.version() != 7 || value.variant() != 2) {
            throw new InvalidRunInputException("runId",
                    "must be a version 7 (time-ordered) UUID, but was " + value + " (version " + value.version() + ")");
        }
    }

    /**
     * @param clock the clock whose time is embedded in the id
     * @return a new, unique id
     */
    public static RunId generate(Clock clock) {
        return new RunId(UuidV7.next(clock.millis()));
    }

    /**
     * @param text a UUID in its canonical 36-character form
     * @return the id
     * @throws InvalidRunInputException when not a version 7 UUID
     */
    public static RunId parse(String text) {
        Checks.notNull(text, "runId");
        if (text.length() != 36) {
            throw new InvalidRunInputException("runId", "must be a UUID like 0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3c, but was " + Checks.quote(text));
        }
        UUID uuid;
        try {
            uuid = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRunInputException("runId", "must be a UUID like 0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3c, but was " + Checks.quote(text));
        }
        return new RunId(uuid);
    }

    @Override
    public int compareTo(RunId other) {
        // UUID.compareTo compares signed longs; v7 ids order by their unsigned bytes.
        int c = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
