-- "New failures since your last visit": when each user last marked each tenant visited. One row per
-- (tenant, user), only ever moved forwards; the purge leaves it alone (a visit is not a run's).
CREATE TABLE opsruns_visits (
    tenant_id  VARCHAR(64)                 NOT NULL,
    user_id    VARCHAR(200)                NOT NULL,
    visited_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT opsruns_visits_pk PRIMARY KEY (tenant_id, user_id)
);
