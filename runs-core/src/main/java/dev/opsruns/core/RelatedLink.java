package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;

/**
 * A link from a run's detail to something the run is about ("Drift findings", "Backup set").
 *
 * @param label what to show
 * @param url where it leads (host-relative or absolute)
 */
public record RelatedLink(String label, String url) {
    /**
     * @param label what to show
     * @param url where it leads (host-relative or absolute)
     * @throws InvalidRunInputException when a part is null or blank
     */
    public RelatedLink {
        Checks.notNull(label, "label");
        Checks.notNull(url, "url");
        if (label.isBlank() || url.isBlank()) {
            throw new InvalidRunInputException("relatedLink", "label and url must not be blank");
        }
    }
}
