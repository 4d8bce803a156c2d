/** Keeps the ledger healthy: the periodic stale-run reaper and retention purge. */
package dev.opsruns.example.maintenance;
