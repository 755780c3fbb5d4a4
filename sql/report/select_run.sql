-- One run, by id.
select run_id, started_at, status
from runs
where run_id = $run_id
