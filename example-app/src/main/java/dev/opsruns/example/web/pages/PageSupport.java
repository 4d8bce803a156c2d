package dev.opsruns.example.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.tenancy.Tenant;
import dev.opsruns.example.tenancy.UserDirectory;
import dev.opsruns.example.web.Callers;
import dev.opsruns.example.web.TenantCaller;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What every page needs: the caller as a {@link Viewer} of the tenant, the app's clock, and value rendering. */
final class PageSupport {

    /** How many notifications the menu shows. */
    static final int MENU_NOTIFICATIONS = 8;

    final RunLedger ledger;
    final Callers callers;
    final UserDirectory users;
    final Csrf csrf;
    private final ObjectMapper json;

    PageSupport(RunLedger ledger, Callers callers, UserDirectory users, Csrf csrf, ObjectMapper json) {
        this.ledger = ledger;
        this.callers = callers;
        this.users = users;
        this.csrf = csrf;
        this.json = json;
    }

    /**
     * Checks who is calling and that it may view the path's tenant; pages call it before they look at
     * any other part of the request.
     *
     * @param ctx a request with a {@code {tenant}} path parameter
     * @return the caller, allowed to view the tenant
     * @throws dev.opsruns.example.auth.AuthenticationRequiredException (401) when not signed in
     * @throws dev.opsruns.core.RunAccessDeniedException (403) when the caller has no role in the tenant
     */
    Viewer viewer(Context ctx) {
        TenantCaller caller = callers.inTenant(ctx);
        Principal principal = caller.principal();
        TenantId tenant = caller.tenant();
        List<Tenant> all = users.tenants();
        List<Tenant> mine = all.stream().filter(t -> principal.roleIn(t.id()).isPresent()).toList();
        Tenant current = all.stream().filter(t -> t.id().equals(tenant)).findFirst().orElse(new Tenant(tenant, tenant.value()));
        return new Viewer(principal, current, mine,
                ledger.notifications().list(principal, tenant, false, MENU_NOTIFICATIONS), csrf.token(ctx),
                ledger.config().accessPolicy());
    }

    /** @return the app's clock's now */
    Instant now() {
        return ledger.config().clock().instant();
    }

    /**
     * A run's context as a definition list: strings as they are, lists of strings comma-separated, anything
     * else as JSON text; all of it escaped.
     *
     * @param context the context
     * @return the list, or a note when empty
     */
    Html context(Map<String, Object> context) {
        if (context.isEmpty()) {
            return Html.of("<p class=\"muted\">No context.</p>");
        }
        return Html.of("<dl class=\"context\">{}</dl>", Html.each(context.entrySet(),
                e -> Html.of("<div><dt>{}</dt><dd><code>{}</code></dd></div>", e.getKey(), value(e.getValue()))));
    }

    private String value(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            return String.join(", ", list.stream().map(String.class::cast).toList());
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
