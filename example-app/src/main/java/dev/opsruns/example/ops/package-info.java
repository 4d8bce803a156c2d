/**
 * Operability: one log line per run transition ({@link dev.opsruns.example.ops.TransitionLog}) and the
 * health check behind {@code GET /health} ({@link dev.opsruns.example.ops.HealthCheck}).
 */
package dev.opsruns.example.ops;
