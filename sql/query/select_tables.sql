-- The shell's .tables: every table and view, by name.
select table_name, table_type
from information_schema.tables
order by table_name
