-- The signature the schema was last made from (no row: never, or the reference data were reloaded since).
select signature from schema_state
