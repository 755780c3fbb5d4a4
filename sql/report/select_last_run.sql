-- The last run started, when no aggregate suite has passed yet.
select run_id, started_at, status
from runs
order by started_at desc
limit 1
