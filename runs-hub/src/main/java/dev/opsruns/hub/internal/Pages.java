package dev.opsruns.hub.internal;

import dev.opsruns.core.BucketCounts;
import dev.opsruns.core.InvalidPageCursorException;
import dev.opsruns.core.ItemFailure;
import dev.opsruns.core.NewFailures;
import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.PageRequest;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RelatedLink;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunDetail;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunPage;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunQueries;
import dev.opsruns.core.RunStatistics;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunTypeStatistics;
import dev.opsruns.core.StatisticsWindow;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.hub.spi.HostLink;
import dev.opsruns.hub.spi.SafeUrls;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Builds the pages' models from the ledger, always with the caller's principal. */
final class Pages {

    /** How many notifications the menu reads. */
    static final int MENU_NOTIFICATIONS = 30;

    private final HubSettings settings;
    private final Urls urls;

    Pages(HubSettings settings) {
        this.settings = settings;
        this.urls = new Urls(settings.basePath());
    }

    Urls urls() {
        return urls;
    }

    private Instant now() {
        return settings.ledger().config().clock().instant();
    }

    private String typeLabel(RunType type) {
        return settings.host().runTypeLabel(type);
    }

    // ------------------------------------------------------------------ shell

    Frame plainFrame(String title, Principal principal) {
        return new Frame(title, brand(), urls.asset("hub.css"), urls.asset("hub.js"), urls.asset("favicon.svg"), null,
                principal == null ? null : principal.displayName(),
                principal == null ? List.of() : settings.host().account(principal), List.of());
    }

    private String brand() {
        return settings.host().homeUrl().filter(SafeUrls::isSafe).orElse(urls.home());
    }

    private Frame tenantFrame(String title, Principal principal, TenantId tenant, String returnTo, List<Frame.Crumb> crumbs) {
        return tenantFrame(title, principal, tenant, returnTo, crumbs, false);
    }

    private Frame tenantFrame(String title, Principal principal, TenantId tenant, String returnTo, List<Frame.Crumb> crumbs,
            boolean statisticsPage) {
        List<Frame.NavLink> switcher = new ArrayList<>();
        for (TenantId t : settings.host().tenantsOf(principal)) {
            if (settings.ledger().config().accessPolicy().canView(principal, t)) {
                switcher.add(new Frame.NavLink(settings.host().tenantName(t), urls.list(t), t.equals(tenant)));
            }
        }
        List<Frame.NavLink> nav = new ArrayList<>();
        nav.add(new Frame.NavLink("Operations", urls.list(tenant), !statisticsPage));
        nav.add(new Frame.NavLink("Statistics", urls.statistics(tenant), statisticsPage));
        for (HostLink link : settings.host().navigation(principal, tenant)) {
            nav.add(new Frame.NavLink(link.label(), link.url(), false));
        }
        String role = principal.roleIn(tenant).map(Enum::name).orElse("VIEWER");
        Frame.TenantChrome chrome = new Frame.TenantChrome(settings.host().tenantName(tenant), role, switcher, nav,
                notes(principal, tenant, returnTo));
        return new Frame(title + " · " + chrome.name(), brand(), urls.asset("hub.css"), urls.asset("hub.js"),
                urls.asset("favicon.svg"), chrome, principal.displayName(), settings.host().account(principal), crumbs);
    }

    private NotesMenu notes(Principal principal, TenantId tenant, String returnTo) {
        List<Notification> all = settings.ledger().notifications().list(principal, tenant, false, MENU_NOTIFICATIONS);
        List<NotesMenu.Note> ends = new ArrayList<>();
        List<NotesMenu.Note> starts = new ArrayList<>();
        for (Notification n : all) {
            NotesMenu.Note note = new NotesMenu.Note(n.id().toString(), n.kind().storageName(),
                    typeLabel(n.runType()) + " " + Texts.notification(n.kind()), n.body(), TimeView.of(n.createdAt(), ""),
                    SafeUrls.isSafe(n.actionUrl()) ? n.actionUrl() : null, n.actionLabel(), !n.isRead());
            boolean start = n.kind() == NotificationKind.QUEUED || n.kind() == NotificationKind.REUSED;
            (start ? starts : ends).add(note);
        }
        return new NotesMenu(settings.host().tenantName(tenant), ends.stream().filter(NotesMenu.Note::unread).count(), ends,
                starts, starts.stream().filter(NotesMenu.Note::unread).count(), urls.markRead(tenant), returnTo);
    }

    // ------------------------------------------------------------------ pages

