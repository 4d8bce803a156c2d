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

    static String redirect(String page, StartOutcome outcome) {
        return Urls.with(page, outcome.reused() ? "reused" : "queued", outcome.run().id().toString());
    }

    /**
     * @return the notice, or null when the page was not reached from a start
     */
    static Models.StartNotice of(QueryParams q, PageSupport support, Viewer viewer, String what) {
        String queued = q.single("queued");
        String reused = q.single("reused");
        if (queued == null && reused == null) {
            return null;
        }
        RunId id = RunId.parse(queued != null ? queued : reused);
        Run run = support.ledger.queries().detail(viewer.principal(), viewer.tenantId(), id).run();
        return new Models.StartNotice(queued != null ? "queued" : "reused", what, Show.badge(run.bucket()),
                support.ledger.config().linkTemplate().viewRunUrl(run.tenantId(), run.id()));
    }
}
