-- Reuse policies (issue 19): a start whose insert succeeded looks for the most recent ENDED run of the
-- same (tenant, key), ended at or after a cutoff and in some buckets. This index answers it with one
-- descent: the newest end of the key first. Partial, so active runs (already in the unique index) stay out.
CREATE INDEX opsruns_runs_prior_ix ON opsruns_runs (tenant_id, idempotency_key, finished_at DESC, id DESC)
    WHERE finished_at IS NOT NULL;
