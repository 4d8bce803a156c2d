package dev.opsruns.hub.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A GET request's query parameters, checked: an unknown name is refused (a typo never silently widens a
 * filter), and a parameter may be given once.
 */
final class Params {

    private final Map<String, String[]> params;

    private Params(Map<String, String[]> params) {
        this.params = params;
    }

    static Params of(HttpServletRequest request, Set<String> accepted) {
        Map<String, String[]> params = request.getParameterMap();
        for (String name : params.keySet()) {
            if (!accepted.contains(name)) {
                throw HubError.badRequest("This page does not take the parameter \"" + Texts.clip(name) + "\". It takes: "
                        + (accepted.isEmpty() ? "none" : String.join(", ", new TreeSet<>(accepted))) + ".");
            }
        }
        return new Params(params);
    }

    /** @return the single value, trimmed, or null when absent or blank */
    String single(String name) {
        String[] raw = params.get(name);
        if (raw == null || raw.length == 0) {
            return null;
        }
        if (raw.length > 1) {
            throw HubError.badRequest("The parameter \"" + name + "\" may be given once, but was given " + raw.length + " times.");
        }
        return raw[0].isBlank() ? null : raw[0].trim();
    }

    int integer(String name, int min, int max, int defaultValue) {
        String text = single(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw HubError.badRequest("\"" + name + "\" must be a whole number from " + min + " to " + max + ", but was \""
                + Texts.clip(text) + "\".");
    }
}