    TenantsView tenants(Principal principal) {
        List<DetailView.Link> links = new ArrayList<>();
        for (TenantId t : settings.host().tenantsOf(principal)) {
            if (settings.ledger().config().accessPolicy().canView(principal, t)) {
                links.add(new DetailView.Link(settings.host().tenantName(t), urls.list(t)));
            }
        }
        return new TenantsView(plainFrame("Operations", principal), principal.displayName(), links);
    }

    /**
     * @param refresh true for the page's own auto-refresh, which swaps in only rows and counts: it is not
     *     a visit, and the banner it would carry is never shown, so neither is read or written
     */
    ListView list(Principal principal, TenantId tenant, ListQuery view, boolean refresh) {
        RunQueries queries = settings.ledger().queries();
        settings.ledger().config().accessPolicy().checkView(principal, tenant);
        RunPage page;
        try {
            page = queries.list(principal, tenant, view.filter(), new PageRequest(view.limit(), view.cursor()));
        } catch (InvalidPageCursorException e) {
            throw HubError.badRequest("This page link is not valid for this list any more: its paging cursor was changed, "
                    + "or belongs to other filters or another tenant. Start again from the first page.");
        }
        BucketCounts counts = queries.countByBucket(principal, tenant, view.filterOfAllBuckets());
        // Only a list that is shown is a visit (a refused cursor above writes nothing); what is new is read
        // before this view counts as the visit, so the banner shows what the caller missed.
        NewFailures missed = NewFailures.NEVER_VISITED;
        if (!refresh) {
            missed = queries.newFailures(principal, tenant);
            queries.markVisited(principal, tenant);
        }
        String base = urls.list(tenant);
        List<ListView.Tab> tabs = new ArrayList<>();
        tabs.add(new ListView.Tab("all", "All", counts.total(), view.tabUrl(base, null), view.bucket() == null));
        for (StatusBucket b : StatusBucket.values()) {
            tabs.add(new ListView.Tab(b.apiName(), Texts.bucket(b), counts.get(b), view.tabUrl(base, b), b == view.bucket()));
        }
        Instant now = now();
        List<RunSummary> rows = page.runs().stream().map(r -> summary(r, view, base, now)).toList();
        List<ListView.Option> types = new ArrayList<>();
        if (!settings.host().runTypes().isEmpty()) {
            types.add(new ListView.Option("", "All types", view.type() == null));
            for (RunType t : new TreeSet<>(settings.host().runTypes().stream().map(RunType::value).toList()).stream()
                    .map(RunType::of).toList()) {
                types.add(new ListView.Option(t.value(), typeLabel(t), t.equals(view.type())));
            }
        }
        List<ListView.Option> ranges = new ArrayList<>();
        for (ListQuery.Range r : ListQuery.Range.values()) {
            ranges.add(new ListView.Option(r.param, r.label, r == view.range()));
        }
        boolean custom = view.range() == ListQuery.Range.CUSTOM;
        ListView.Filters filters = new ListView.Filters(base, view.bucket() == null ? null : view.bucket().apiName(), types,
                ranges, custom, view.fromDate(), view.toDate(), custom && !view.zone().equals(ZoneOffset.UTC)
                        ? view.zone().getId() : "", nz(view.run()), nz(view.initiator()), nz(view.reason()),
                view.endedFrom() == null ? "" : view.endedFrom().toString());
        String tenantName = settings.host().tenantName(tenant);
        Frame frame = tenantFrame("Operations", principal, tenant, view.selfUrl(base),
                List.of(new Frame.Crumb("Monitoring", null), new Frame.Crumb("Operations", null)));
        return new ListView(frame, tenantName, summary(view), tabs, filters, rows, rows.stream().anyMatch(RunSummary::active),
                settings.refreshSeconds(), page.newerCursor() == null ? null : view.pageUrl(base, page.newerCursor()),
                page.olderCursor() == null ? null : view.pageUrl(base, page.olderCursor()),
                view.narrowed() || view.bucket() != null ? base : null,
                view.type() == null ? urls.statistics(tenant) : Urls.with(urls.statistics(tenant), Map.of("type", view.type().value())),
                banner(missed, base));
    }

    private static ListView.NewFailuresBanner banner(NewFailures missed, String list) {
        if (missed.count() == 0 || missed.lastVisit().isEmpty()) {
            return null;
        }
        Instant since = missed.lastVisit().get();
        return new ListView.NewFailuresBanner(missed.count(), missed.count() + (missed.count() == 1 ? " new failure" : " new failures")
                + " since your last visit", TimeView.of(since, ""), Urls.with(list,
                        linkedMap("bucket", StatusBucket.FAILED.apiName(), "ended_from", since.toString())));
    }

