package dev.opsruns.core.internal;

import dev.opsruns.core.InvalidRunInputException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normalizes and writes the JSON-like values a run context may hold, in a canonical form modelled on
 * RFC 8785 (JSON Canonicalization Scheme): object members sorted by key (UTF-16 code units), no
 * insignificant whitespace, strings escaped minimally, integers in plain decimal. Members whose
 * value is null are dropped (a null value is the same as an absent key); nulls inside lists are
 * kept, because list positions are significant.
 */
public final class CanonicalJson {

    /** The deepest nesting of lists and objects accepted. */
    public static final int MAX_DEPTH = 32;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private CanonicalJson() {
    }

    /**
     * Validates and normalizes an object: keys must be strings; values strings, booleans, integers
     * ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}), null, lists or
     * maps of the same. Integers become {@code Long} (or {@code BigInteger} beyond long's range),
     * maps become unmodifiable sorted maps, lists unmodifiable lists, null members are dropped.
     *
     * @param map the object
     * @param field the field name for error messages
     * @return the normalized, unmodifiable, sorted map
     * @throws InvalidRunInputException naming the path of the first value not accepted
     */
    public static Map<String, Object> normalizeObject(Map<?, ?> map, String field) {
        Checks.notNull(map, field);
        return normalizeMap(map, field, 0);
    }

    private static Object normalize(Object value, String path, int depth) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof String s) {
            checkString(s, path);
            return s;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b) {
            return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? (Object) b.longValue() : b;
        }
        if (value instanceof Map<?, ?> m) {
            return normalizeMap(m, path, depth + 1);
        }
        if (value instanceof List<?> l) {
            checkDepth(path, depth + 1);
            List<Object> out = new ArrayList<>(l.size());
            int i = 0;
            for (Object element : l) {
                out.add(normalize(element, path + "[" + i++ + "]", depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        throw new InvalidRunInputException(path, "must be a string, boolean, integer, null, list or object, but was a "
                + value.getClass().getName() + (value instanceof Number ? " (only integers are accepted)" : ""));
    }

    private static Map<String, Object> normalizeMap(Map<?, ?> map, String path, int depth) {
        checkDepth(path, depth);
        TreeMap<String, Object> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidRunInputException(path, "object keys must be strings, but found "
                        + (e.getKey() == null ? "null" : "a " + e.getKey().getClass().getName()));
            }
            String childPath = path + "." + key;
            checkString(key, childPath);
            if (e.getValue() != null) {
                out.put(key, normalize(e.getValue(), childPath, depth));
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    private static void checkDepth(String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidRunInputException(path, "nests lists and objects deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static void checkString(String s, String path) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new InvalidRunInputException(path, "must not contain the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRunInputException(path, "must be valid Unicode, but holds a lone surrogate at index " + i);
            }
        }
    }

    /**
     * Writes an already normalized value in canonical form.
     *
     * @param normalized a value returned by {@link #normalizeObject} or a part of it
     * @return the canonical JSON text
     */
    public static String write(Object normalized) {
        StringBuilder sb = new StringBuilder();
        write(normalized, sb);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (value instanceof String s) {
            writeString(s, sb);
        } else if (value instanceof Long || value instanceof BigInteger) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeString((String) e.getKey(), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (value instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(l.get(i), sb);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not a normalized value: " + value.getClass().getName());
        }
    }

    /**
     * Appends {@code s} as a JSON string, escaped as RFC 8785 requires.
     *
     * @param s the text
     * @param sb where to write
     */
    public static void writeString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
