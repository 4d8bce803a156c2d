package dev.opsruns.hub.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The hub's own CSS, script and icon, served from its jar; nothing is loaded from anywhere else. */
final class Assets {

    private static final Map<String, String> TYPES = Map.of(
            "hub.css", "text/css; charset=utf-8",
            "hub.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, byte[]> files;

    Assets() {
        this.files = Map.of("hub.css", read("hub.css"), "hub.js", read("hub.js"), "favicon.svg", read("favicon.svg"));
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream("/dev/opsruns/hub/assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the hub's jar lacks its asset " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return true when the asset exists and was sent */
    boolean send(String name, HttpServletResponse response) throws IOException {
        byte[] body = files.get(name);
        if (body == null) {
            return false;
        }
        response.setStatus(200);
        response.setContentType(TYPES.get(name));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return true;
    }
}
