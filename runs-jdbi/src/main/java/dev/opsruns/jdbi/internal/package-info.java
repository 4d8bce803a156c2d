/**
 * Implementation of runs-jdbi. Nothing in this package is API: it may change in any release without
 * notice. Use {@link dev.opsruns.jdbi.JdbiRunLedger} and {@link dev.opsruns.jdbi.OpsRunsMigrations}.
 */
package dev.opsruns.jdbi.internal;
