-- Claims: the token of a run's current claim and how many claims it has had (see the PostgreSQL
-- migration of the same version for how the store uses them).
ALTER TABLE opsruns_runs ADD COLUMN claim_token UUID;
ALTER TABLE opsruns_runs ADD COLUMN attempt INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE opsruns_runs ADD CONSTRAINT opsruns_runs_claim_ck
    CHECK (attempt >= 0 AND (claim_token IS NULL) = (attempt = 0));
