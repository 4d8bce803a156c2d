package dev.opsruns.example.web;

import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunStatistics;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatisticsWindow;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The statistics read over HTTP: per run type, what the tenant's runs did in a named window ending now or
 * in a {@code from}-{@code to} range. Checks run as on every tenant route: the caller (401), the tenant
 * (403), then the parameters (400). A range may be no longer than the app keeps ended runs (its
 * retention), since statistics over a longer range would silently count only what is left.
 */
final class StatisticsRoutes {

    private static final Set<String> PARAMS = Set.of("window", "from", "to", "type");
    /** The named windows, each ending now. */
    private static final Map<String, Function<Clock, StatisticsWindow>> WINDOWS = Map.of(
            "1h", StatisticsWindow::lastHour,
            "24h", StatisticsWindow::last24Hours,
            "7d", StatisticsWindow::last7Days,
            "30d", StatisticsWindow::last30Days);
    /** The window of a request that names none. */
    static final String DEFAULT_WINDOW = "24h";

    private final RunLedger ledger;
    private final Callers callers;
    private final Duration retention;

    StatisticsRoutes(RunLedger ledger, Callers callers, Duration retention) {
        this.ledger = ledger;
        this.callers = callers;
        this.retention = retention;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/tenants/{tenant}/statistics", this::statistics);
    }

    private void statistics(Context ctx) {
        TenantCaller caller = callers.inTenant(ctx);
        QueryParams q = QueryParams.of(ctx, PARAMS);
        StatisticsWindow window = window(q);
        // a well-formed type the app does not produce is no error here: it simply has no statistics
        Set<RunType> types = new TreeSet<>();
        for (String t : q.values("type")) {
            types.add(RunType.of(t));
        }
        RunStatistics stats = ledger.queries().statistics(caller.principal(), caller.tenant(),
                RunFilter.ALL.withRunTypes(types), window);
        ctx.json(StatisticsViews.of(stats));
    }

    private StatisticsWindow window(QueryParams q) {
        String named = q.single("window");
        Instant from = q.instant("from");
        Instant to = q.instant("to");
        StatisticsWindow window;
        if (from != null || to != null) {
            if (named != null) {
                throw ApiException.badRequest("window", "give either 'window' or 'from' and 'to', not both");
            }
            if (from == null || to == null) {
                String missing = from == null ? "from" : "to";
                throw ApiException.badRequest(missing, "a range needs both 'from' and 'to' (ISO-8601), but '" + missing
                        + "' is missing");
            }
            if (!to.isAfter(from)) {
                throw ApiException.badRequest("to", "'to' must be after 'from', but from=" + from + " and to=" + to);
            }
            checkRetention(Duration.between(from, to));
            window = StatisticsWindow.between(from, to);
        } else {
            String name = named == null ? DEFAULT_WINDOW : named;
            Function<Clock, StatisticsWindow> factory = WINDOWS.get(name);
            if (factory == null) {
                throw ApiException.badRequest("window", "'window' must be one of 1h, 24h, 7d, 30d, but was '"
                        + JsonBody.clip(name) + "'");
            }
            window = factory.apply(ledger.config().clock());
            checkRetention(Duration.between(window.from(), window.to()));
        }
        return window;
    }

    private void checkRetention(Duration range) {
        if (range.compareTo(retention) > 0) {
            throw ApiException.badRequest("to", "the range may be at most the app's retention of " + describe(retention)
                    + " (OPSRUNS_RETENTION): ended runs older than that are purged, so a longer range would count "
                    + "only part of it; it was " + describe(range));
        }
    }

    private static String describe(Duration d) {
        return d.toSeconds() % Duration.ofDays(1).toSeconds() == 0 && d.getNano() == 0 ? d.toDays() + " days" : d.toString();
    }
}
