package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Instant;

/**
 * Why one item of a run failed.
 *
 * @param itemKey the item's id in the host's terms (a policy id, say); 1-200 characters
 * @param reasonCode the stable reason
 * @param message the sanitized message
 * @param occurredAt when it was recorded
 */
public record ItemFailure(String itemKey, ReasonCode reasonCode, String message, Instant occurredAt) {

    /** The longest accepted item key. */
    public static final int MAX_ITEM_KEY_LENGTH = 200;

    /**
     * @param itemKey the item's id in the host's terms (a policy id, say); 1-200 characters
     * @param reasonCode the stable reason
     * @param message the sanitized message
     * @param occurredAt when it was recorded
     * @throws InvalidRunInputException when a part is null or the item key is blank or too long
     */
    public ItemFailure {
        checkItemKey(itemKey);
        Checks.notNull(reasonCode, "reasonCode");
        Checks.notNull(message, "message");
        Checks.notNull(occurredAt, "occurredAt");
    }

    /**
     * @param itemKey a candidate item key
     * @return the item key
     * @throws InvalidRunInputException when null, blank, longer than 200 characters or holding
     *     control characters
     */
    public static String checkItemKey(String itemKey) {
        Checks.notNull(itemKey, "itemKey");
        if (itemKey.isBlank() || itemKey.length() > MAX_ITEM_KEY_LENGTH
                || itemKey.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRunInputException("itemKey",
                    "must be 1-200 characters without control characters, but was " + Checks.quote(itemKey));
        }
        return itemKey;
    }
}
