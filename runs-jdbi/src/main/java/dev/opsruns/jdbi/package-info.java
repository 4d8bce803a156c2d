/**
 * The durable opsruns store on H2 and PostgreSQL: {@link dev.opsruns.jdbi.JdbiRunLedger} implements
 * {@link dev.opsruns.core.RunLedger} over any {@link javax.sql.DataSource}, and
 * {@link dev.opsruns.jdbi.OpsRunsMigrations} creates and upgrades its tables with Flyway migrations
 * shipped in this jar (their own history table, so they sit beside the host's migrations).
 *
 * <p>Typical wiring:
 * <pre>{@code
 * OpsRunsMigrations.migrate(dataSource);
 * RunLedger ledger = JdbiRunLedger.create(dataSource, RunsConfig.defaults());
 * }</pre>
 */
package dev.opsruns.jdbi;
