-- What this database's schema and reference data were last made from: one row, replaced with them.
-- A connection whose files give the same signature skips the DDL and the seed reload (no writes).
create table if not exists schema_state (
    signature           varchar not null,      -- sha256 of sql/ddl, the reference seed and its statements
    applied_at          timestamp not null
);
