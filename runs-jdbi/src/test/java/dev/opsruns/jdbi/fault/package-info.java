/**
 * Fault tests on a real PostgreSQL (tag {@code fault}, run by the {@code fault} Maven profile): a
 * worker JVM killed with SIGKILL, the server stopped and started under load, and the retention purge
 * under traffic. They stop and start the local PostgreSQL cluster, so they need root and
 * {@code pg_ctlcluster}.
 */
package dev.opsruns.jdbi.fault;
