package dev.opsruns.core;

/**
 * The view-only monitoring side. Every read is scoped to one tenant and checked
 * against the access policy for the principal. There is no rerun, cancel or delete here.
 */
public interface RunQueries {

    /**
     * Lists a tenant's runs, newest first ({@code createdAt}, then id), a page at a time.
     *
     * @param principal the caller
     * @param tenantId the tenant
     * @param filter which runs
     * @param page the page size and cursor
     * @return the page
     * @throws RunAccessDeniedException when the caller has no view access to the tenant
     * @throws InvalidRunInputException when an argument is null or the cursor is not one this
     *     listing issued (tampered, or from another tenant or filter)
     */
    RunPage list(Principal principal, TenantId tenantId, RunFilter filter, PageRequest page);

    /**
     * Counts a tenant's runs per bucket. The filter's own bucket set is ignored: the counts are the
     * tabs that choose a bucket.
     *
     * @param principal the caller
     * @param tenantId the tenant
     * @param filter which runs (run types and time range)
     * @return the counts, every bucket present
     * @throws RunAccessDeniedException when the caller has no view access to the tenant
     */
    BucketCounts countByBucket(Principal principal, TenantId tenantId, RunFilter filter);

    /**
     * Reads one run's detail: the run, stored item failures and how many more were omitted, and the
     * related links of its run type.
     *
     * @param principal the caller
     * @param tenantId the tenant the caller is looking at
     * @param runId the run
     * @return the detail
     * @throws RunAccessDeniedException when the caller has no view access to the tenant
     * @throws RunNotFoundException when no such run exists in this tenant (also when it exists in
     *     another)
     */
    RunDetail detail(Principal principal, TenantId tenantId, RunId runId);
}
