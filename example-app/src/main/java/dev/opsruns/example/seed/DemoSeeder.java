package dev.opsruns.example.seed;

import dev.opsruns.example.auth.ApiTokens;
import dev.opsruns.example.db.SqlTimes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo data into an empty database, in one transaction. Per tenant:
 * <ul>
 *   <li>a user of each role ({@code <tenant>.owner}, {@code .manager}, {@code .operator},
 *       {@code .readonly}); and {@code morgan}, operator in contoso and readonly in fabrikam;</li>
 *   <li>50 policies ({@code <tenant>-pol-001} ... {@code -050});</li>
 *   <li>scope {@code all_policies}: three inventory syncs, the oldest and newest successful, whose
 *       snapshots differ (policies added, removed and changed) - drift generation works;</li>
 *   <li>scope {@code compliance}: one successful and one failed sync - drift generation is refused;</li>
 *   <li>scope {@code scripts}: two successful syncs, the newer one's snapshot archived - the drift job
 *       fails (with a storage error that holds an account key the ledger must sanitize);</li>
 *   <li>two empty backup sets.</li>
 * </ul>
 */
public final class DemoSeeder {

    /** The demo tenants. */
    public static final List<String> TENANTS = List.of("contoso", "fabrikam");
    /** The user in both tenants: operator in contoso, readonly in fabrikam. */
    public static final String MULTI_TENANT_USER = "morgan";

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
    private static final String[] ROLES = {"OWNER", "MANAGER", "OPERATOR", "READONLY"};
    private static final Set<Integer> ADDED_IN_CURRENT = Set.of(47, 48, 49, 50);
    private static final Set<Integer> REMOVED_IN_CURRENT = Set.of(45, 46);
    private static final Set<Integer> CHANGED_IN_CURRENT = Set.of(3, 9, 15);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<String, String> issuedTokens = new LinkedHashMap<>();