    private RunSummary summary(Run run, ListQuery view, String base, Instant now) {
        return RunSummary.of(run, urls.run(run.tenantId(), run.id()), typeLabel(run.runType()),
                view == null ? Urls.with(base, Map.of("initiator", run.initiator().id()))
                        : view.initiatorUrl(base, run.initiator().id()),
                now, settings.heartbeatLateAfter());
    }

    DetailView detail(Principal principal, TenantId tenant, RunId runId, String reason) {
        RunDetail detail = settings.ledger().queries().detail(principal, tenant, runId);
        Run run = detail.run();
        String base = urls.list(tenant);
        RunSummary summary = summary(run, null, base, now());
        List<DetailView.Link> related = new ArrayList<>();
        for (RelatedLink link : detail.relatedLinks()) {
            if (SafeUrls.isSafe(link.url())) {
                related.add(new DetailView.Link(link.label(), link.url()));
            }
        }
        List<DetailView.Entry> entries = new ArrayList<>();
        run.context().asMap().forEach((k, v) -> entries.add(new DetailView.Entry(k, ContextText.of(v))));
        Map<String, List<ItemFailure>> byReason = detail.itemFailures().stream().collect(Collectors.groupingBy(
                f -> f.reasonCode().value(), LinkedHashMap::new, Collectors.toList()));
        if (reason != null && !byReason.containsKey(reason)) {
            throw HubError.badRequest("Run " + run.id() + " has no stored item failure with reason \"" + Texts.clip(reason)
                    + "\"." + (byReason.isEmpty() ? "" : " Its reasons are: " + String.join(", ", byReason.keySet()) + "."));
        }
        String self = urls.run(tenant, run.id());
        List<DetailView.Reason> reasons = new ArrayList<>();
        List<DetailView.Group> groups = new ArrayList<>();
        // the biggest group first: the reason most items failed for is the one to look at
        byReason.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
                .forEach(e -> {
                    reasons.add(new DetailView.Reason(e.getKey(), e.getValue().size(),
                            Urls.with(self, Map.of("reason", e.getKey())) + "#item-failures-h", e.getKey().equals(reason)));
                    if (reason == null || reason.equals(e.getKey())) {
                        groups.add(new DetailView.Group(e.getKey(), e.getValue().stream()
                                .map(f -> new DetailView.Failure(f.itemKey(), f.message(), TimeView.of(f.occurredAt(), "—")))
                                .toList()));
                    }
                });
        String title = typeLabel(run.runType());
        Frame frame = tenantFrame(title + " run", principal, tenant, reason == null ? self : Urls.with(self, Map.of("reason", reason)),
                List.of(new Frame.Crumb("Monitoring", null), new Frame.Crumb("Operations", base),
                        new Frame.Crumb(title + " run", null)));
        return new DetailView(frame, summary, settings.refreshSeconds(), Texts.duration(settings.heartbeatLateAfter()), related,
                entries, run.failure() == null ? null : run.failure().reasonCode().value(),
                run.failure() == null ? null : run.failure().message(), reasons, groups,
                detail.itemFailures().size() + detail.itemFailuresOmitted(), detail.itemFailuresOmitted(),
                self + "#item-failures-h", reason, base);
    }

