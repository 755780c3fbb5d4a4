-- Whether a table or view exists: the report reads a database at any stage, even before the first run.
select count(*)
from information_schema.tables
where table_name = $name
