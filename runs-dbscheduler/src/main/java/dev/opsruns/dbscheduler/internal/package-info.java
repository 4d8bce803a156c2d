/**
 * The implementation behind {@link dev.opsruns.dbscheduler.DbSchedulerDispatcher}. No compatibility
 * promise: nothing here is API.
 */
package dev.opsruns.dbscheduler.internal;
