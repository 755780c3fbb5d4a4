-- The incidents a run validates: those created or updated by runs that have not validated incidents
-- yet, and those held in quarantine (a fix releases them).
with validated as (
    select distinct run_id from validation_runs where suite = 'incidents'
)
select incident_id as row_key
from incidents
where updated_run not in (select run_id from validated)
union
select row_key from quarantine where table_name = 'incidents'
