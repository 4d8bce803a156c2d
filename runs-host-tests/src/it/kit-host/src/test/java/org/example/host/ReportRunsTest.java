package org.example.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opsruns.core.Run;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.TenantId;
import dev.opsruns.testkit.InMemoryRunLedger;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRunsTest {

    private final ReportRuns reports = new ReportRuns(InMemoryRunLedger.create());
    private final TenantId tenant = TenantId.of("contoso");

    @Test
    void a_second_start_for_the_same_day_reuses_the_run() {
        RunId first = reports.start(tenant, LocalDate.of(2026, 3, 1));
        assertEquals(first, reports.start(tenant, LocalDate.of(2026, 3, 1)));
    }

    @Test
    void a_failed_item_ends_the_run_completed_with_errors() {
        RunId id = reports.start(tenant, LocalDate.of(2026, 3, 2));
        Run done = reports.work(id, List.of("a", "b", "c"), item -> !item.equals("b"));
        assertEquals(RunStatus.COMPLETED_WITH_ERRORS, done.status());
        assertEquals(2, done.counts().succeeded());
        assertEquals(1, done.counts().failed());
    }
}
