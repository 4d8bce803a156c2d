-- "New failures since your last visit": when each user last marked each tenant visited. One row per
-- (tenant, user), only ever moved forwards; the purge leaves it alone (a visit is not a run's).
CREATE TABLE opsruns_visits (
    tenant_id  varchar(64)  NOT NULL,
    user_id    varchar(200) NOT NULL,
    visited_at timestamptz  NOT NULL,
    CONSTRAINT opsruns_visits_pk PRIMARY KEY (tenant_id, user_id)
);
