package dev.opsruns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationInbox;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.RelatedLink;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunLinkTemplate;
import dev.opsruns.core.RunMaintenance;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunRegistry;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.StartOutcome;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What the three contract suites share: a {@link ManualClock}, the configuration they build with it,
 * the ledger under test, principals of every role in two tenants, and helpers that drive runs into a
 * status, take a snapshot of everything a refused call must leave alone, and race threads.
 *
 * <p>One instance per test; the suites create it in their {@code @BeforeEach}.
 */
final class ContractFixtures {

    /** Where every test's clock starts: micro-second precision, so "now" is exactly what stores keep. */
    static final Instant START = Instant.parse("2026-01-15T09:30:00.123456Z");
    /** How long any wait in a race may take before the test fails (no timing is asserted). */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    static final TenantId TENANT_A = TenantId.of("tenant-a");
    static final TenantId TENANT_B = TenantId.of("tenant-b");

    /** A run type with a related-link provider that links the run's findings. */
    static final RunType DRIFT = RunType.of("drift.generate");
    /** A run type with a related-link provider that links the backup set in the run's context. */
    static final RunType BACKUP = RunType.of("backup_set.add_policies");
    /** A run type without a related-link provider. */
    static final RunType UNLINKED = RunType.of("inventory.sync");

    /** A non-default "View run" template, so tests see the store used the configured one. */
    static final RunLinkTemplate LINKS = RunLinkTemplate.of("https://hub.example.test/t/{tenant}/ops/{runId}");

    static final Principal OWNER_A = user("owner-a", "Olivia Owner", TENANT_A, TenantRole.OWNER);
    static final Principal MANAGER_A = user("manager-a", "Max Manager", TENANT_A, TenantRole.MANAGER);
    static final Principal OPERATOR_A = user("operator-a", "Ola Operator", TENANT_A, TenantRole.OPERATOR);
    static final Principal READONLY_A = user("readonly-a", "Rita Readonly", TENANT_A, TenantRole.READONLY);
    static final Principal OWNER_B = user("owner-b", "Otto Owner", TENANT_B, TenantRole.OWNER);
    static final Principal MANAGER_B = user("manager-b", "Mia Manager", TENANT_B, TenantRole.MANAGER);
    static final Principal OPERATOR_B = user("operator-b", "Oli Operator", TENANT_B, TenantRole.OPERATOR);
    static final Principal READONLY_B = user("readonly-b", "Ron Readonly", TENANT_B, TenantRole.READONLY);
    /** An operator in both tenants: sees both, so cross-tenant leaks show. */
    static final Principal BOTH = new Principal("both-tenants", "Bea Both",
            Map.of(TENANT_A, TenantRole.OPERATOR, TENANT_B, TenantRole.OPERATOR));
    /** A user with no role anywhere. */
    static final Principal OUTSIDER = new Principal("outsider", "Oscar Outsider", Map.of());

    /** Every fixture principal. */
    static final List<Principal> PRINCIPALS = List.of(OWNER_A, MANAGER_A, OPERATOR_A, READONLY_A, OWNER_B,
            MANAGER_B, OPERATOR_B, READONLY_B, BOTH, OUTSIDER);

    static final String SYSTEM = "scheduler";
    static final ReasonCode FORBIDDEN = ReasonCode.of("graph.forbidden");
    static final ReasonCode CANCELLED = ReasonCode.of("user.cancelled");

    /** A JWT as an Authorization header would carry it. */
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123def456";
    static final String PASSWORD = "hunter2";
    /** A raw message with two secrets in it; no stored or sent text may contain either. */
    static final String SECRET_MESSAGE = "Graph call failed with HTTP 401 (request Authorization: Bearer " + JWT
            + "; connection string user=svc;password=" + PASSWORD + ")";

