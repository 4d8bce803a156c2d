package dev.opsruns.hub.internal;

import dev.opsruns.core.RunContext;
import java.util.List;

/**
 * A context value as text: strings as they are, lists of strings comma-separated, anything else as the
 * ledger's own canonical JSON.
 */
final class ContextText {

    private static final String KEY = "v";

    private ContextText() {
    }

    static String of(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(v -> v instanceof String)) {
            return String.join(", ", list.stream().map(String.class::cast).toList());
        }
        // The value came out of a run's context, so it is one again; its JSON is {"v":<value>} less the wrapper.
        String json = RunContext.builder().put(KEY, value).build().toJson();
        return json.substring(("{\"" + KEY + "\":").length(), json.length() - 1);
    }
}
