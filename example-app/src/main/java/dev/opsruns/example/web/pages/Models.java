package dev.opsruns.example.web.pages;

import java.util.List;

/**
 * The app's page models: what each template shows, computed by the page classes, so templates hold no
 * logic but loops and conditions. Public only because the precompiled templates live in their own
 * package; nothing outside the web layer uses them.
 */
public final class Models {

    private Models() {
    }

    /**
     * A time: UTC text the pages' script shows in the viewer's zone.
     *
     * @param iso the instant to the second, or null when there is none
     * @param text the UTC text, or what to show instead
     */
    public record When(String iso, String text) {
    }

    /**
     * A status badge.
     *
     * @param bucket the bucket's API name
     * @param label its label
     */
    public record Badge(String bucket, String label) {
    }

    /**
     * A link.
     *
     * @param label what to show
     * @param url where it leads
     * @param current true for the page's own entry
     */
    public record Nav(String label, String url, boolean current) {
    }

    /**
     * One notification of the menu.
     *
     * @param id its id
     * @param title its summary
     * @param body its sanitized sentence
     * @param time when
     * @param url the "View run" URL, or null when not a local or http(s) URL
     * @param actionLabel the link's label
     * @param unread true while unread
     */
    public record Note(String id, String title, String body, When time, String url, String actionLabel, boolean unread) {
    }

    /**
     * The notifications menu: run ends count as new; start notices are folded (as in the hub).
     *
     * @param tenantName the tenant
     * @param unread unread end notifications
     * @param ends end notifications
     * @param starts start notices
     * @param anyUnread true when anything is unread
     * @param markReadUrl the hub's mark-read form action
     * @param returnTo this page
     */
    public record Notes(String tenantName, long unread, List<Note> ends, List<Note> starts, boolean anyUnread, String markReadUrl,
            String returnTo) {
    }

    /**
     * The page shell.
     *
     * @param title the title
     * @param userName the signed-in user, or null
     * @param tenantName the page's tenant, or null outside a tenant
     * @param roleName the user's role there
     * @param switcher the user's tenants
     * @param nav Operations, Drift, Backup sets
     * @param notes the notifications menu, or null outside a tenant
     * @param crumbs the breadcrumbs (label, url or null), the last the page itself
     */
    public record Frame(String title, String userName, String tenantName, String roleName, List<Nav> switcher, List<Nav> nav,
            Notes notes, List<Nav> crumbs) {
    }

    /**
     * The notice after a start form.
     *
     * @param kind {@code queued} or {@code reused}
     * @param what the operation, such as "Drift generation"
     * @param badge the run's status
     * @param url the "View run" URL
     */
    public record StartNotice(String kind, String what, Badge badge, String url) {
    }

    /**
     * @param frame the shell
     * @param next where to go after signing in
     * @param users the demo users shown: id, name and roles
     * @param allUsersUrl the page with every demo user when {@code ?user=} picked one, else null
     */
    public record SignIn(Frame frame, String next, List<List<String>> users, String allUsersUrl) {
    }

    /**
     * @param name a tenant's name
     * @param base its path prefix
     * @param role the caller's role
     * @param viewOnly true when the role may not start runs
     */
    public record TenantCard(String name, String base, String role, boolean viewOnly) {
    }

    /**
     * @param frame the shell
     * @param userName the caller
     * @param userId its id
     * @param tenants its tenants
     * @param csrf the token of the new-bearer-token form
     */
    public record Home(Frame frame, String userName, String userId, List<TenantCard> tenants, String csrf) {
    }

    /**
     * @param frame the shell
     * @param token a new bearer token, shown this once
     */
    public record ApiToken(Frame frame, String token) {
    }

    /**
     * @param frame the shell
     * @param status the HTTP status
     * @param heading the title
     * @param message what was wrong
     * @param links ways back
     */
    public record ErrorPage(Frame frame, int status, String heading, String message, List<Nav> links) {
    }

    /**
     * @param scopeKey the scope
     * @param successful successful syncs
     * @param failed failed syncs
     * @param last the last successful sync
     * @param ready true with two successful syncs
     */
    public record Scope(String scopeKey, long successful, long failed, When last, boolean ready) {
    }

    /**
     * @param id the run id
     * @param shortId its last digits
     * @param scope its scope key
     * @param badge its status
     * @param initiator who started it
     * @param created when
     * @param url its detail
     * @param findingsUrl its findings, or null when it failed
     */
    public record DriftRun(String id, String shortId, String scope, Badge badge, String initiator, When created, String url,
            String findingsUrl) {
    }

    /**
     * @param frame the shell
     * @param notice the start notice, or null
     * @param canStart true when the caller may start drift generation
     * @param csrf the form token
     * @param base the tenant's path prefix
     * @param scopes the inventory scopes
     * @param recent recent drift runs
     * @param allUrl all drift runs in Operations
     */
    public record DriftLanding(Frame frame, StartNotice notice, boolean canStart, String csrf, String base, List<Scope> scopes,
            List<DriftRun> recent, String allUrl) {
    }

    /**
     * @param policyId the policy
     * @param name its name
     * @param type its type
     * @param changed the changed settings, or null
     */
    public record Finding(String policyId, String name, String type, String changed) {
    }

    /**
     * @param id the section's id
     * @param heading its heading
     * @param change the change's API name
     * @param findings its findings
     */
    public record FindingSection(String id, String heading, String change, List<Finding> findings) {
    }

    /**
     * @param key a context key
     * @param value its value as text
     */
    public record Entry(String key, String value) {
    }

    /**
     * @param frame the shell
     * @param runUrl the run
     * @param shortId its last digits
     * @param badge its status
     * @param scopeKey the compared scope
     * @param active true while the run is active
     * @param failed true when the run failed (no findings were produced)
     * @param added added policies
     * @param removed removed policies
     * @param changed changed policies
     * @param sections the findings by change
     * @param context the run's context
     */
    public record Findings(Frame frame, String runUrl, String shortId, Badge badge, String scopeKey, boolean active,
            boolean failed, long added, long removed, long changed, List<FindingSection> sections, List<Entry> context) {
    }

    /**
     * @param name the set's name
     * @param url its page
     * @param items its captured policies
     * @param created when it was made
     */
    public record SetRow(String name, String url, long items, When created) {
    }

    /**
     * @param frame the shell
     * @param sets the tenant's backup sets
     */
    public record BackupSets(Frame frame, List<SetRow> sets) {
    }

    /**
     * @param policyId the policy
     * @param name its name
     * @param type its type
     * @param captured when
     * @param runUrl the run that captured it
     */
    public record Item(String policyId, String name, String type, When captured, String runUrl) {
    }

    /**
     * @param policyId the policy
     * @param reason the failure's reason code
     * @param message its sanitized message
     * @param runUrl the run that failed on it
     */
    public record FailedItem(String policyId, String reason, String message, String runUrl) {
    }

    /**
     * @param id the policy
     * @param name its name
     * @param type its type
     */
    public record Policy(String id, String name, String type) {
    }

    /**
     * @param frame the shell
     * @param name the set's name
     * @param id its id
     * @param notice the start notice, or null
     * @param failed policies its recent runs failed to capture, still missing
     * @param items its captured policies
     * @param canStart true when the caller may add policies
     * @param tenantName the tenant
     * @param roleName the caller's role
     * @param formAction the add form's action
     * @param csrf the form token
     * @param catalogue the policies to choose from
     */
    public record BackupSet(Frame frame, String name, String id, StartNotice notice, List<FailedItem> failed, List<Item> items,
            boolean canStart, String tenantName, String roleName, String formAction, String csrf, List<Policy> catalogue) {
    }
}
