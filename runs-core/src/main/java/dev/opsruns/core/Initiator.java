package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;

/**
 * Who started a run: a user (id plus a snapshot of the display name at start time) or the system.
 */
public sealed interface Initiator {

    /** The longest accepted id or name. */
    int MAX_LENGTH = 200;

    /** @return the user id or the system component's name, for display and storage */
    String id();

    /** @return a name to show people */
    String displayName();

    /**
     * A user started the run; only users receive notifications.
     *
     * @param id the host's user id (1-200 printable characters)
     * @param displayName the user's name when the run started (1-200 characters)
     */
    record User(String id, String displayName) implements Initiator {
        /**
         * @param id the host's user id (1-200 printable characters)
         * @param displayName the user's name when the run started (1-200 characters)
         * @throws InvalidRunInputException when a part is blank or too long
         */
        public User {
            checkText(id, "initiator.userId", true);
            checkText(displayName, "initiator.displayName", false);
        }
    }

    /**
     * A system component started the run (a scheduler, a sync).
     *
     * @param id the component's name (1-200 printable characters)
     */
    record System(String id) implements Initiator {
        /**
         * @param id the component's name (1-200 printable characters)
         * @throws InvalidRunInputException when blank or too long
         */
        public System {
            checkText(id, "initiator.system", true);
        }

        @Override
        public String displayName() {
            return id;
        }
    }

    private static void checkText(String value, String field, boolean noSpace) {
        Checks.notNull(value, field);
        boolean ok = !value.isBlank() && value.length() <= MAX_LENGTH
                && (noSpace ? Checks.isPrintableNoSpace(value) : value.chars().noneMatch(Character::isISOControl));
        if (!ok) {
            throw new InvalidRunInputException(field, "must be 1-200 printable characters"
                    + (noSpace ? " without whitespace" : "") + ", but was " + Checks.quote(value));
        }
    }
}
