-- Rows that failed a row-level expectation: kept here, out of the aggregates, re-validated every run.
create table if not exists quarantine (
    table_name          varchar not null,
    row_key             varchar not null,
    expectations        varchar[] not null,
    offending_values    json,
    run_id              varchar not null,
    quarantined_at      timestamp not null,
    primary key (table_name, row_key)
);
