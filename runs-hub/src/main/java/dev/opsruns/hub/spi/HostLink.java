package dev.opsruns.hub.spi;

import java.util.Objects;

/**
 * A link from the hub's pages into the host's own pages: the navigation beside "Operations", or an
 * account action such as signing out. A {@code post} link is drawn as a one-button form, for host
 * actions that must not be a GET; the host protects it as it protects its own forms.
 *
 * @param label what to show
 * @param url where it leads: a path on the host ({@code /...}) or an {@code http(s)} URL
 * @param post true to send it as a form POST
 */
public record HostLink(String label, String url, boolean post) {

    /**
     * @param label what to show
     * @param url where it leads: a path on the host or an {@code http(s)} URL
     * @param post true to send it as a form POST
     * @throws IllegalArgumentException when the label is blank or the URL is neither a local path nor http(s)
     */
    public HostLink {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(url, "url");
        if (label.isBlank()) {
            throw new IllegalArgumentException("a host link needs a label");
        }
        if (!SafeUrls.isSafe(url)) {
            throw new IllegalArgumentException("a host link must be a path on the host (/...) or an http(s) URL, but was "
                    + url);
        }
    }

    /**
     * @param label what to show
     * @param url where it leads
     * @return a plain link
     */
    public static HostLink to(String label, String url) {
        return new HostLink(label, url, false);
    }

    /**
     * @param label what to show
     * @param url where the form posts
     * @return a one-button form
     */
    public static HostLink postTo(String label, String url) {
        return new HostLink(label, url, true);
    }
}
