package dev.opsruns.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds JSON-like test maps that, unlike {@code Map.of}, may hold null values and keep insertion order. */
final class TestMaps {

    private TestMaps() {
    }

    /** @return a LinkedHashMap of the alternating keys and values, in that insertion order */
    static Map<String, Object> obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("needs key/value pairs: " + Arrays.toString(keysAndValues));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** @return a mutable list that, unlike {@code List.of}, may hold nulls */
    static java.util.List<Object> list(Object... elements) {
        return new java.util.ArrayList<>(Arrays.asList(elements));
    }
}
