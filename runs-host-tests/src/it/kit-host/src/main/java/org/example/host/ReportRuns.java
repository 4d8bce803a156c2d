package org.example.host;

import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.ProgressDelta;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

/**
 * The nightly report of a tenant, recorded as an opsruns run in a {@link RunLedger}: the host's own
 * code, written against the opsruns API only.
 */
public final class ReportRuns {

    /** The run type of a nightly report. */
    public static final RunType NIGHTLY_REPORT = RunType.of("report.nightly");

    private final RunLedger ledger;

    /**
     * @param ledger where the runs are recorded
     */
    public ReportRuns(RunLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * Starts the report of a tenant for a day, or finds the one already active for that day.
     *
     * @param tenant the tenant
     * @param day the day the report covers
     * @return the id of the run
     */
    public RunId start(TenantId tenant, LocalDate day) {
        RunContext context = RunContext.builder().put("day", day.toString()).build();
        return ledger.registry()
                .startOrReuse(StartRequest.bySystem("report-scheduler", tenant, NIGHTLY_REPORT, context))
                .run()
                .id();
    }

    /**
     * Works through the items of a started run and ends it.
     *
     * @param runId the run
     * @param items the items of the report
     * @param render renders one item; false when it could not
     * @return the ended run
     */
    public Run work(RunId runId, List<String> items, Predicate<String> render) {
        RunRegistry runs = ledger.registry();
        runs.markRunning(runId);
        runs.setTotal(runId, items.size());
        for (String item : items) {
            if (render.test(item)) {
                runs.recordProgress(runId, ProgressDelta.succeeded(1));
            } else {
                runs.recordItemFailure(runId, item, ReasonCode.of("report.render_failed"), "could not render " + item);
            }
        }
        return runs.finish(runId);
    }
}
