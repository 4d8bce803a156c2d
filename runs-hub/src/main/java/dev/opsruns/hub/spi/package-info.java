/**
 * What a host supplies to the hub: who the caller is ({@link dev.opsruns.hub.spi.HubCallers}) and the
 * host's own pages the hub links to ({@link dev.opsruns.hub.spi.HubHost}, {@link dev.opsruns.hub.spi.HostLink}).
 */
package dev.opsruns.hub.spi;
