-- Runs still marked running: with the writer lock held, each is a run that was killed.
select run_id
from runs
where status = 'running'
order by started_at
