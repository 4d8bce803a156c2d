package dev.opsruns.hub.internal;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunAccessDeniedException;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunStoreUnavailableException;
import dev.opsruns.core.TenantId;
import dev.opsruns.hub.spi.SafeText;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The hub's one servlet: routes a request under the base path to its page, renders the page's
 * precompiled template, and answers every refusal with an error page of the right status (4xx for bad
 * input, never 500). Paths are read from the request URI, so the servlet works mapped at
 * {@code <base>/*} as well as called from a host's own router.
 *
 * <p>A tenant's page checks in a fixed order: who is calling (sign-in or 401), then whether the caller
 * may view the path's tenant (403, a malformed tenant id included: nobody has a role in it), and only
 * then the rest of the request (400, 404). So a caller without a role in a tenant learns nothing about
 * what its pages would accept.
 */
public final class HubServlet extends HttpServlet {

    /** Only the hub's own files; no inline script or style; forms post only here; no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final System.Logger LOG = System.getLogger(HubServlet.class.getName());
    private static final int MAX_MARK_READ_IDS = 100;
    /** Sent by hub.js on its auto-refresh fetches: a refresh of an open page is not a visit. */
    static final String REFRESH_HEADER = "X-Opsruns-Refresh";

    private final transient HubSettings settings;
    private final transient Pages pages;
    private final transient Assets assets;
    private final transient TemplateEngine templates;

    /**
     * @param settings the hub's settings
     */
    public HubServlet(HubSettings settings) {
        this.settings = settings;
        this.pages = new Pages(settings);
        this.assets = new Assets();
        this.templates = TemplateEngine.createPrecompiled(null, ContentType.Html, HubServlet.class.getClassLoader(),
                "dev.opsruns.hub.internal.templates");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> path;
        try {
            path = path(request);
        } catch (HubError e) {
            page(response, e.status(), "error", pages.error(e.status(), e.getMessage(), null, null));
            return;
        }
        if (path == null) {
            page(response, 404, "error", pages.error(404, "There is no page at " + Texts.clip(request.getRequestURI()) + ".",
                    null, null));
            return;
        }
        if (path.size() == 2 && path.get(0).equals("assets")) {
            if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                page(response, 405, "error", pages.error(405, "Assets can only be read.", null, null));
            } else if (!assets.send(path.get(1), response)) {
                page(response, 404, "error", pages.error(404, "There is no such file.", null, null));
            }
            return;
        }
        Principal principal = null;
        TenantId tenant = null;
        try {
            Optional<Principal> caller = settings.callers().principal(request);
            if (caller.isEmpty()) {
                signIn(request, response);
                return;
            }
            principal = caller.get();
            if (path.size() >= 2 && path.get(0).equals("tenants")) {
                TenantId pathTenant = tenant(principal, path.get(1));
                settings.ledger().config().accessPolicy().checkView(principal, pathTenant);
                tenant = pathTenant;
            }
            route(request, response, principal, tenant, path);
        } catch (HubError e) {
            page(response, e.status(), "error", pages.error(e.status(), e.getMessage(), principal, tenant));
        } catch (InvalidRunInputException e) {
            page(response, 400, "error", pages.error(400, e.getMessage(), principal, tenant));
        } catch (RunAccessDeniedException e) {
            // the access policy's message is written to be shown: who, which tenant, which roles may
            page(response, 403, "error", pages.error(403, e.getMessage(), principal, null));
        } catch (RunNotFoundException e) {
            page(response, 404, "error", pages.error(404, "Run not found: there is no run with this id in this tenant.", principal, tenant));
        } catch (RunStoreUnavailableException e) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(System.Logger.Level.WARNING, "run store unavailable (error id " + id + ")", e);
            response.setHeader("Retry-After", "5");
            page(response, 503, "error", pages.error(503, "The run store is unavailable; try again in a moment (error id "
                    + id + ").", principal, tenant));
        } catch (RuntimeException e) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(System.Logger.Level.ERROR, "unexpected error in the Operations hub (error id " + id + ")", e);
            page(response, 500, "error", pages.error(500, "Something unexpected went wrong; error id " + id
                    + " is in the server log.", principal, null));
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response, Principal principal, TenantId tenant,
            List<String> path) throws IOException {
        String method = request.getMethod();
        boolean get = method.equals("GET") || method.equals("HEAD");
        if (path.isEmpty()) {
            requireGet(get);
            Params.of(request, Set.of());
            TenantsView view = pages.tenants(principal);
            if (view.tenants().size() == 1) {
                response.sendRedirect(view.tenants().get(0).url());
                return;
            }
            page(response, 200, "tenants", view);
            return;
        }
        if (tenant == null) {
            throw HubError.notFound("There is no page here.");
        }
        if (path.size() == 2) {
            requireGet(get);
            redirect(response, pages.urls().list(tenant));
            return;
        }
        String section = path.get(2);
        if (section.equals("operations") && path.size() == 3) {
            requireGet(get);
            ListQuery view = ListQuery.parse(Params.of(request, ListQuery.NAMES), settings.host().runTypes(),
                    settings.ledger().config().clock().instant(), settings.pageSize());
            page(response, 200, "list", pages.list(principal, tenant, view, request.getHeader(REFRESH_HEADER) != null));
        } else if (section.equals("operations") && path.size() == 4) {
            requireGet(get);
            RunId runId = runId(path.get(3));
            String reason = Params.of(request, Set.of("reason")).single("reason");
            page(response, 200, "detail", pages.detail(principal, tenant, runId, reason));
        } else if (section.equals("statistics") && path.size() == 3) {
            requireGet(get);
            StatisticsRequest view = StatisticsRequest.parse(Params.of(request, StatisticsRequest.NAMES),
                    settings.ledger().config().clock(), settings.retention());
            page(response, 200, "statistics", pages.statistics(principal, tenant, view));
        } else if (section.equals("notifications") && path.size() == 4 && path.get(3).equals("read")) {
            if (!method.equals("POST")) {
                throw new HubError(405, "Notifications are marked read with the form in the notifications menu.");
            }
            markRead(request, response, principal, tenant);
        } else {
            throw HubError.notFound("There is no page here.");
        }
    }

    private void markRead(HttpServletRequest request, HttpServletResponse response, Principal principal, TenantId tenant)
            throws IOException {
        if (!SameOrigin.check(request)) {
            throw new HubError(403, "This form was not sent from this site's page, so it was refused. Open the "
                    + "notifications menu and try again.");
        }
        if (request.getQueryString() != null) {
            throw HubError.badRequest("Marking read takes its fields in the form, not in the URL.");
        }
        String[] raw = request.getParameterValues("id");
        boolean all = "true".equals(request.getParameter("all"));
        List<UUID> ids = new ArrayList<>();
        if (raw != null) {
            if (all) {
                throw HubError.badRequest("Mark either all notifications read or the ones named by id, not both.");
            }
            if (raw.length > MAX_MARK_READ_IDS) {
                throw HubError.badRequest("Mark at most " + MAX_MARK_READ_IDS + " notifications read at once.");
            }
            for (String id : raw) {
                try {
                    ids.add(UUID.fromString(id));
                } catch (IllegalArgumentException e) {
                    throw HubError.badRequest("\"" + Texts.clip(id) + "\" is not a notification id.");
                }
            }
        }
        // The library reads an empty list as "all": only the "Mark all read" form (all=true) means all, and a
        // post that names no notification marks none.
        if (all || !ids.isEmpty()) {
            settings.ledger().notifications().markRead(principal, tenant, ids);
        }
        String back = request.getParameter("return");
        redirect(response, pages.urls().isHubPage(back) ? back : pages.urls().list(tenant));
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String query = request.getQueryString();
        String returnTo = request.getRequestURI() + (query == null ? "" : "?" + query);
        Optional<String> signIn = request.getMethod().equals("GET") ? settings.host().signInUrl(returnTo) : Optional.empty();
        if (signIn.isPresent()) {
            redirect(response, signIn.get());
            return;
        }
        page(response, 401, "error", pages.error(401, "Sign in to see the operations.", null, null));
    }

    private static void requireGet(boolean get) {
        if (!get) {
            throw new HubError(405, "This page can only be read: the Operations hub is view-only.");
        }
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(303);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
    }

    private static TenantId tenant(Principal principal, String segment) {
        try {
            return TenantId.of(segment);
        } catch (InvalidRunInputException e) {
            // refused like any tenant the caller has no role in, not as a lesson in tenant ids
            throw new HubError(403, "User " + principal.userId() + " has no role in tenant \"" + Texts.clip(segment)
                    + "\"; viewing runs needs one of OWNER, MANAGER, OPERATOR, READONLY.");
        }
    }

    private static RunId runId(String segment) {
        try {
            return RunId.parse(segment);
        } catch (InvalidRunInputException e) {
            throw HubError.badRequest("\"" + Texts.clip(segment) + "\" is not a run id: run ids look like "
                    + "0190a5c3-1b2d-7c4e-9f00-123456789abc.");
        }
    }

    /** @return the decoded segments under the base path, or null when the request is not under it */
    private List<String> path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        if (!uri.startsWith(context + settings.basePath())) {
            return null;
        }
        String rest = uri.substring(context.length() + settings.basePath().length());
        if (!rest.isEmpty() && !rest.startsWith("/")) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                try {
                    segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw HubError.badRequest("The address is not well formed.");
                }
            }
        }
        return segments;
    }

    private void page(HttpServletResponse response, int status, String template, Object model) throws IOException {
        StringOutput out = new StringOutput();
        templates.render(template + ".jte", model, SafeText.html(out));
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Session");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
