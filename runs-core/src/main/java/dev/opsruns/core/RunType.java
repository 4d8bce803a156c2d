package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.util.regex.Pattern;

/**
 * What kind of operation a run is, as {@code resource.action} (for example {@code drift.generate}
 * or {@code backup_set.add_policies}): each part {@code [a-z][a-z0-9_]*}, at most 64 characters.
 *
 * @param value the run type
 */
public record RunType(String value) implements Comparable<RunType> {

    /** The longest accepted run type. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");

    /**
     * @param value the run type
     * @throws InvalidRunInputException when not of the form {@code resource.action}
     */
    public RunType {
        Checks.notNull(value, "runType");
        if (value.length() > MAX_LENGTH || !FORMAT.matcher(value).matches()) {
            throw new InvalidRunInputException("runType",
                    "must be resource.action, each part [a-z][a-z0-9_]*, at most 64 chars, but was "
                            + Checks.quote(value));
        }
    }

    /**
     * @param value the run type
     * @return the run type
     * @throws InvalidRunInputException when not of the form {@code resource.action}
     */
    public static RunType of(String value) {
        return new RunType(value);
    }

    /** @return the part before the dot ({@code drift} in {@code drift.generate}) */
    public String resource() {
        return value.substring(0, value.indexOf('.'));
    }

    /** @return the part after the dot ({@code generate} in {@code drift.generate}) */
    public String action() {
        return value.substring(value.indexOf('.') + 1);
    }

    @Override
    public int compareTo(RunType other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
