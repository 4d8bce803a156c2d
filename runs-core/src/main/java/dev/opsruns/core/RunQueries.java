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

    /**
     * Per run type, what the tenant's runs did in a window: runs started and ended by bucket, success,
     * partial and failure rates, duration and queue-latency percentiles, the top failure reason codes,
     * and a time series of runs ended per bucket with the 95th percentile duration. See
     * {@link RunTypeStatistics} for what each figure counts.
     *
     * @param principal who asks; needs a role in the tenant, like {@link #list}
     * @param tenantId the tenant
     * @param filter run types and buckets to include; its time bounds (createdAt and endedFrom) must be unset
     *     (the window is the range)
     * @param window the time range and the slot length of the series
     * @return the statistics, one entry per run type with anything in the window, by run type
     * @throws InvalidRunInputException when an argument is null, the filter has time bounds, or the window
     *     starts in the future
     * @throws RunAccessDeniedException when the principal may not view the tenant
     */
    RunStatistics statistics(Principal principal, TenantId tenantId, RunFilter filter, StatisticsWindow window);

    /**
     * How many of the tenant's runs failed since this user last marked the tenant visited: runs that
     * ended in the {@link StatusBucket#FAILED} bucket with {@code finishedAt} at or after the visit. The
     * same runs are listed by {@link #list} with {@code bucket = FAILED} and
     * {@link RunFilter#withEndedFrom endedFrom} = the visit. Reads only; the visit stays as it was.
     *
     * @param principal the user asking; visits belong to users, so not a {@link Principal#systemReader}
     * @param tenantId the tenant
     * @return the last visit and the failures since it; no visit and 0 before the first visit
     * @throws InvalidRunInputException when an argument is null or the principal is a system reader
     * @throws RunAccessDeniedException when the principal may not view the tenant
     */
    NewFailures newFailures(Principal principal, TenantId tenantId);

    /**
     * Records that this user has seen the tenant's runs now (the configured clock's time). A visit
     * never moves backwards: when a later visit is already stored (a clock behind another instance's,
     * say), that one stays.
     *
     * @param principal the user visiting; not a {@link Principal#systemReader}
     * @param tenantId the tenant
     * @throws InvalidRunInputException when an argument is null or the principal is a system reader
     * @throws RunAccessDeniedException when the principal may not view the tenant
     */
    void markVisited(Principal principal, TenantId tenantId);
}
