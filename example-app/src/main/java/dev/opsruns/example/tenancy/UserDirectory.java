package dev.opsruns.example.tenancy;

import dev.opsruns.core.Principal;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.example.auth.ApiTokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads users, tenants and memberships. A {@link Principal} is built afresh per request from the
 * memberships table, so a changed role takes effect on the next request.
 */
public final class UserDirectory {

    private static final String USER_BY_TOKEN = "SELECT id, display_name FROM users WHERE api_token_sha256 = :hash";
    private static final String SET_TOKEN = "UPDATE users SET api_token_sha256 = :hash WHERE id = :id";
    private static final String USER_BY_ID = "SELECT id, display_name FROM users WHERE id = :id";
    private static final String ROLES_OF_USER = "SELECT tenant_id, role FROM memberships WHERE user_id = :userId";
    private static final String TENANTS = "SELECT id, display_name FROM tenants ORDER BY id";
    private static final String USERS_WITH_ROLES = """
            SELECT u.id, u.display_name, m.tenant_id, m.role
            FROM users u JOIN memberships m ON m.user_id = u.id
            ORDER BY u.id, m.tenant_id
            """;

    private final Jdbi jdbi;

    /**
     * @param jdbi the app's database
     */
    public UserDirectory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param token a bearer token
     * @return its user, if the token is known (found by the token's hash, the only form stored)
     */
    public Optional<AppUser> findByToken(String token) {
        return jdbi.withHandle(h -> h.createQuery(USER_BY_TOKEN).bind("hash", ApiTokens.hash(token))
                .map((rs, ctx) -> new AppUser(rs.getString("id"), rs.getString("display_name")))
                .findOne());
    }

    /**
     * @param userId a user id
     * @return the user, if it exists
     */
    public Optional<AppUser> findById(String userId) {
        return jdbi.withHandle(h -> h.createQuery(USER_BY_ID).bind("id", userId)
                .map((rs, ctx) -> new AppUser(rs.getString("id"), rs.getString("display_name")))
                .findOne());
    }

    /**
     * Gives the user a new bearer token; the previous one stops working.
     *
     * @param userId a user id
     * @return the new token: show it to the user now, it is not stored and cannot be shown again
     * @throws IllegalArgumentException when there is no such user
     */
    public String issueToken(String userId) {
        String token = ApiTokens.newToken();
        int updated = jdbi.withHandle(h -> h.createUpdate(SET_TOKEN).bind("hash", ApiTokens.hash(token)).bind("id", userId)
                .execute());
        if (updated != 1) {
            throw new IllegalArgumentException("no user " + userId);
        }
        return token;
    }

    /**
     * @param user a user
     * @return the user with its current role in each tenant
     */
    public Principal principalOf(AppUser user) {
        Map<TenantId, TenantRole> roles = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery(ROLES_OF_USER).bind("userId", user.id())
                .map((rs, ctx) -> Map.entry(TenantId.of(rs.getString("tenant_id")), TenantRole.valueOf(rs.getString("role"))))
                .forEach(e -> roles.put(e.getKey(), e.getValue())));
        return new Principal(user.id(), user.displayName(), roles);
    }

    /** @return every tenant, ordered by id */
    public List<Tenant> tenants() {
        return jdbi.withHandle(h -> h.createQuery(TENANTS)
                .map((rs, ctx) -> new Tenant(TenantId.of(rs.getString("id")), rs.getString("display_name")))
                .list());
    }

    /** @return every user that belongs to at least one tenant, with its roles */
    public List<DemoUserCard> userCards() {
        Map<String, DemoUserCard> byId = new LinkedHashMap<>();
        Map<String, Map<TenantId, TenantRole>> roles = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery(USERS_WITH_ROLES).map((rs, ctx) -> {
            String id = rs.getString("id");
            byId.putIfAbsent(id, new DemoUserCard(id, rs.getString("display_name"), Map.of()));
            roles.computeIfAbsent(id, k -> new LinkedHashMap<>())
                    .put(TenantId.of(rs.getString("tenant_id")), TenantRole.valueOf(rs.getString("role")));
            return id;
        }).list());
        List<DemoUserCard> cards = new ArrayList<>();
        byId.forEach((id, card) -> cards.add(new DemoUserCard(id, card.displayName(), roles.get(id))));
        return cards;
    }
}