    /**
     * @param jdbi the app's database
     * @param clock the app's clock
     */
    public DemoSeeder(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Seeds the demo data unless the database already has tenants.
     *
     * @return true when it seeded now; {@link #issuedTokens()} then holds the users' bearer tokens
     */
    public boolean seedIfEmpty() {
        return jdbi.inTransaction(h -> {
            int tenants = h.createQuery("SELECT COUNT(*) FROM tenants").mapTo(Integer.class).one();
            if (tenants > 0) {
                return false;
            }
            issuedTokens.clear();
            Instant now = clock.instant();
            for (String tenant : TENANTS) {
                seedTenant(h, tenant, now);
            }
            user(h, MULTI_TENANT_USER, "Morgan Multi-Tenant");
            membership(h, "contoso", MULTI_TENANT_USER, "OPERATOR");
            membership(h, "fabrikam", MULTI_TENANT_USER, "READONLY");
            LOG.info("seeded demo data: tenants {}", TENANTS);
            return true;
        });
    }

    /**
     * @param tenantId a demo tenant
     * @param number 1 or 2
     * @return the id of its seeded backup set
     */
    public static UUID backupSetId(String tenantId, int number) {
        return UUID.nameUUIDFromBytes(("opsruns-demo/backup-set/" + tenantId + "/" + number).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The bearer tokens of the users seeded by {@link #seedIfEmpty()}: the only time they exist in clear
     * (the database keeps their hashes), to show once.
     *
     * @return user id to token, in seeding order; empty when nothing was seeded
     */
    public Map<String, String> issuedTokens() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(issuedTokens));
    }

    private void seedTenant(Handle h, String tenant, Instant now) {
        String name = Character.toUpperCase(tenant.charAt(0)) + tenant.substring(1);
        h.createUpdate("INSERT INTO tenants (id, display_name) VALUES (:id, :name)")
                .bind("id", tenant).bind("name", name + " Ltd.").execute();
        for (String role : ROLES) {
            String lower = role.toLowerCase(java.util.Locale.ROOT);
            String userId = tenant + "." + lower;
            user(h, userId, name + " " + Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
            membership(h, tenant, userId, role);
        }
        PreparedBatch policies = h.prepareBatch("""
                INSERT INTO policies (tenant_id, id, display_name, policy_type, platform, settings_json, updated_at)
                VALUES (:tenant, :id, :name, :type, :platform, :settings, :updatedAt)
                """);
        for (DemoCatalogue.Entry e : DemoCatalogue.ENTRIES) {
            policies.bind("tenant", tenant).bind("id", DemoCatalogue.policyId(tenant, e.number()))
                    .bind("name", e.displayName()).bind("type", e.policyType()).bind("platform", e.platform())
                    .bind("settings", DemoCatalogue.settingsJson(e, revision(e.number(), true)))
                    .bind("updatedAt", SqlTimes.bindable(now.minus(Duration.ofHours(e.number()))))
                    .add();
        }
        policies.execute();

        Instant day = now.minus(Duration.ofDays(1));
        // all_policies: oldest and newest succeed, the middle one failed; the snapshots differ.
        inventoryRun(h, tenant, "all_policies", true, true, now.minus(Duration.ofDays(3)),
                n -> !ADDED_IN_CURRENT.contains(n), false);
        inventoryRun(h, tenant, "all_policies", false, false, now.minus(Duration.ofDays(2)), n -> false, false);
        inventoryRun(h, tenant, "all_policies", true, true, day, n -> !REMOVED_IN_CURRENT.contains(n), true);
        // compliance: one success only, so drift generation is refused.
        IntPredicate compliance = n -> "compliancePolicy".equals(DemoCatalogue.ENTRIES.get(n - 1).policyType());
        inventoryRun(h, tenant, "compliance", true, true, day, compliance, true);
        inventoryRun(h, tenant, "compliance", false, false, now.minus(Duration.ofHours(12)), n -> false, true);
        // scripts: two successes, but the newer snapshot is archived, so the drift job fails.
        IntPredicate scripts = n -> "platformScript".equals(DemoCatalogue.ENTRIES.get(n - 1).policyType());
        inventoryRun(h, tenant, "scripts", true, true, now.minus(Duration.ofDays(2)), scripts, false);
        inventoryRun(h, tenant, "scripts", true, false, day, scripts, true);

        String[] sets = {"Baseline before Windows 11 rollout", "Weekly compliance backup"};
        for (int i = 0; i < sets.length; i++) {
            h.createUpdate("INSERT INTO backup_sets (id, tenant_id, display_name, created_at) VALUES (:id, :tenant, :name, :at)")
                    .bind("id", backupSetId(tenant, i + 1)).bind("tenant", tenant).bind("name", sets[i])
                    .bind("at", SqlTimes.bindable(now.minus(Duration.ofDays(7 - i)))).execute();
        }
    }

    private static int revision(int number, boolean current) {
        return current && CHANGED_IN_CURRENT.contains(number) ? 2 : 1;
    }

    private void inventoryRun(Handle h, String tenant, String scope, boolean succeeded, boolean snapshotAvailable,
            Instant finishedAt, IntPredicate includes, boolean current) {
        UUID id = UUID.randomUUID();
        int count = 0;
        if (succeeded) {
            PreparedBatch items = h.prepareBatch("""
                    INSERT INTO inventory_snapshot_items (inventory_run_id, policy_id, display_name, policy_type, settings_json)
                    VALUES (:run, :policy, :name, :type, :settings)
                    """);
            for (DemoCatalogue.Entry e : DemoCatalogue.ENTRIES) {
                if (includes.test(e.number())) {
                    items.bind("run", id).bind("policy", DemoCatalogue.policyId(tenant, e.number()))
                            .bind("name", e.displayName()).bind("type", e.policyType())
                            .bind("settings", DemoCatalogue.settingsJson(e, revision(e.number(), current)))
                            .add();
                    count++;
                }
            }
            h.createUpdate("""
                    INSERT INTO inventory_runs (id, tenant_id, scope_key, status, snapshot_available, started_at, finished_at, item_count)
                    VALUES (:id, :tenant, :scope, :status, :available, :startedAt, :finishedAt, :count)
                    """).bind("id", id).bind("tenant", tenant).bind("scope", scope).bind("status", "succeeded")
                    .bind("available", snapshotAvailable)
                    .bind("startedAt", SqlTimes.bindable(finishedAt.minus(Duration.ofMinutes(4))))
                    .bind("finishedAt", SqlTimes.bindable(finishedAt)).bind("count", count).execute();
            if (count > 0) {
                items.execute();
            }
            return;
        }
        h.createUpdate("""
                INSERT INTO inventory_runs (id, tenant_id, scope_key, status, snapshot_available, started_at, finished_at, item_count)
                VALUES (:id, :tenant, :scope, 'failed', FALSE, :startedAt, :finishedAt, 0)
                """).bind("id", id).bind("tenant", tenant).bind("scope", scope)
                .bind("startedAt", SqlTimes.bindable(finishedAt.minus(Duration.ofMinutes(2))))
                .bind("finishedAt", SqlTimes.bindable(finishedAt)).execute();
    }

    private void user(Handle h, String id, String displayName) {
        String token = ApiTokens.newToken();
        h.createUpdate("INSERT INTO users (id, display_name, api_token_sha256) VALUES (:id, :name, :hash)")
                .bind("id", id).bind("name", displayName).bind("hash", ApiTokens.hash(token)).execute();
        issuedTokens.put(id, token);
    }

    private static void membership(Handle h, String tenant, String userId, String role) {
        h.createUpdate("INSERT INTO memberships (tenant_id, user_id, role) VALUES (:tenant, :user, :role)")
                .bind("tenant", tenant).bind("user", userId).bind("role", role).execute();
    }
}
