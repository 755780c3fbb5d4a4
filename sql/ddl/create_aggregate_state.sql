-- What the aggregates (sql/models, lagged_correlation) were last built from: one row, replaced with them.
-- A run whose inputs have the same fingerprint keeps them instead of building them again.
create table if not exists aggregate_state (
    fingerprint         varchar not null,      -- sha256 of select_aggregate_inputs.sql, the settings, models and suite
    run_id              varchar not null,
    built_at            timestamp not null
);