    StatisticsView statistics(Principal principal, TenantId tenant, StatisticsRequest request) {
        RunFilter filter = request.type() == null ? RunFilter.ALL
                : new RunFilter(Set.of(request.type()), Set.of(), null, null);
        StatisticsWindow window = request.window();
        RunStatistics stats = settings.ledger().queries().statistics(principal, tenant, filter, window);
        ChartFrame chart = new ChartFrame(window.slotStarts(), window.step(), Duration.between(window.from(), window.to()));
        String list = urls.list(tenant);
        Set<RunType> offered = settings.host().runTypes();
        List<RunTypeSection> sections = new ArrayList<>();
        for (RunTypeStatistics s : stats.runTypes()) {
            // the list refuses a run type its filter does not offer, so such a type's reasons link without it
            String type = offered.isEmpty() || offered.contains(s.runType()) ? s.runType().value() : null;
            sections.add(RunTypeSection.of(s, typeLabel(s.runType()), chart, reason -> Urls.with(list,
                    linkedMap("bucket", StatusBucket.FAILED.apiName(), "type", type, "reason", reason.value()))));
        }
        List<ListView.Option> windows = new ArrayList<>();
        for (StatisticsRequest.Choice c : StatisticsRequest.Choice.values()) {
            windows.add(new ListView.Option(c.param, c.label, c == request.choice()));
        }
        List<ListView.Option> types = new ArrayList<>();
        if (!offered.isEmpty() || request.type() != null) {
            types.add(new ListView.Option("", "All types", request.type() == null));
            TreeSet<String> values = new TreeSet<>(offered.stream().map(RunType::value).toList());
            if (request.type() != null) {
                values.add(request.type().value());
            }
            for (String v : values) {
                types.add(new ListView.Option(v, typeLabel(RunType.of(v)), v.equals(request.type() == null ? null
                        : request.type().value())));
            }
        }
        boolean custom = request.choice() == StatisticsRequest.Choice.CUSTOM;
        String self = urls.statistics(tenant);
        StatisticsView.Filters filters = new StatisticsView.Filters(self, windows, custom,
                custom ? TimeBounds.plainDate(request.fromText()) : "", custom ? TimeBounds.plainDate(request.toText()) : "",
                custom && !request.zone().equals(ZoneOffset.UTC) ? request.zone().getId() : "", types);
        String of = request.type() == null ? "all run types" : "run type " + typeLabel(request.type());
        String span = request.choice() == StatisticsRequest.Choice.CUSTOM
                ? "from " + TimeView.of(window.from(), "").text() + " to " + TimeView.of(window.to(), "").text()
                        + (request.endsNow() ? " (now)" : "")
                : request.choice().label.toLowerCase(Locale.ROOT);
        String summary = "Showing " + of + ", " + span + ", in intervals of " + Texts.duration(window.step()) + ".";
        String empty = request.type() == null ? "No run started or ended in this window."
                : "No run of type " + typeLabel(request.type()) + " started or ended in this window.";
        String listUrl = request.type() == null || !(offered.isEmpty() || offered.contains(request.type())) ? list
                : Urls.with(list, Map.of("type", request.type().value()));
        Frame frame = tenantFrame("Statistics", principal, tenant, Urls.with(self, request.params()),
                List.of(new Frame.Crumb("Monitoring", null), new Frame.Crumb("Operations", list),
                        new Frame.Crumb("Statistics", null)), true);
        return new StatisticsView(frame, settings.host().tenantName(tenant), summary, TimeView.of(window.from(), ""),
                TimeView.of(window.to(), ""), Texts.duration(window.step()), filters, listUrl, empty, sections);
    }

    private static Map<String, String> linkedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    ErrorView error(int status, String message, Principal principal, TenantId tenant) {
        String heading = switch (status) {
            case 400 -> "This page can't be shown";
            case 401 -> "Sign in to continue";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Not allowed here";
            case 503 -> "Try again later";
            default -> status >= 500 ? "Something went wrong" : "The request was refused";
        };
        List<DetailView.Link> links = new ArrayList<>();
        if (principal != null && tenant != null && status != 403
                && settings.ledger().config().accessPolicy().canView(principal, tenant)) {
            links.add(new DetailView.Link("Back to the operations list", urls.list(tenant)));
        }
        links.add(new DetailView.Link("Your tenants", urls.home()));
        return new ErrorView(plainFrame(heading, principal), status, heading, message, links);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private String summary(ListQuery view) {
        StringBuilder sb = new StringBuilder(view.bucket() == null ? "all runs"
                : Texts.bucket(view.bucket()).toLowerCase(Locale.ROOT) + " runs");
        if (view.type() != null) {
            sb.append(" of type ").append(typeLabel(view.type()));
        }
        switch (view.range()) {
            case ANY -> { }
            case LAST_24_HOURS, LAST_7_DAYS, LAST_30_DAYS -> sb.append(" created in the ")
                    .append(view.range().label.toLowerCase(Locale.ROOT));
            case CUSTOM -> {
                if (view.fromText() != null) {
                    sb.append(" created from ").append(view.fromText());
                }
                if (view.toText() != null) {
                    sb.append(view.fromText() == null ? " created" : "").append(" up to ").append(view.toText());
                }
                if (!view.zone().equals(ZoneOffset.UTC)) {
                    sb.append(" (").append(view.zone().getId()).append(')');
                }
            }
        }
        if (view.run() != null) {
            sb.append(", run id starting ").append(view.filter().runIdPrefix());
        }
        if (view.initiator() != null) {
            sb.append(", started by ").append(view.initiator());
        }
        if (view.reason() != null) {
            sb.append(", with reason ").append(view.reason());
        }
        if (view.endedFrom() != null) {
            sb.append(", ended since ").append(TimeView.of(view.endedFrom(), "").text());
        }
        return "Showing " + sb.append('.');
    }
}
