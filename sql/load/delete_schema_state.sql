-- The schema or the reference data are being (re)made: the signature they were made from goes.
delete from schema_state
