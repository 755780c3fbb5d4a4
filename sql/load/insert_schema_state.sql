-- The signature of the files the schema and the reference data were just made from.
insert into schema_state (signature, applied_at)
values ($signature, $now)
