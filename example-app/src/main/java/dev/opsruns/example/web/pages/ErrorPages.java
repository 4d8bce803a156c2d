package dev.opsruns.example.web.pages;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.auth.AuthenticationRequiredException;
import dev.opsruns.example.web.ApiError;
import dev.opsruns.example.web.ErrorResponses;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Errors as pages for browsers: the same decision as the JSON errors ({@link ErrorResponses#toError}:
 * status, and a message written to be shown), in a page with a way back and never a stack trace. A
 * browser that is not signed in is sent to the sign-in page and back.
 */
public final class ErrorPages {

    private static final Pattern TENANT_PATH = Pattern.compile("^/tenants/([^/]+)(/([^/]+))?.*");

    private ErrorPages() {
    }

    /**
     * @param e what went wrong
     * @param ctx the request, which asked for HTML
     */
    public static void handle(Exception e, Context ctx) {
        if (e instanceof AuthenticationRequiredException) {
            String query = ctx.queryString();
            String next = ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
            ctx.redirect(ctx.method().name().equals("GET") ? Urls.with("/sign-in", "next", next) : "/sign-in", HttpStatus.SEE_OTHER);
            return;
        }
        ApiError error = ErrorResponses.toError(e, ctx);
        String message = e instanceof HttpResponseException && error.status() == 404
                ? "There is no page at " + ctx.path() + "."
                : error.message();
        String title = switch (error.status()) {
            case 400 -> "This page can't be shown";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "That can't be done yet";
            case 500, 503 -> "Something went wrong";
            default -> "The request was refused";
        };
        Templates.send(ctx, error.status(), "error", new Models.ErrorPage(PageSupport.plainFrame(title, null), error.status(), title,
                message, waysBack(ctx, error.status())));
    }

    private static List<Models.Nav> waysBack(Context ctx, int status) {
        List<Models.Nav> links = new ArrayList<>();
        Matcher m = TENANT_PATH.matcher(ctx.path());
        String tenant = m.matches() ? decoded(m.group(1)) : null;
        if (status != 403 && tenant != null && wellFormed(tenant)) {
            String base = "/tenants/" + Urls.segment(tenant);
            String section = m.group(3) == null ? "operations" : m.group(3);
            switch (section) {
                case "drift" -> links.add(PageSupport.crumb("Back to drift", base + "/drift"));
                case "backup-sets" -> links.add(PageSupport.crumb("Back to backup sets", base + "/backup-sets"));
                default -> { }
            }
            links.add(PageSupport.crumb("Back to the operations list", base + "/operations"));
        }
        links.add(PageSupport.crumb("Your tenants", "/"));
        return links;
    }

    private static String decoded(String segment) {
        try {
            return URLDecoder.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean wellFormed(String tenant) {
        try {
            TenantId.of(tenant);
            return true;
        } catch (InvalidRunInputException e) {
            return false;
        }
    }
}
