package dev.opsruns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.opsruns.core.IdempotencyKey;
import dev.opsruns.core.Initiator;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunIdempotency;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.HeartbeatCutoffs;
import dev.opsruns.core.spi.InsertOutcome;
import dev.opsruns.core.spi.RunEnd;
import dev.opsruns.core.spi.RunStore;
import dev.opsruns.core.spi.StaleCandidate;
import dev.opsruns.core.spi.StoredDetail;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the store contract's groups share: the store under test, a {@link ManualClock}, values built
 * with the public API exactly as the engine would pass them (whole microseconds, v7 ids), and helpers
 * that drive a run into any status through the primitives themselves.
 *
 * <p>One instance per test.
 */
final class StoreFixtures {

    /** Where every test's clock starts: microseconds, so times are exactly what stores keep. */
    static final Instant START = Instant.parse("2026-01-15T09:30:00.123456Z");
    /** One microsecond: the finest step a store must tell apart. */
    static final Duration MICRO = Duration.of(1, ChronoUnit.MICROS);
    /** Later than any time a test reaches, for "everything" cutoffs. */
    static final Instant FAR_FUTURE = START.plus(Duration.ofDays(3650));
    /** A failure cap no test reaches. */
    static final int NO_CAP = 1_000;

    static final TenantId TENANT_A = TenantId.of("tenant-a");
    static final TenantId TENANT_B = TenantId.of("tenant-b");
    static final RunType DRIFT = RunType.of("drift.generate");
    static final RunType BACKUP = RunType.of("backup_set.add_policies");
    static final RunType SYNC = RunType.of("inventory.sync");

    /** The initiator of most runs, and so the recipient of their notifications. */
    static final Initiator.User ALICE = new Initiator.User("alice", "Alice Ädelmann (ops)");
    /** Another user: her notifications must stay hers. */
    static final Initiator.User BOB = new Initiator.User("bob", "Bob");
    static final Initiator.System SCHEDULER = new Initiator.System("scheduler");
    /** Every recipient the tests use; snapshots read all their inboxes. */
    static final List<String> RECIPIENTS = List.of(ALICE.id(), BOB.id());

    static final ReasonCode FORBIDDEN = ReasonCode.of("graph.forbidden");

