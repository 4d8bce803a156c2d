package dev.opsruns.core;

import java.util.List;

/**
 * SPI: the related links of runs of one run type, registered per run type in
 * {@link RunsConfig}. Called when a run's detail is read; it must be quick and must not throw.
 */
@FunctionalInterface
public interface RelatedLinkProvider {

    /** Offers no links. */
    RelatedLinkProvider NONE = run -> List.of();

    /**
     * @param run the run whose detail is shown
     * @return its related links, possibly empty
     */
    List<RelatedLink> linksFor(Run run);
}