    private final Function<RunsConfig, RunLedger> factory;
    private final AtomicInteger contextCounter = new AtomicInteger();
    /** The clock of every configuration this fixture builds. */
    final ManualClock clock = new ManualClock(START);
    private RunLedger ledger;

    ContractFixtures(Function<RunsConfig, RunLedger> factory) {
        this.factory = factory;
        open(UnaryOperator.identity());
    }

    static Principal user(String userId, String displayName, TenantId tenant, TenantRole role) {
        return new Principal(userId, displayName, Map.of(tenant, role));
    }

    static Principal user(String userId, TenantId tenant, TenantRole role) {
        return user(userId, "User " + userId, tenant, role);
    }

    static Principal owner(TenantId tenant) {
        return tenant.equals(TENANT_A) ? OWNER_A : OWNER_B;
    }

    /** Starts runs one minute apart, oldest first. */
    List<Run> startMinuteApart(int count) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofMinutes(1));
            runs.add(start());
        }
        return runs;
    }

    /** @return the ids of runs listed oldest first, newest first */
    static List<RunId> newestFirst(List<Run> runs) {
        List<RunId> ids = new ArrayList<>(runs.stream().map(Run::id).toList());
        Collections.reverse(ids);
        return ids;
    }

    // ------------------------------------------------------------------ configuration and ledger

    /**
     * @return the standard configuration of the suites: this fixture's clock, {@link #LINKS}, related
     *     links for {@link #DRIFT} and {@link #BACKUP}, the standard sanitizer and default cap
     */
    RunsConfig.Builder baseConfig() {
        return RunsConfig.builder()
                .clock(clock)
                .linkTemplate(LINKS)
                .relatedLinks(DRIFT, run -> List.of(new RelatedLink("Drift findings", "/drift/findings?run=" + run.id())))
                .relatedLinks(BACKUP, run -> List.of(new RelatedLink("Backup set",
                        "/backup-sets/" + run.context().getString("backup_set_id").orElse("unknown"))));
    }

    /**
     * Replaces the ledger with a new, empty one over the base configuration changed by {@code customize}.
     *
     * @return the new ledger
     */
    RunLedger open(UnaryOperator<RunsConfig.Builder> customize) {
        RunsConfig config = customize.apply(baseConfig()).build();
        RunLedger created = factory.apply(config);
        assertNotNull(created, "createLedger returned null");
        assertEquals(0, created.queries().countByBucket(OWNER_A, TENANT_A, RunFilter.ALL).total()
                + created.queries().countByBucket(OWNER_B, TENANT_B, RunFilter.ALL).total(),
                "createLedger must return a ledger over empty state");
        this.ledger = created;
        return created;
    }

    RunLedger ledger() {
        return ledger;
    }

    RunRegistry registry() {
        return ledger.registry();
    }

    RunQueries queries() {
        return ledger.queries();
    }

    NotificationInbox inbox() {
        return ledger.notifications();
    }

    RunMaintenance maintenance() {
        return ledger.maintenance();
    }

    /** @return the clock's time as stores keep it (microseconds) */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** @return a context no other call of this fixture returns */
    RunContext uniqueContext() {
        return RunContext.builder().put("n", contextCounter.incrementAndGet()).build();
    }

    static RunContext context(String key, Object value) {
        return RunContext.builder().put(key, value).build();
    }

    // ------------------------------------------------------------------ starting and driving runs

    /** Starts a new run by {@link #OPERATOR_A} in tenant A, asserting that it was started, not reused. */
    Run start() {
        return start(OPERATOR_A, TENANT_A, DRIFT, uniqueContext());
    }

    Run start(Principal user, TenantId tenant, RunType type, RunContext context) {
        return started(registry().startOrReuse(StartRequest.byUser(user, tenant, type, context)));
    }

    Run startBySystem(TenantId tenant, RunType type, RunContext context) {
        return started(registry().startOrReuse(StartRequest.bySystem(SYSTEM, tenant, type, context)));
    }

    static Run started(StartOutcome outcome) {
        return assertInstanceOf(StartOutcome.Started.class, outcome, "expected a new run to be started").run();
    }

    /** Starts a run by {@link #OPERATOR_A} and marks it running. */
    Run running() {
        return registry().markRunning(start().id());
    }

    /** Starts a run by {@link #OPERATOR_A} and drives it to {@code status} with these counts. */
    Run reach(RunStatus status, long succeeded, long failed) {
        return reach(start(), status, succeeded, failed);
    }

    /**
     * Drives a freshly started run to {@code status}: succeeded items as progress, failed items as
     * recorded item failures.
     *
     * @throws IllegalArgumentException for a combination the API cannot reach
     */
    Run reach(Run pending, RunStatus status, long succeeded, long failed) {
        RunRegistry r = registry();
        RunId id = pending.id();
        if (status == RunStatus.PENDING) {
            if (succeeded != 0 || failed != 0) {
                throw new IllegalArgumentException("a pending run has no counts");
            }
            return r.get(id);
        }
        r.markRunning(id);
        if (succeeded > 0) {
            r.recordProgress(id, ProgressDelta.succeeded(succeeded));
        }
        for (long i = 0; i < failed; i++) {
            r.recordItemFailure(id, "item-" + i, FORBIDDEN, "item " + i + " is forbidden");
        }
        Run reached = switch (status) {
            case PENDING, RUNNING -> r.get(id);
            case COMPLETED, COMPLETED_WITH_ERRORS -> {
                if ((status == RunStatus.COMPLETED) != (failed == 0)) {
                    throw new IllegalArgumentException(status + " with " + failed + " failed items is unreachable");
                }
                yield r.finish(id);
            }
            case FAILED -> r.fail(id, FORBIDDEN, "the tenant revoked consent");
            case ABORTED -> r.abort(id, CANCELLED, "stopped by an operator");
        };
        assertEquals(status, reached.status(), "driving run " + id);
        return reached;
    }

    // ------------------------------------------------------------------ reading

    List<Notification> inbox(Principal user, TenantId tenant) {
        return inbox().list(user, tenant, false, PageRequest.MAX_LIMIT);
    }

    List<Notification> inbox(Principal user, TenantId tenant, RunId runId) {
        return inbox(user, tenant).stream().filter(n -> n.runId().equals(runId)).toList();
    }

    /** @return every notification of every fixture principal with a role in the tenant, by id */
    List<Notification> allNotifications(TenantId tenant) {
        List<Notification> all = new ArrayList<>();
        for (Principal p : PRINCIPALS) {
            if (p.roleIn(tenant).isPresent()) {
                all.addAll(inbox(p, tenant));
            }
        }
        all.sort(Comparator.comparing(Notification::id));
        return all;
    }

    long runCount(TenantId tenant) {
        return queries().countByBucket(owner(tenant), tenant, RunFilter.ALL).total();
    }

    /** Reads every page of a listing, oldest page last. */
    List<Run> listAll(Principal viewer, TenantId tenant, RunFilter filter) {
        List<Run> all = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        for (int guard = 0; guard < 1_000; guard++) {
            RunPage p = queries().list(viewer, tenant, filter, page);
            all.addAll(p.runs());
            if (p.olderCursor() == null) {
                return all;
            }
            page = page.at(p.olderCursor());
        }
        return fail("a listing did not end after 1000 pages");
    }

    static List<RunId> ids(List<Run> runs) {
        return runs.stream().map(Run::id).toList();
    }

    /** Everything a refused call must leave as it was: the run, its detail, and the tenant's notifications. */
    record Snapshot(Run run, RunDetail detail, List<Notification> notifications) {
    }

    Snapshot snapshot(RunId id) {
        Run run = registry().get(id);
        RunDetail detail = queries().detail(owner(run.tenantId()), run.tenantId(), id);
        return new Snapshot(run, detail, allNotifications(run.tenantId()));
    }

    /** Asserts the whole ledger state of the run (and the tenant's notifications) is as before. */
    void assertUnchanged(Snapshot before, String why) {
        Snapshot after = snapshot(before.run().id());
        assertEquals(before.run(), after.run(), why + ": the run changed");
        assertEquals(before.detail(), after.detail(), why + ": the detail (failures, links) changed");
        assertEquals(before.notifications(), after.notifications(), why + ": notifications changed");
    }

    static RunId unknownRunId() {
        return RunId.generate(java.time.Clock.systemUTC());
    }

    // ------------------------------------------------------------------ lifecycle calls as data

    /** Every worker-side call of {@link RunRegistry} on an existing run, with the statuses it is accepted in. */
    enum Action {
        MARK_RUNNING(EnumSet.of(RunStatus.PENDING, RunStatus.RUNNING), (r, id) -> r.markRunning(id)),
        HEARTBEAT(EnumSet.of(RunStatus.RUNNING), RunRegistry::heartbeat),
        SET_TOTAL(EnumSet.of(RunStatus.RUNNING), (r, id) -> r.setTotal(id, 42)),
        RECORD_PROGRESS(EnumSet.of(RunStatus.RUNNING), (r, id) -> r.recordProgress(id, new ProgressDelta(2, 1, 1))),
        RECORD_ITEM_FAILURE(EnumSet.of(RunStatus.RUNNING),
                (r, id) -> r.recordItemFailure(id, "late-item", FORBIDDEN, "late " + SECRET_MESSAGE)),
        FINISH(EnumSet.of(RunStatus.RUNNING), (r, id) -> r.finish(id)),
        FAIL(EnumSet.of(RunStatus.PENDING, RunStatus.RUNNING), (r, id) -> r.fail(id, FORBIDDEN, "late failure")),
        ABORT(EnumSet.of(RunStatus.PENDING, RunStatus.RUNNING), (r, id) -> r.abort(id, CANCELLED, "late abort"));

        private final Set<RunStatus> acceptedIn;
        private final BiConsumer<RunRegistry, RunId> call;

        Action(Set<RunStatus> acceptedIn, BiConsumer<RunRegistry, RunId> call) {
            this.acceptedIn = acceptedIn;
            this.call = call;
        }

        boolean acceptedIn(RunStatus status) {
            return acceptedIn.contains(status);
        }

        void apply(RunRegistry registry, RunId id) {
            call.accept(registry, id);
        }
    }

    // ------------------------------------------------------------------ races

    /** One racing thread's work. */
    @FunctionalInterface
    interface RaceTask<T> {
        T run(int threadIndex) throws Exception;
    }

    /** What the threads of a race returned, and what they threw. */
    record RaceResult<T>(List<T> values, List<Throwable> errors) {

        void assertNoErrors() {
            if (!errors.isEmpty()) {
                fail(errors.size() + " racing thread(s) failed; the first: " + errors.get(0), errors.get(0));
            }
        }
    }

    /**
     * Releases {@code threads} threads at once through one latch, each running {@code task}, and waits
     * (bounded) for all of them. Never sleeps; the executor is always shut down.
     */
    static <T> RaceResult<T> race(int threads, RaceTask<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!go.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the start signal never came");
                    }
                    return task.run(index);
                }));
            }
            assertTrue(ready.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "racing threads did not start");
            go.countDown();
            List<T> values = new ArrayList<>();
            List<Throwable> errors = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    values.add(f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    errors.add(e.getCause());
                } catch (TimeoutException e) {
                    fail("a racing thread did not finish within " + TIMEOUT);
                }
            }
            return new RaceResult<>(values, errors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while racing", e);
        } finally {
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    fail("racing threads did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return true when no two elements are equal */
    static <T> boolean distinct(List<T> values) {
        return new HashSet<>(values).size() == values.size();
    }
}
