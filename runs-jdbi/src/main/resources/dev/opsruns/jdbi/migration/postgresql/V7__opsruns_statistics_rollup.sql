-- The statistics rollup (issue 20): per tenant, hour and run type, what the statistics read needs of the
-- runs of that hour, so a 30-day read touches one row per type and hour instead of every run. Rows are
-- written by the statistics read itself, the first time it needs a settled hour; nothing on the write
-- path touches these tables. durations and latencies are logarithmic histograms in text form
-- ("max;bin:count,..."), reasons "code:runs,...". An hour without runs has no row: the tenant's mark
-- says which hours were rolled up, as one range [rolled_from, rolled_to).
-- A host that deletes runs itself (not through the purge) deletes the tenant's rows of both tables too.
CREATE TABLE opsruns_statistics_hours (
    tenant_id           TEXT                        NOT NULL,
    hour_start          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    run_type            TEXT                        NOT NULL,
    created             BIGINT                      NOT NULL,
    succeeded           BIGINT                      NOT NULL,
    partially_succeeded BIGINT                      NOT NULL,
    failed              BIGINT                      NOT NULL,
    durations           TEXT,
    latencies           TEXT,
    reasons             TEXT,
    PRIMARY KEY (tenant_id, hour_start, run_type)
);

-- the purge drops every tenant's hours before its cutoff
CREATE INDEX opsruns_statistics_hours_purge_ix ON opsruns_statistics_hours (hour_start);

CREATE TABLE opsruns_statistics_marks (
    tenant_id   TEXT                        PRIMARY KEY,
    rolled_from TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    rolled_to   TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
