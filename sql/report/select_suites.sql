-- A run's suites in the summary's vocabulary: expectations failed (as Data Docs count them), rows
-- quarantined by this run.
select
    suite,
    success,
    evaluated,
    len(coalesce(failed_expectations, [])) as failed,
    (select count(*) from quarantine as q where q.table_name = v.suite and q.run_id = v.run_id) as quarantined
from validation_runs as v
where run_id = $run_id
order by validated_at
