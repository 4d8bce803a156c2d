package dev.opsruns.example.web;

import dev.opsruns.core.Principal;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.auth.AuthenticationRequiredException;
import dev.opsruns.example.auth.Authenticator;
import dev.opsruns.example.tenancy.Tenant;
import dev.opsruns.example.tenancy.UserDirectory;
import dev.opsruns.hub.RunsHub;
import dev.opsruns.hub.spi.HostLink;
import dev.opsruns.hub.spi.HubHost;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reference app's Operations hub: the {@code runs-hub} module at the root path, so its URLs are the
 * ledger's "View run" URLs ({@code /tenants/{tenant}/operations/{runId}}), behind the app's own sign-in
 * (session cookie or bearer token), with the app's tenant names and its producer pages in the navigation.
 */
final class HubMount {

    private HubMount() {
    }

    static RunsHub create(HttpApi.Services services, Authenticator authenticator, SessionCookie cookie) {
        UserDirectory users = services.users();
        return RunsHub.builder(services.ledger(), request -> principal(request, authenticator, cookie, users))
                .host(new AppHost(users, services.runTypes()))
                .retention(services.retention()) // the statistics page reaches back no further than the purge keeps
                .build();
    }

    private static Optional<Principal> principal(HttpServletRequest request, Authenticator authenticator, SessionCookie cookie,
            UserDirectory users) {
        String session = null;
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (c.getName().equals(cookie.name())) {
                    session = c.getValue();
                }
            }
        }
        try {
            return Optional.of(users.principalOf(authenticator.authenticate(request.getHeader("Authorization"), session)));
        } catch (AuthenticationRequiredException e) {
            return Optional.empty();
        }
    }

    /** The app around the hub: tenant names, the producers' pages, sign-in and sign-out. */
    private record AppHost(UserDirectory users, Set<RunType> runTypes) implements HubHost {

        @Override
        public String tenantName(TenantId tenantId) {
            return users.tenants().stream().filter(t -> t.id().equals(tenantId)).map(Tenant::displayName).findFirst()
                    .orElse(tenantId.value());
        }

        @Override
        public List<TenantId> tenantsOf(Principal principal) {
            return users.tenants().stream().map(Tenant::id).filter(id -> principal.roleIn(id).isPresent()).toList();
        }

        @Override
        public String runTypeLabel(RunType runType) {
            return switch (runType.value()) {
                case "drift.generate" -> "Drift generation";
                case "backup_set.add_policies" -> "Add policies to backup set";
                default -> HubHost.super.runTypeLabel(runType);
            };
        }

        @Override
        public List<HostLink> navigation(Principal principal, TenantId tenantId) {
            String base = "/tenants/" + URLEncoder.encode(tenantId.value(), StandardCharsets.UTF_8).replace("+", "%20");
            return List.of(HostLink.to("Drift", base + "/drift"), HostLink.to("Backup sets", base + "/backup-sets"));
        }

        @Override
        public List<HostLink> account(Principal principal) {
            return List.of(HostLink.postTo("Sign out", "/sign-out"));
        }

        @Override
        public Optional<String> homeUrl() {
            return Optional.of("/");
        }

        @Override
        public Optional<String> signInUrl(String returnTo) {
            return Optional.of("/sign-in?next=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
        }
    }
}
