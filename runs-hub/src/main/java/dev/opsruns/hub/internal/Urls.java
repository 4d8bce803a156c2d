package dev.opsruns.hub.internal;

import dev.opsruns.core.RunId;
import dev.opsruns.core.TenantId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The hub's own URLs under its base path: encoded path segments, query strings without empty values. */
final class Urls {

    private final String base;

    Urls(String base) {
        this.base = base;
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String home() {
        return base + "/";
    }

    String asset(String name) {
        return base + "/assets/" + name;
    }

    String list(TenantId tenant) {
        return base + "/tenants/" + segment(tenant.value()) + "/operations";
    }

    String statistics(TenantId tenant) {
        return base + "/tenants/" + segment(tenant.value()) + "/statistics";
    }

    String run(TenantId tenant, RunId run) {
        return list(tenant) + "/" + run;
    }

    String markRead(TenantId tenant) {
        return base + "/tenants/" + segment(tenant.value()) + "/notifications/read";
    }

    /** @return the path with its query string; null or empty values are left out, in the map's order */
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

    /** @return true when {@code path} (a path and query from a form) is one of this hub's pages */
    boolean isHubPage(String path) {
        return path != null && path.startsWith(base + "/") && !path.startsWith("//") && !path.contains("\\")
                && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
