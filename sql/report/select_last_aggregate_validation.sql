-- The last run whose aggregate suite passed: the run the models in the database came from.
select run_id
from validation_runs
where suite = 'attacks_vs_losses' and success
order by validated_at desc
limit 1
