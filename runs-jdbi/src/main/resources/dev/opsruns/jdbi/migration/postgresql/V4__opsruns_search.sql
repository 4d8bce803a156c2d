-- The Operations hub's search by initiator (RunFilter.initiator): a tenant's runs started by one user
-- or system component, newest first, without scanning the tenant's other runs.
CREATE INDEX opsruns_runs_initiator_ix ON opsruns_runs (tenant_id, initiator_id, created_at DESC, id DESC);
