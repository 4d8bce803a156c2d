/**
 * Micrometer meters for opsruns: {@link dev.opsruns.micrometer.OpsRunsMetrics} is a
 * {@link dev.opsruns.core.RunListener} that counts runs started, reused, ended and reaped, times
 * them, gauges the active ones and counts item failures, with bounded tags.
 */
package dev.opsruns.micrometer;
