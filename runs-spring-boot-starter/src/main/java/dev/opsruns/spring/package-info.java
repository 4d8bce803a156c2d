/**
 * The opsruns Spring Boot starter: auto-configuration of the ledger over the application's
 * {@code DataSource} ({@link dev.opsruns.spring.OpsRunsAutoConfiguration}), Micrometer meters
 * ({@link dev.opsruns.spring.OpsRunsMetricsAutoConfiguration}) and a health indicator
 * ({@link dev.opsruns.spring.OpsRunsHealthAutoConfiguration}), set by the {@code opsruns.*}
 * properties ({@link dev.opsruns.spring.OpsRunsProperties}).
 */
package dev.opsruns.spring;
