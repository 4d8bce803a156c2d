package dev.opsruns.hub.internal;

import java.util.List;
import java.util.Map;

/** A context value as text: strings as they are, lists of strings comma-separated, anything else as JSON. */
final class ContextText {

    private ContextText() {
    }

    static String of(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(v -> v instanceof String)) {
            return String.join(", ", list.stream().map(String.class::cast).toList());
        }
        StringBuilder sb = new StringBuilder();
        json(value, sb);
        return sb.toString();
    }

    private static void json(Object value, StringBuilder sb) {
        if (value instanceof String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
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
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                json(list.get(i), sb);
            }
            sb.append(']');
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                json(String.valueOf(e.getKey()), sb);
                sb.append(':');
                json(e.getValue(), sb);
            }
            sb.append('}');
        } else {
            sb.append(value);
        }
    }
}
