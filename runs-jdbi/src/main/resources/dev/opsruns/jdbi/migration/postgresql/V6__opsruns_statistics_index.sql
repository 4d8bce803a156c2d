-- The statistics read (issue 20): a tenant's runs that ended in a window and those that started in one,
-- each read by an index-only range scan on (tenant, time) that carries every column the statistics
-- read, so the read visits no table pages however the tenant's runs are spread over them.
-- Partial, so a start's insert (a pending run has neither time) adds no entry to either; markRunning
-- adds one to the started index, the end one to each (and so does any later update that cannot be HOT).
CREATE INDEX opsruns_runs_ended_stats_ix ON opsruns_runs (tenant_id, finished_at)
    INCLUDE (run_type, bucket, started_at, failure_reason) WHERE finished_at IS NOT NULL;
CREATE INDEX opsruns_runs_started_stats_ix ON opsruns_runs (tenant_id, started_at)
    INCLUDE (run_type, bucket, created_at) WHERE started_at IS NOT NULL;
