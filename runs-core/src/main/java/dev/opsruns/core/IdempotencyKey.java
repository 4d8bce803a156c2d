package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;

/**
 * The idempotency key of a run: 64 lowercase hex characters (a SHA-256), built by
 * {@link RunIdempotency#buildKey}. At most one active run exists per (tenant, key).
 *
 * @param value 64 lowercase hex characters
 */
public record IdempotencyKey(String value) {

    /**
     * @param value 64 lowercase hex characters
     * @throws InvalidRunInputException when not 64 lowercase hex characters
     */
    public IdempotencyKey {
        Checks.notNull(value, "idempotencyKey");
        boolean ok = value.length() == 64;
        for (int i = 0; ok && i < value.length(); i++) {
            char c = value.charAt(i);
            ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
        }
        if (!ok) {
            throw new InvalidRunInputException("idempotencyKey",
                    "must be 64 lowercase hex characters, but was " + Checks.quote(value));
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
