-- One row per checkpoint run of a suite.
create table if not exists validation_runs (
    run_id              varchar not null,
    suite               varchar not null,
    success             boolean not null,
    evaluated           integer not null,
    failed              integer not null,
    failed_expectations varchar[],
    docs_path           varchar,
    validated_at        timestamp not null
);
