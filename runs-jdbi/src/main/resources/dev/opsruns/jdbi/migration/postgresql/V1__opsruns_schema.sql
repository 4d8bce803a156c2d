-- opsruns schema for PostgreSQL (12 or later: stored generated columns).
-- Released migrations are never edited: change the schema with a new V<n>__ file.

CREATE TABLE opsruns_runs (
    id                uuid        NOT NULL,
    tenant_id         varchar(64) NOT NULL,
    run_type          varchar(64) NOT NULL,
    status            varchar(32) NOT NULL,
    idempotency_key   char(64)    NOT NULL,
    initiator_kind    varchar(8)  NOT NULL,
    initiator_id      varchar(200) NOT NULL,
    initiator_name    varchar(200) NOT NULL,
    context           jsonb       NOT NULL,
    total             bigint      NOT NULL DEFAULT 0,
    succeeded         bigint      NOT NULL DEFAULT 0,
    failed            bigint      NOT NULL DEFAULT 0,
    skipped           bigint      NOT NULL DEFAULT 0,
    -- item failures counted by recordItemFailure, and how many of them have a stored row: the
    -- difference is the detail's "and N more" (ProgressDelta.failed is not an item failure record)
    failures_recorded bigint      NOT NULL DEFAULT 0,
    failures_stored   bigint      NOT NULL DEFAULT 0,
    failure_reason    varchar(64),
    failure_message   text,
    created_at        timestamptz NOT NULL,
    started_at        timestamptz,
    finished_at       timestamptz,
    heartbeat_at      timestamptz,
    -- DESIGN §5 in SQL, stored so that filters and counts are plain indexed comparisons (and the
    -- counts can be answered from an index alone); the values are StatusBucket.apiName()
    bucket            varchar(24) GENERATED ALWAYS AS (
                          CASE
                              WHEN status = 'pending' THEN 'queued'
                              WHEN status = 'running' THEN 'running'
                              WHEN status IN ('failed', 'aborted') THEN 'failed'
                              WHEN status = 'completed' AND failed = 0 THEN 'succeeded'
                              WHEN succeeded > 0 THEN 'partially_succeeded'
                              ELSE 'failed'
                          END) STORED,
    CONSTRAINT opsruns_runs_pk PRIMARY KEY (id),
    CONSTRAINT opsruns_runs_status_ck CHECK (status IN ('pending', 'running', 'completed',
        'completed_with_errors', 'failed', 'aborted')),
    CONSTRAINT opsruns_runs_initiator_ck CHECK (initiator_kind IN ('user', 'system')),
    CONSTRAINT opsruns_runs_context_ck CHECK (jsonb_typeof(context) = 'object'),
    CONSTRAINT opsruns_runs_counts_ck CHECK (total >= 0 AND succeeded >= 0 AND failed >= 0 AND skipped >= 0),
    CONSTRAINT opsruns_runs_failures_ck CHECK (failures_stored >= 0 AND failures_recorded >= failures_stored),
    CONSTRAINT opsruns_runs_finished_ck CHECK ((finished_at IS NULL) = (status IN ('pending', 'running'))),
    CONSTRAINT opsruns_runs_running_ck CHECK (status <> 'running'
        OR (started_at IS NOT NULL AND heartbeat_at IS NOT NULL)),
    CONSTRAINT opsruns_runs_failure_ck CHECK (failure_reason IS NULL OR status IN ('failed', 'aborted'))
);

-- At most one active run per (tenant, key) (DESIGN §6). startOrReuse names this predicate in its
-- INSERT ... ON CONFLICT, so the two must stay identical.
CREATE UNIQUE INDEX opsruns_runs_active_key_ux ON opsruns_runs (tenant_id, idempotency_key)
    WHERE status IN ('pending', 'running');
-- The monitoring list, newest first (keyset pagination on (created_at, id)).
CREATE INDEX opsruns_runs_list_ix ON opsruns_runs (tenant_id, created_at DESC, id DESC);
-- The list filtered by run type; with the bucket included, counts filtered by type are index-only too.
CREATE INDEX opsruns_runs_type_ix ON opsruns_runs (tenant_id, run_type, created_at DESC, id DESC) INCLUDE (bucket);
-- The list filtered by bucket.
CREATE INDEX opsruns_runs_bucket_ix ON opsruns_runs (tenant_id, bucket, created_at DESC, id DESC);
-- Bucket counts under type and time filters, answered by an index-only scan even with a generic
-- plan (DESIGN §12).
CREATE INDEX opsruns_runs_counts_ix ON opsruns_runs (tenant_id, created_at, run_type, bucket);
-- The reaper: running runs by heartbeat, pending runs by age.
CREATE INDEX opsruns_runs_stale_ix ON opsruns_runs (heartbeat_at) WHERE status = 'running';
CREATE INDEX opsruns_runs_queued_ix ON opsruns_runs (created_at) WHERE status = 'pending';
-- The retention purge: ended runs by end time.
CREATE INDEX opsruns_runs_purge_ix ON opsruns_runs (finished_at)
    WHERE status IN ('completed', 'completed_with_errors', 'failed', 'aborted');

CREATE TABLE opsruns_item_failures (
    run_id      uuid        NOT NULL,
    -- 1, 2, ... per run in the order they were stored: the detail lists them oldest first
    seq         bigint      NOT NULL,
    item_key    varchar(200) NOT NULL,
    reason_code varchar(64) NOT NULL,
    message     text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    CONSTRAINT opsruns_item_failures_pk PRIMARY KEY (run_id, seq),
    CONSTRAINT opsruns_item_failures_run_fk FOREIGN KEY (run_id) REFERENCES opsruns_runs (id) ON DELETE CASCADE
);

CREATE TABLE opsruns_notifications (
    id           uuid        NOT NULL,
    tenant_id    varchar(64) NOT NULL,
    user_id      varchar(200) NOT NULL,
    run_id       uuid        NOT NULL,
    run_type     varchar(64) NOT NULL,
    kind         varchar(32) NOT NULL,
    title        text        NOT NULL,
    body         text        NOT NULL,
    action_label text        NOT NULL,
    action_url   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    read_at      timestamptz,
    CONSTRAINT opsruns_notifications_pk PRIMARY KEY (id),
    CONSTRAINT opsruns_notifications_kind_ck CHECK (kind IN ('queued', 'reused', 'succeeded',
        'partially_succeeded', 'failed')),
    CONSTRAINT opsruns_notifications_run_fk FOREIGN KEY (run_id) REFERENCES opsruns_runs (id) ON DELETE CASCADE
);

-- A user's inbox, newest first.
CREATE INDEX opsruns_notifications_inbox_ix ON opsruns_notifications (tenant_id, user_id, created_at DESC, id DESC);
-- PostgreSQL does not index foreign keys by itself; the purge's cascade needs this one.
CREATE INDEX opsruns_notifications_run_ix ON opsruns_notifications (run_id);
