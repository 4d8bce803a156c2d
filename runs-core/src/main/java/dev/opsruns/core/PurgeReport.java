package dev.opsruns.core;

/**
 * What one retention purge removed.
 *
 * @param runsDeleted ended runs deleted (with their failures and notifications)
 * @param batches transactions it took
 */
public record PurgeReport(long runsDeleted, int batches) {
}
