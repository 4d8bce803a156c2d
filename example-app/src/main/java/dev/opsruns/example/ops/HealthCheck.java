package dev.opsruns.example.ops;

import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.example.maintenance.LedgerMaintenanceScheduler;
import dev.opsruns.example.maintenance.ReaperPass;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What {@code GET /health} answers: whether the database answers (within {@link #DATABASE_TIMEOUT}),
 * how many running runs have a heartbeat older than this app's workers would leave (their worker is
 * gone or stuck; the reaper ends them once they are stale), and the reaper's last pass.
 *
 * <p>{@code status} is {@code ok}, {@code degraded} (overdue heartbeats, or the reaper's last pass failed
 * or is late) or {@code down} (the database did not answer; HTTP 503). It names no tenant and no run.
 */
public final class HealthCheck {

    /** How long the check waits for the database. */
    public static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * The answer.
     *
     * @param httpStatus 200, or 503 when the database is down
     * @param body the JSON body
     */
    public record Report(int httpStatus, Map<String, Object> body) {
    }

    private final DataSource dataSource;
    private final RunQueries queries;
    private final Supplier<Collection<TenantId>> tenants;
    private final Set<RunType> runTypes;
    private final Duration overdueAfter;
    private final Duration staleAfter;
    private final LedgerMaintenanceScheduler maintenance;
    private final Clock clock;
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "opsruns-health");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param dataSource the app's database
     * @param queries the ledger's read side
     * @param tenants every tenant
     * @param runTypes the run types this app's workers run
     * @param heartbeatInterval how often the workers refresh a running run's heartbeat
     * @param staleAfter the reaper's heartbeat timeout
     * @param maintenance the reaper's schedule
     * @param clock the app's clock
     */
    public HealthCheck(DataSource dataSource, RunQueries queries, Supplier<Collection<TenantId>> tenants,
            Set<RunType> runTypes, Duration heartbeatInterval, Duration staleAfter,
            LedgerMaintenanceScheduler maintenance, Clock clock) {
        this.dataSource = dataSource;
        this.queries = queries;
        this.tenants = tenants;
        this.runTypes = Set.copyOf(runTypes);
        // Two missed beats and a slow write: later than that, the worker is not beating any more.
        this.overdueAfter = heartbeatInterval.multipliedBy(3);
        this.staleAfter = staleAfter;
        this.maintenance = maintenance;
        this.clock = clock;
    }

    /** @return the health now */
    public Report check() {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> database = new LinkedHashMap<>();
        long started = System.nanoTime();
        String problem = probe(() -> {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid((int) DATABASE_TIMEOUT.toSeconds()) ? null : "the connection did not validate";
            }
        });
        database.put("status", problem == null ? "up" : "down");
        database.put("latency_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        if (problem != null) {
            database.put("error", problem);
        }
        boolean degraded = false;
        Map<String, Object> runs = new LinkedHashMap<>();
        Collection<Run> running = java.util.List.of();
        if (problem == null) {
            try {
                running = runningRuns();
            } catch (RuntimeException e) {
                problem = "the runs could not be read (" + e.getClass().getSimpleName() + ")";
                database.put("status", "down");
                database.put("error", problem);
            }
        }
        if (problem == null) {
            Instant now = clock.instant();
            long overdue = 0;
            Duration oldest = Duration.ZERO;
            for (Run run : running) {
                Instant beat = run.heartbeatAt() != null ? run.heartbeatAt() : run.startedAt();
                Duration age = beat == null ? Duration.ZERO : Duration.between(beat, now);
                if (age.compareTo(overdueAfter) > 0) {
                    overdue++;
                }
                oldest = age.compareTo(oldest) > 0 ? age : oldest;
            }
            runs.put("running", running.size());
            runs.put("overdue_heartbeats", overdue);
            runs.put("oldest_heartbeat_age_ms", oldest.toMillis());
            degraded = overdue > 0;
        }
        runs.put("overdue_after_ms", overdueAfter.toMillis());
        runs.put("stale_after_ms", staleAfter.toMillis());
        Map<String, Object> reaper = new LinkedHashMap<>();
        reaper.put("interval_ms", maintenance.reaperInterval().toMillis());
        ReaperPass last = maintenance.lastReaperPass().orElse(null);
        if (last == null) {
            reaper.put("last_pass", null);
        } else {
            Map<String, Object> pass = new LinkedHashMap<>();
            pass.put("at", last.at().toString());
            pass.put("age_ms", Duration.between(last.at(), clock.instant()).toMillis());
            pass.put("ok", !last.failed());
            pass.put("ended_stale", last.stale());
            pass.put("ended_never_started", last.neverStarted());
            reaper.put("last_pass", pass);
            boolean late = Duration.between(last.at(), clock.instant()).compareTo(maintenance.reaperInterval().multipliedBy(3)) > 0;
            degraded |= last.failed() || late;
        }
        body.put("status", problem != null ? "down" : degraded ? "degraded" : "ok");
        body.put("database", database);
        body.put("runs", runs);
        body.put("reaper", reaper);
        return new Report(problem == null ? 200 : 503, body);
    }

    private Collection<Run> runningRuns() {
        Collection<TenantId> all = tenants.get();
        if (all.isEmpty() || runTypes.isEmpty()) {
            return java.util.List.of();
        }
        Map<TenantId, TenantRole> roles = all.stream().collect(Collectors.toMap(Function.identity(), t -> TenantRole.READONLY));
        Principal health = new Principal("system.health", "Health check", roles);
        RunFilter runningOnly = RunFilter.ALL.withRunTypes(runTypes).withBuckets(Set.of(StatusBucket.RUNNING));
        java.util.List<Run> found = new java.util.ArrayList<>();
        for (TenantId tenant : all) {
            PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
            while (true) {
                RunPage result = queries.list(health, tenant, runningOnly, page);
                found.addAll(result.runs());
                if (result.olderCursor() == null) {
                    break;
                }
                page = page.at(result.olderCursor());
            }
        }
        return found;
    }

    /** Runs the database probe with a time limit; null when it answered, else what went wrong. */
    private String probe(java.util.concurrent.Callable<String> check) {
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return check.call();
            } catch (Exception e) {
                return "the database did not answer (" + e.getClass().getSimpleName() + ")";
            }
        }, probes);
        try {
            return answer.get(DATABASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return "no answer within " + DATABASE_TIMEOUT.toMillis() + " ms";
        } catch (java.util.concurrent.ExecutionException e) {
            return "the database did not answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
