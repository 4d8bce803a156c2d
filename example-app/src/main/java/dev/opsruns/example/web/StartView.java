package dev.opsruns.example.web;

import dev.opsruns.core.RunLinkTemplate;
import dev.opsruns.core.StartOutcome;

/**
 * What a start endpoint answers: the run, whether an active one was reused, and its "View run" URL.
 *
 * @param reused true when the same operation was already active and was reused
 * @param run the run
 * @param viewRunUrl where to watch it
 */
public record StartView(boolean reused, RunViews.RunView run, String viewRunUrl) {

    /**
     * @param outcome what start-or-reuse did
     * @param links the "View run" link template
     * @return the view
     */
    public static StartView of(StartOutcome outcome, RunLinkTemplate links) {
        RunViews.RunView run = RunViews.of(outcome.run(), links);
        return new StartView(outcome.reused(), run, run.viewRunUrl());
    }

    /** @return 202 for a new run, 200 for a reused one */
    public int httpStatus() {
        return reused ? 200 : 202;
    }
}
