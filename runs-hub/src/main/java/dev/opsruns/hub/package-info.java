/**
 * The Operations hub: the monitoring pages over a {@link dev.opsruns.core.RunLedger} (the run list with
 * status tabs, filters, search and paging; a run's detail; the caller's notifications) as one Jakarta
 * servlet that a host mounts behind its own sign-in. Start with {@link dev.opsruns.hub.RunsHub}.
 */
package dev.opsruns.hub;
