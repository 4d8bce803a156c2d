/**
 * Dispatch of opsruns runs through db-scheduler, on PostgreSQL only: {@link
 * dev.opsruns.dbscheduler.DbSchedulerDispatcher} turns each started run into a db-scheduler one-time
 * execution keyed by the run id, claims the run on the worker that picks it up and runs the host's
 * {@link dev.opsruns.dbscheduler.RunHandler} for its type; {@link
 * dev.opsruns.dbscheduler.DbSchedulerMigrations} creates its table.
 */
package dev.opsruns.dbscheduler;
