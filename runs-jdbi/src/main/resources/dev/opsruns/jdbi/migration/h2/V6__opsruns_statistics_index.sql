-- The statistics read (issue 20): a tenant's runs that ended in a window and those that started in one,
-- by a range on (tenant, time). H2 has neither partial indexes nor INCLUDE: the same keys, every row.
CREATE INDEX opsruns_runs_ended_stats_ix ON opsruns_runs (tenant_id, finished_at);
CREATE INDEX opsruns_runs_started_stats_ix ON opsruns_runs (tenant_id, started_at);
