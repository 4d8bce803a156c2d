package dev.opsruns.example.web.pages;

import dev.opsruns.core.Run;
import dev.opsruns.core.RunId;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.example.web.QueryParams;
import java.util.Set;

/**
 * What a producer page says after its start form: the form posts, the app starts or reuses the run and
 * redirects (post/redirect/get) to the page with {@code ?queued=<run id>} or {@code ?reused=<run id>},
 * and the page shows the notice with a "View run" link. The run is read again with the viewer's rights,
 * so a hand-edited id of another tenant's run is 404 like anywhere else.
 */
final class StartNotice {

    /** The query parameters a producer page accepts. */
    static final Set<String> PARAMS = Set.of("queued", "reused");

    private StartNotice() {
    }

    /**
     * @param page the producer page's path
     * @param outcome what start-or-reuse did
     * @return where to redirect
     */
    static String redirect(String page, StartOutcome outcome) {
        return Urls.with(page, outcome.reused() ? "reused" : "queued", outcome.run().id().toString());
    }

    /**
     * @param q the page's query parameters
     * @param support the page support
     * @param viewer who looks
     * @param what the operation's name, such as "Drift generation"
     * @return the notice, or nothing when the page was not reached from a start
     */
    static Html of(QueryParams q, PageSupport support, Viewer viewer, String what) {
        String queued = q.single("queued");
        String reused = q.single("reused");
        if (queued == null && reused == null) {
            return Html.EMPTY;
        }
        RunId id = RunId.parse(queued != null ? queued : reused);
        Run run = support.ledger.queries().detail(viewer.principal(), viewer.tenantId(), id).run();
        String url = support.ledger.config().linkTemplate().viewRunUrl(run.tenantId(), run.id());
        Html text = queued != null
                ? Html.of("<strong>{} queued.</strong> It runs in the background; you will get a notification when it ends.", what)
                : Html.of("<strong>{} is already in progress</strong> for the same request, so that run was reused "
                        + "instead of starting another.", what);
        return Html.of("<div class=\"notice notice-success\" role=\"status\" data-start-notice=\"{}\"><p>{} "
                + "Status: {}</p><p><a class=\"button-link\" href=\"{}\">View run</a></p></div>",
                queued != null ? "queued" : "reused", text, Show.badge(run.bucket()), url);
    }
}