    /** UUIDs in the order the databases compare them: unsigned, byte by byte. */
    static final Comparator<UUID> UUID_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);
    /** A tenant's list order: createdAt, then id, both descending. */
    static final Comparator<Run> NEWEST_FIRST = Comparator.comparing(Run::createdAt).thenComparing(Run::id).reversed();
    /** An inbox's order: createdAt, then id, both descending. */
    static final Comparator<Notification> NEWEST_NOTIFICATION_FIRST = Comparator.comparing(Notification::createdAt)
            .thenComparing(Notification::id, UUID_ORDER).reversed();

    final ManualClock clock = new ManualClock(START);
    final RunStore store;
    private final AtomicInteger contexts = new AtomicInteger();

    StoreFixtures(RunStore store) {
        assertNotNull(store, "createStore returned null");
        this.store = store;
        for (TenantId tenant : List.of(TENANT_A, TENANT_B)) {
            assertTrue(store.page(tenant, RunFilter.ALL, null, 1).isEmpty(), "createStore must return an EMPTY store");
            for (String user : RECIPIENTS) {
                assertTrue(store.notifications(tenant, user, false, 1).isEmpty(), "createStore must return an EMPTY store");
                assertTrue(store.lastVisit(tenant, user).isEmpty(), "createStore must return an EMPTY store (visits too)");
            }
        }
    }

    // ------------------------------------------------------------------ time

    /** @return the clock's time as the engine passes it: whole microseconds */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Moves the clock on by {@code amount} and returns the new time. */
    Instant advance(Duration amount) {
        clock.advance(amount);
        return now();
    }

    // ------------------------------------------------------------------ values

    /** @return a context no other call returns, with nested values so a store must keep the JSON whole */
    RunContext uniqueContext() {
        return RunContext.of(Map.of("n", contexts.incrementAndGet(), "scope", Map.of("ids", List.of("a", "b"))));
    }

    /** A new pending run of {@link #ALICE} in tenant A, created now; not stored. */
    Run newRun() {
        return newRun(TENANT_A, DRIFT, ALICE);
    }

    Run newRun(TenantId tenant, RunType type, Initiator initiator) {
        RunContext context = uniqueContext();
        return newRun(tenant, type, initiator, context, RunIdempotency.buildKey(tenant, type, context));
    }

    Run newRun(TenantId tenant, RunType type, Initiator initiator, RunContext context, IdempotencyKey key) {
        return Run.pending(RunId.generate(clock), tenant, type, key, initiator, context, now());
    }

    /** A new pending run holding the same key as {@code holder}, created now. */
    Run sameKeyAs(Run holder) {
        return newRun(holder.tenantId(), holder.runType(), holder.initiator(), holder.context(), holder.idempotencyKey());
    }

    /** A notification about {@code run} to {@code userId}, created at {@code at}, unread. */
    Notification notification(Run run, String userId, NotificationKind kind, Instant at) {
        return new Notification(RunId.generate(clock).value(), run.tenantId(), userId, run.id(), run.runType(), kind,
                run.runType() + " " + kind.storageName(), "Your " + run.runType() + " run is " + kind.storageName() + ".",
                "View run", "https://hub.example.test/t/" + run.tenantId() + "/ops/" + run.id(), at, null);
    }

    /** The "queued" notification the engine stores with a new run of a user. */
    Notification queued(Run run) {
        return notification(run, run.initiator().id(), NotificationKind.QUEUED, run.createdAt());
    }

    /** A notification for the run as ended, as an end's notification function returns it. */
    Notification endedNotice(Run ended) {
        return notification(ended, ended.initiator().id(), NotificationKind.FAILED, ended.finishedAt());
    }

    RunFailure failure(String message) {
        return new RunFailure(FORBIDDEN, message);
    }

    ItemFailure itemFailure(String itemKey) {
        return new ItemFailure(itemKey, FORBIDDEN, "item " + itemKey + " is forbidden", now());
    }

    // ------------------------------------------------------------------ driving runs through the primitives

    /** Stores a run, asserting it was inserted. */
    Run insert(Run run) {
        assertInstanceOf(InsertOutcome.Inserted.class, store.insertUnlessActive(run, null), "inserting " + run.id());
        return run;
    }

    Run pending() {
        return insert(newRun());
    }

    Run running() {
        return markRunning(pending());
    }

    Run markRunning(Run run) {
        return store.markRunning(run.id(), now()).orElseThrow(() -> new AssertionError("markRunning refused " + run.id()));
    }

    /** A stored run of {@link #ALICE} in tenant A, in {@code status}. */
    Run inStatus(RunStatus status) {
        return reach(pending(), status);
    }

    /** Drives a stored pending run into {@code status} (completed_with_errors by one item failure). */
    Run reach(Run pending, RunStatus status) {
        return switch (status) {
            case PENDING -> pending;
            case RUNNING -> markRunning(pending);
            case COMPLETED -> end(RunEnd.finish(markRunning(pending).id(), now()));
            case COMPLETED_WITH_ERRORS -> {
                markRunning(pending);
                assertTrue(store.recordItemFailure(pending.id(), itemFailure("item-1"), NO_CAP));
                yield end(RunEnd.finish(pending.id(), now()));
            }
            case FAILED -> end(RunEnd.fail(pending.id(), failure("the tenant revoked consent"), now()));
            case ABORTED -> end(RunEnd.abort(pending.id(), failure("stopped by an operator"), now()));
        };
    }

    /** Applies an end without a notification, asserting it was accepted. */
    Run end(RunEnd end) {
        return store.end(end, r -> Optional.empty())
                .orElseThrow(() -> new AssertionError(end.kind() + " refused " + end.runId()));
    }

    /**
     * @return an end of this kind for the stored run whose guard (if any) holds: the run's heartbeat
     *     for {@link RunEnd.Kind#REAP_STALE} (now when it has none), a cutoff after its creation for
     *     {@link RunEnd.Kind#REAP_NEVER_STARTED}
     */
    RunEnd endOf(RunEnd.Kind kind, Run run) {
        Instant at = now();
        return switch (kind) {
            case FINISH -> RunEnd.finish(run.id(), at);
            case FAIL -> RunEnd.fail(run.id(), failure("the tenant revoked consent"), at);
            case ABORT -> RunEnd.abort(run.id(), failure("stopped by an operator"), at);
            case REAP_STALE -> RunEnd.reapStale(new StaleCandidate(run.id(), run.runType(),
                    run.heartbeatAt() != null ? run.heartbeatAt() : at), failure("no heartbeat"), at);
            case REAP_NEVER_STARTED -> RunEnd.reapNeverStarted(run.id(), run.createdAt().plus(MICRO),
                    failure("never started"), at);
        };
    }

    /** The status a run must be in for an end of this kind to apply: running when the kind accepts it. */
    static RunStatus acceptedStatus(RunEnd.Kind kind) {
        return kind.from().contains(RunStatus.RUNNING) ? RunStatus.RUNNING : RunStatus.PENDING;
    }

    // ------------------------------------------------------------------ reading

    Run find(RunId id) {
        return store.findRun(id).orElseThrow(() -> new AssertionError("no run " + id));
    }

    StoredDetail detail(Run run) {
        return store.detail(run.tenantId(), run.id()).orElseThrow(() -> new AssertionError("no detail of " + run.id()));
    }

    List<Notification> inbox(TenantId tenant, String userId) {
        return store.notifications(tenant, userId, false, NO_CAP);
    }

    /** @return every notification of every recipient in both tenants, by id */
    List<Notification> allNotifications() {
        List<Notification> all = new ArrayList<>();
        for (TenantId tenant : List.of(TENANT_A, TENANT_B)) {
            for (String user : RECIPIENTS) {
                all.addAll(inbox(tenant, user));
            }
        }
        all.sort(Comparator.comparing(Notification::id, UUID_ORDER));
        return all;
    }

    /** @return the notifications about one run, by id */
    List<Notification> notificationsOf(RunId runId) {
        return allNotifications().stream().filter(n -> n.runId().equals(runId)).toList();
    }

    /** @return every run of a tenant, newest first */
    List<Run> all(TenantId tenant) {
        return store.page(tenant, RunFilter.ALL, null, NO_CAP);
    }

    /** @return every stale running run, whatever its heartbeat */
    List<StaleCandidate> allRunning() {
        return store.staleRunning(new HeartbeatCutoffs(FAR_FUTURE, Map.of()), NO_CAP);
    }

    static List<RunId> ids(List<Run> runs) {
        return runs.stream().map(Run::id).toList();
    }

    static RunId unknownRunId() {
        return RunId.generate(java.time.Clock.systemUTC());
    }

    // ------------------------------------------------------------------ "changed nothing"

    /** Everything a refused primitive must leave as it was. */
    record Snapshot(RunId runId, Optional<Run> run, Optional<StoredDetail> detail, List<Notification> notifications,
            List<Run> runsA, List<Run> runsB) {
    }

    Snapshot snapshot(RunId id) {
        Optional<Run> run = store.findRun(id);
        Optional<StoredDetail> detail = run.flatMap(r -> store.detail(r.tenantId(), id));
        return new Snapshot(id, run, detail, allNotifications(), all(TENANT_A), all(TENANT_B));
    }

    void assertUnchanged(Snapshot before, String why) {
        Snapshot after = snapshot(before.runId());
        assertEquals(before.run(), after.run(), why + ": the run changed");
        assertEquals(before.detail(), after.detail(), why + ": its detail (item failures) changed");
        assertEquals(before.notifications(), after.notifications(), why + ": notifications changed");
        assertEquals(before.runsA(), after.runsA(), why + ": tenant A's runs changed");
        assertEquals(before.runsB(), after.runsB(), why + ": tenant B's runs changed");
    }

    /**
     * The notification function of an end that must be refused: a store calls it only for a run it
     * ended, so a call means the end was applied.
     */
    static Optional<Notification> refusedEndMustNotNotify(Run ended) {
        return fail("the end was applied (its notification function was called with " + ended + ") but must be refused");
    }

    /** Adds a delta now, refreshing the heartbeat. */
    void progress(Run run, ProgressDelta delta) {
        assertTrue(store.addProgress(run.id(), delta, now(), FAR_FUTURE), "addProgress refused " + run.id());
    }
}
