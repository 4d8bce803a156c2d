-- Claims: the token of a run's current claim and how many claims it has had. A fenced write applies
-- only WHERE claim_token = its token; a write without a claim only WHERE claim_token IS NULL. The
-- lease needs no column: it is the heartbeat plus the run type's lease time, compared in the claim.
-- Both columns are cheap to add (PostgreSQL 11+ stores a constant default without rewriting the table).
ALTER TABLE opsruns_runs ADD COLUMN claim_token uuid;
ALTER TABLE opsruns_runs ADD COLUMN attempt integer NOT NULL DEFAULT 0;
ALTER TABLE opsruns_runs ADD CONSTRAINT opsruns_runs_claim_ck
    CHECK (attempt >= 0 AND (claim_token IS NULL) = (attempt = 0));
