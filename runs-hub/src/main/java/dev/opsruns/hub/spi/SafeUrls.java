package dev.opsruns.hub.spi;

/**
 * The one rule for every URL the hub puts in an {@code href} or form action: a path on this site
 * ({@code /...} but not {@code //host} or {@code /\}), or an {@code http(s)} URL. Anything else (a
 * {@code javascript:} or {@code data:} URL, say) could run script when clicked.
 */
public final class SafeUrls {

    private SafeUrls() {
    }

    /**
     * @param url a URL, or null
     * @return true when it is a local path or an http(s) URL without control characters
     */
    public static boolean isSafe(String url) {
        if (url == null || url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        boolean local = url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
        boolean web = url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7);
        return local || web;
    }
}
