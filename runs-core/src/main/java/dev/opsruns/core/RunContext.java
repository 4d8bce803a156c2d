package dev.opsruns.core;

import dev.opsruns.core.internal.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's context: a JSON object with string keys whose values are strings, booleans, integers,
 * null, lists or objects of the same, at most 16 KiB as canonical JSON. It is part of the
 * idempotency key, so it should hold exactly what makes two requests "the same operation" (for
 * {@code drift.generate}: the scope and the two inventory runs compared).
 *
 * <p>Immutable. Keys are kept sorted; integers are normalized ({@code 1}, {@code 1L} and
 * {@code BigInteger.ONE} are equal); a member whose value is null is dropped, because a null value
 * means the same as an absent key.
 */
public final class RunContext {

    /** The largest accepted context, in bytes of UTF-8 canonical JSON. */
    public static final int MAX_BYTES = 16 * 1024;

    private static final RunContext EMPTY = new RunContext(Map.of(), "{}");

    private final Map<String, Object> values;
    private final String json;

    private RunContext(Map<String, Object> values, String json) {
        this.values = values;
        this.json = json;
    }

    /**
     * @param values the members; see the class comment for what is accepted
     * @return the context
     * @throws InvalidRunInputException naming the first member not accepted, or when larger than
     *     16 KiB serialized
     */
    public static RunContext of(Map<String, ?> values) {
        Map<String, Object> normalized = CanonicalJson.normalizeObject(values, "context");
        if (normalized.isEmpty()) {
            return EMPTY;
        }
        String json = CanonicalJson.write(normalized);
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidRunInputException("context",
                    "must be at most " + MAX_BYTES + " bytes as JSON, but was " + bytes + " bytes");
        }
        return new RunContext(normalized, json);
    }

    /** @return the empty context */
    public static RunContext empty() {
        return EMPTY;
    }

    /** @return a builder for a context */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the members, unmodifiable and sorted by key; nested maps and lists are unmodifiable */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * @param key a member name
     * @return the member's value, if present
     */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param key a member name
     * @return the member's value when it is a string
     */
    public Optional<String> getString(String key) {
        return values.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** @return the canonical JSON form (sorted keys, no whitespace) */
    public String toJson() {
        return json;
    }

    /** @return true when the context has no members */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunContext other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }

    /** Collects members in order and validates them once, in {@link #build()}. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param key the member name
         * @param value the value (see {@link RunContext} for what is accepted; checked in build)
         * @return this builder
         */
        public Builder put(String key, Object value) {
            values.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * @return the context
         * @throws InvalidRunInputException when a value is not accepted or the context is too large
         */
        public RunContext build() {
            return RunContext.of(values);
        }
    }
}
