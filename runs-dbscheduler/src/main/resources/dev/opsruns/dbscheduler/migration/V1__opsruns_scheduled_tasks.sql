-- db-scheduler's table (its PostgreSQL definition, version 16), under opsruns' own name so that a host
-- already running db-scheduler keeps its scheduled_tasks to itself. One row per dispatched run:
-- task_name 'opsruns-run', task_instance the run id; the primary key makes re-dispatching a no-op.
-- Released migrations are never edited: change the table with a new V<n>__ file.
CREATE TABLE opsruns_scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    CONSTRAINT opsruns_scheduled_tasks_pk PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX opsruns_scheduled_tasks_execution_time_ix ON opsruns_scheduled_tasks (execution_time);
CREATE INDEX opsruns_scheduled_tasks_last_heartbeat_ix ON opsruns_scheduled_tasks (last_heartbeat);
CREATE INDEX opsruns_scheduled_tasks_priority_ix ON opsruns_scheduled_tasks (priority DESC, execution_time ASC);
