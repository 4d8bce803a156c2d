-- Reuse policies (issue 19): a start whose insert succeeded looks for the most recent ENDED run of the
-- same (tenant, key), ended at or after a cutoff and in some buckets: the newest end of the key first.
-- H2 has no partial indexes; active runs have a NULL finished_at and sort apart.
CREATE INDEX opsruns_runs_prior_ix ON opsruns_runs (tenant_id, idempotency_key, finished_at DESC, id DESC);
