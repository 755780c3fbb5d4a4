-- One row per pipeline run: what it read and how it ended.
create table if not exists runs (
    run_id          varchar primary key,
    started_at      timestamp not null,
    finished_at     timestamp,
    status          varchar not null,          -- running | completed | failed
    sources         varchar[],
    summary         json
);
