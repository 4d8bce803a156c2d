-- opsruns schema for H2 2.x (the embedded default). Mirrors the PostgreSQL schema as closely as H2
-- allows; where H2 lacks a feature the comment says what stands in for it.
-- Released migrations are never edited: change the schema with a new V<n>__ file.

CREATE TABLE opsruns_runs (
    id                UUID                        NOT NULL,
    tenant_id         VARCHAR(64)                 NOT NULL,
    run_type          VARCHAR(64)                 NOT NULL,
    status            VARCHAR(32)                 NOT NULL,
    idempotency_key   CHAR(64)                    NOT NULL,
    initiator_kind    VARCHAR(8)                  NOT NULL,
    initiator_id      VARCHAR(200)                NOT NULL,
    initiator_name    VARCHAR(200)                NOT NULL,
    context           JSON                        NOT NULL,
    total             BIGINT                      DEFAULT 0 NOT NULL,
    succeeded         BIGINT                      DEFAULT 0 NOT NULL,
    failed            BIGINT                      DEFAULT 0 NOT NULL,
    skipped           BIGINT                      DEFAULT 0 NOT NULL,
    -- item failures counted by recordItemFailure, and how many of them have a stored row: the
    -- difference is the detail's "and N more" (ProgressDelta.failed is not an item failure record)
    failures_recorded BIGINT                      DEFAULT 0 NOT NULL,
    failures_stored   BIGINT                      DEFAULT 0 NOT NULL,
    failure_reason    VARCHAR(64),
    failure_message   CHARACTER VARYING,
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP(6) WITH TIME ZONE,
    finished_at       TIMESTAMP(6) WITH TIME ZONE,
    heartbeat_at      TIMESTAMP(6) WITH TIME ZONE,
    -- DESIGN §5 in SQL, stored so that filters and counts are plain indexed comparisons; the
    -- values are StatusBucket.apiName()
    bucket            VARCHAR(24) GENERATED ALWAYS AS (
                          CASE
                              WHEN status = 'pending' THEN 'queued'
                              WHEN status = 'running' THEN 'running'
                              WHEN status IN ('failed', 'aborted') THEN 'failed'
                              WHEN status = 'completed' AND failed = 0 THEN 'succeeded'
                              WHEN succeeded > 0 THEN 'partially_succeeded'
                              ELSE 'failed'
                          END),
    -- H2 has no partial index: the key of an active run, NULL once it ended. A unique index over
    -- (tenant_id, active_key) lets NULLs repeat, so it holds exactly for active runs.
    active_key        CHAR(64) GENERATED ALWAYS AS (
                          CASE WHEN status IN ('pending', 'running') THEN idempotency_key END),
    CONSTRAINT opsruns_runs_pk PRIMARY KEY (id),
    CONSTRAINT opsruns_runs_status_ck CHECK (status IN ('pending', 'running', 'completed',
        'completed_with_errors', 'failed', 'aborted')),
    CONSTRAINT opsruns_runs_initiator_ck CHECK (initiator_kind IN ('user', 'system')),
    CONSTRAINT opsruns_runs_counts_ck CHECK (total >= 0 AND succeeded >= 0 AND failed >= 0 AND skipped >= 0),
    CONSTRAINT opsruns_runs_failures_ck CHECK (failures_stored >= 0 AND failures_recorded >= failures_stored),
    CONSTRAINT opsruns_runs_finished_ck CHECK ((finished_at IS NULL) = (status IN ('pending', 'running'))),
    CONSTRAINT opsruns_runs_running_ck CHECK (status <> 'running'
        OR (started_at IS NOT NULL AND heartbeat_at IS NOT NULL)),
    CONSTRAINT opsruns_runs_failure_ck CHECK (failure_reason IS NULL OR status IN ('failed', 'aborted'))
);

-- At most one active run per (tenant, key) (DESIGN §6).
CREATE UNIQUE INDEX opsruns_runs_active_key_ux ON opsruns_runs (tenant_id, active_key);
-- The monitoring list, newest first.
CREATE INDEX opsruns_runs_list_ix ON opsruns_runs (tenant_id, created_at DESC, id DESC);
-- The list filtered by run type.
CREATE INDEX opsruns_runs_type_ix ON opsruns_runs (tenant_id, run_type, created_at DESC, id DESC);
-- The list filtered by bucket.
CREATE INDEX opsruns_runs_bucket_ix ON opsruns_runs (tenant_id, bucket, created_at DESC, id DESC);
-- Bucket counts answered from the index alone.
CREATE INDEX opsruns_runs_counts_ix ON opsruns_runs (tenant_id, created_at, run_type, bucket);
-- The reaper (stale running runs, pending runs never started) and the retention purge.
CREATE INDEX opsruns_runs_heartbeat_ix ON opsruns_runs (status, heartbeat_at);
CREATE INDEX opsruns_runs_queued_ix ON opsruns_runs (status, created_at);
CREATE INDEX opsruns_runs_finished_ix ON opsruns_runs (finished_at);

CREATE TABLE opsruns_item_failures (
    run_id      UUID                        NOT NULL,
    -- 1, 2, ... per run in the order they were stored: the detail lists them oldest first
    seq         BIGINT                      NOT NULL,
    item_key    VARCHAR(200)                NOT NULL,
    reason_code VARCHAR(64)                 NOT NULL,
    message     CHARACTER VARYING           NOT NULL,
    occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT opsruns_item_failures_pk PRIMARY KEY (run_id, seq),
    CONSTRAINT opsruns_item_failures_run_fk FOREIGN KEY (run_id) REFERENCES opsruns_runs (id) ON DELETE CASCADE
);

CREATE TABLE opsruns_notifications (
    id           UUID                        NOT NULL,
    tenant_id    VARCHAR(64)                 NOT NULL,
    user_id      VARCHAR(200)                NOT NULL,
    run_id       UUID                        NOT NULL,
    run_type     VARCHAR(64)                 NOT NULL,
    kind         VARCHAR(32)                 NOT NULL,
    title        CHARACTER VARYING           NOT NULL,
    body         CHARACTER VARYING           NOT NULL,
    action_label CHARACTER VARYING           NOT NULL,
    action_url   CHARACTER VARYING           NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    read_at      TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT opsruns_notifications_pk PRIMARY KEY (id),
    CONSTRAINT opsruns_notifications_kind_ck CHECK (kind IN ('queued', 'reused', 'succeeded',
        'partially_succeeded', 'failed')),
    CONSTRAINT opsruns_notifications_run_fk FOREIGN KEY (run_id) REFERENCES opsruns_runs (id) ON DELETE CASCADE
);

-- A user's inbox, newest first.
CREATE INDEX opsruns_notifications_inbox_ix ON opsruns_notifications (tenant_id, user_id, created_at DESC, id DESC);
-- (H2 indexes the foreign key to opsruns_runs by itself, for the cascade from a purged run.)
