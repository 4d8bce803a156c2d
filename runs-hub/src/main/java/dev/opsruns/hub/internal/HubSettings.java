package dev.opsruns.hub.internal;

import dev.opsruns.core.RunLedger;
import dev.opsruns.hub.spi.HubCallers;
import dev.opsruns.hub.spi.HubHost;
import java.time.Duration;

/**
 * The hub's settings, as the public builder validated them.
 *
 * @param ledger the ledger shown
 * @param callers who is calling
 * @param host the host's names and links
 * @param basePath the mount path, empty or {@code /x} without a trailing slash
 * @param heartbeatLateAfter when a running run's heartbeat counts as late
 * @param pageSize default rows per list page
 * @param refreshSeconds seconds between live refreshes
 * @param retention how far back a statistics window may reach
 */
public record HubSettings(RunLedger ledger, HubCallers callers, HubHost host, String basePath, Duration heartbeatLateAfter,
        int pageSize, int refreshSeconds, Duration retention) {
}
