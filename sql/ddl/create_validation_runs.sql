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

-- which rows the run checked: 'all' (a full validation) or 'changed' (new and changed rows, and those
-- held in quarantine); databases made before incremental validation gain it (a no-op on new ones)
alter table validation_runs add column if not exists scope varchar;
