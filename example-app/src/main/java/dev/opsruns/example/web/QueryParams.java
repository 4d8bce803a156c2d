package dev.opsruns.example.web;

import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's query parameters, checked: unknown names are refused (a typo never silently widens a
 * filter), and each value is parsed with a message that says what is accepted.
 */
public final class QueryParams {

    private final Map<String, List<String>> params;

    private QueryParams(Map<String, List<String>> params) {
        this.params = params;
    }

    /**
     * @param ctx the request
     * @param accepted the accepted parameter names
     * @return the parameters
     * @throws ApiException 400 naming an unknown parameter
     */
    public static QueryParams of(Context ctx, Set<String> accepted) {
        Map<String, List<String>> params = ctx.queryParamMap();
        for (String name : params.keySet()) {
            if (!accepted.contains(name)) {
                throw ApiException.badRequest(name, "unknown query parameter '" + JsonBody.clip(name)
                        + "'; accepted: " + String.join(", ", new TreeSet<>(accepted)));
            }
        }
        return new QueryParams(params);
    }

    /**
     * @param name a parameter
     * @return every value of it, comma-separated values split, blanks dropped
     */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (String raw : params.getOrDefault(name, List.of())) {
            for (String part : raw.split(",", -1)) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    /**
     * @param name a parameter
     * @return its single value, or null when absent or blank
     * @throws ApiException 400 when given more than once
     */
    public String single(String name) {
        List<String> raw = params.getOrDefault(name, List.of());
        if (raw.size() > 1) {
            throw ApiException.badRequest(name, "query parameter '" + name + "' may be given once, but was given "
                    + raw.size() + " times");
        }
        return raw.isEmpty() || raw.get(0).isBlank() ? null : raw.get(0).trim();
    }

    /**
     * @param name a parameter
     * @return it as an instant, or null when absent
     * @throws ApiException 400 when malformed or outside {@link TimeBounds}
     */
    public Instant instant(String name) {
        String text = single(name);
        if (text == null) {
            return null;
        }
        try {
            return TimeBounds.check(name, OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "query parameter '" + name + "' must be an ISO-8601 timestamp with "
                    + "offset, such as 2026-01-15T09:30:00Z, but was '" + JsonBody.clip(text) + "'");
        } catch (DateTimeException beyondInstant) {
            throw TimeBounds.outOfRange(name);
        }
    }

    /**
     * @param name a parameter
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @param defaultValue the value when absent
     * @return it as an integer in [min, max], or the default when absent
     * @throws ApiException 400 when malformed or out of range
     */
    public int integer(String name, int min, int max, int defaultValue) {
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
        throw ApiException.badRequest(name, "query parameter '" + name + "' must be an integer " + min + "-" + max
                + ", but was '" + JsonBody.clip(text) + "'");
    }

    /**
     * @param name a parameter
     * @param defaultValue the value when absent
     * @return it as a boolean, or the default when absent
     * @throws ApiException 400 when not true or false
     */
    public boolean bool(String name, boolean defaultValue) {
        String text = single(name);
        if (text == null) {
            return defaultValue;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name, "query parameter '" + name + "' must be true or false, but was '"
                    + JsonBody.clip(text) + "'");
        };
    }
}
