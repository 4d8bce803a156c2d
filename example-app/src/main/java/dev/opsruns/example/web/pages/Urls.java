package dev.opsruns.example.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the pages' own URLs: encoded path segments and query strings without empty parameters. */
final class Urls {

    private Urls() {
    }

    /**
     * @param value a path segment (a tenant id, say)
     * @return it encoded for a URL path
     */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * @param path a path
     * @param params name, value, name, value ...; null or empty values are left out
     * @return the path with its query string
     */
    static String with(String path, String... params) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return with(path, map);
    }

    /**
     * @param path a path
     * @param params the parameters in order; null or empty values are left out
     * @return the path with its query string
     */
    static String with(String path, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(path);
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (p.getValue() != null && !p.getValue().isEmpty()) {
                sb.append(sep).append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        return sb.toString();
    }

    /**
     * @param next a path to return to after signing in, from a query parameter
     * @return it when it is a path on this app, else {@code /}
     */
    static String localOrHome(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }
}
