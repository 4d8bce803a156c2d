/**
 * Background jobs: the {@link dev.opsruns.example.jobs.JobDispatcher} seam, the in-process worker pool
 * behind it, the runner that turns a run id into the right {@link dev.opsruns.example.jobs.RunJob},
 * and the start-up recovery of runs a previous process left pending. A job carries only its run id.
 */
package dev.opsruns.example.jobs;
