/**
 * The hub's implementation: routing, page models and precompiled templates. No compatibility promise:
 * hosts use {@link dev.opsruns.hub.RunsHub} and the {@code spi} package only.
 */
package dev.opsruns.hub.internal;
