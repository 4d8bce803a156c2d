package dev.opsruns.hub.host;

import dev.opsruns.core.Principal;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RelatedLink;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.testkit.InMemoryRunLedger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runs an operator meets: a drift run that succeeded, a backup run in which 12 of 50 items failed
 * in three reason codes, a run whose worker went silent, a run made of hostile text, and another
 * tenant's run. Users: an operator and a readonly user of contoso, a fabrikam operator, a user with no
 * role, and one with roles in both tenants.
 */
public final class HubScenario {

    /** The tenants. */
    public static final TenantId CONTOSO = TenantId.of("contoso");
    /** The other tenant. */
    public static final TenantId FABRIKAM = TenantId.of("fabrikam");
    /** Run types. */
    public static final RunType DRIFT = RunType.of("drift.generate");
    /** Run types. */
    public static final RunType BACKUP = RunType.of("backup_set.add_policies");
    /** A contoso operator. */
    public static final Principal ALICE = new Principal("alice", "Alice Operator", Map.of(CONTOSO, TenantRole.OPERATOR));
    /** A contoso readonly user. */
    public static final Principal RITA = new Principal("rita", "Rita Readonly", Map.of(CONTOSO, TenantRole.READONLY));
    /** A fabrikam operator. */
    public static final Principal BOB = new Principal("bob", "Bob Fabrikam", Map.of(FABRIKAM, TenantRole.OPERATOR));
    /** Nobody in particular: no role anywhere. */
    public static final Principal NORA = new Principal("nora", "Nora Nobody", Map.of());
    /** Roles in both tenants. */
    public static final Principal MORGAN = new Principal("morgan", "Morgan Both",
            Map.of(CONTOSO, TenantRole.MANAGER, FABRIKAM, TenantRole.READONLY));
    /** A user whose display name is hostile markup with a right-to-left override. */
    public static final Principal MALLORY = new Principal("mallory", "<b>Mallory</b>\u202Egnp.exe",
            Map.of(CONTOSO, TenantRole.OPERATOR));
    /** Everyone. */
    public static final List<Principal> USERS = List.of(ALICE, RITA, BOB, NORA, MORGAN, MALLORY);
    /** The hostile script the hostile run carries everywhere it can. */
    public static final String SCRIPT = "<script>window.__pwned=1</script>";

    private final RunLedger ledger;
    private final AtomicInteger n = new AtomicInteger();
    /** The succeeded drift run. */
    public final Run succeeded;
    /** The backup run with 12 failed items of 50. */
    public final Run partial;
    /** The running run whose heartbeat stopped. */
    public final Run silent;
    /** The run of hostile text. */
    public final Run hostile;
    /** Fabrikam's run. */
    public final Run foreign;

    /**
     * Builds the scenario; the clock is advanced between steps by the caller's {@code tick}.
     *
     * @param clock the ledger's clock
     * @param tick moves time on (a manual clock) or does nothing (the system clock)
     */
    public HubScenario(Clock clock, Runnable tick) {
        ledger = InMemoryRunLedger.create(RunsConfig.builder().clock(clock)
                .relatedLinks(DRIFT, run -> List.of(new RelatedLink("Drift findings", "/drift/" + run.id()),
                        new RelatedLink("Sneaky", "javascript:window.__pwned=1")))
                .build());
        RunRegistry runs = ledger.registry();

        succeeded = start(ALICE, CONTOSO, DRIFT, "all_policies");
        runs.markRunning(succeeded.id());
        runs.setTotal(succeeded.id(), 50);
        runs.recordProgress(succeeded.id(), ProgressDelta.succeeded(50));
        tick.run();
        runs.finish(succeeded.id());

        partial = start(ALICE, CONTOSO, BACKUP, "baseline");
        runs.markRunning(partial.id());
        runs.setTotal(partial.id(), 50);
        runs.recordProgress(partial.id(), ProgressDelta.succeeded(38));
        String[] reasons = {"graph.forbidden", "graph.throttled", "graph.not_found"};
        int[] per = {5, 4, 3};
        for (int r = 0; r < reasons.length; r++) {
            for (int i = 0; i < per[r]; i++) {
                runs.recordItemFailure(partial.id(), "policy-" + r + "-" + i, ReasonCode.of(reasons[r]),
                        "HTTP " + (403 + r) + " for policy " + i + " (Authorization: Bearer abc.def.ghi)");
            }
        }
        tick.run();
        runs.finish(partial.id());

        tick.run();
        silent = start(ALICE, CONTOSO, BACKUP, "silent");
        runs.markRunning(silent.id());
        runs.setTotal(silent.id(), 50);
        runs.recordProgress(silent.id(), ProgressDelta.succeeded(21));

        hostile = ledger.registry().startOrReuse(StartRequest.byUser(MALLORY, CONTOSO, DRIFT, RunContext.builder()
                .put("scope_key", SCRIPT).put("note", "\"><img src=x onerror=window.__pwned=2>").build())).run();
        runs.markRunning(hostile.id());
        runs.recordItemFailure(hostile.id(), "<img src=x onerror=window.__pwned=3>", ReasonCode.of("graph.forbidden"),
                SCRIPT + " \u202Etxt.exe");
        runs.fail(hostile.id(), ReasonCode.of("graph.forbidden"), "</code>" + SCRIPT);

        foreign = start(BOB, FABRIKAM, DRIFT, "fabrikam_scope");
    }

    private Run start(Principal user, TenantId tenant, RunType type, String scope) {
        StartOutcome outcome = ledger.registry().startOrReuse(StartRequest.byUser(user, tenant, type,
                RunContext.builder().put("scope_key", scope).put("n", n.incrementAndGet()).build()));
        return outcome.run();
    }

    /** @return the ledger */
    public RunLedger ledger() {
        return ledger;
    }

    /** @return the run types the hub's filter offers */
    public static Set<RunType> runTypes() {
        return Set.of(DRIFT, BACKUP);
    }

    /**
     * Starts and runs a new drift run by Alice, left running.
     *
     * @param scope its scope key
     * @return its id
     */
    public RunId startRunning(String scope) {
        Run run = start(ALICE, CONTOSO, DRIFT, scope);
        ledger.registry().markRunning(run.id());
        ledger.registry().setTotal(run.id(), 10);
        return run.id();
    }
}
