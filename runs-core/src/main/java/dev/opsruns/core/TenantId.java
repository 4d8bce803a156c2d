package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;

/**
 * The host's tenant identifier: 1-64 printable characters, no whitespace.
 *
 * @param value the identifier
 */
public record TenantId(String value) implements Comparable<TenantId> {

    /** The longest accepted identifier. */
    public static final int MAX_LENGTH = 64;

    /**
     * @param value the identifier
     * @throws InvalidRunInputException when blank, longer than 64 characters, or holding whitespace
     *     or control characters
     */
    public TenantId {
        Checks.notNull(value, "tenantId");
        if (value.isEmpty() || value.length() > MAX_LENGTH || !Checks.isPrintableNoSpace(value)) {
            throw new InvalidRunInputException("tenantId",
                    "must be 1-64 printable characters without whitespace, but was " + Checks.quote(value)
                            + " (" + value.length() + " chars)");
        }
    }

    /**
     * @param value the identifier
     * @return the tenant id
     * @throws InvalidRunInputException when the value is not accepted
     */
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public int compareTo(TenantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
