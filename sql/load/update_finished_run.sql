-- How a run ended, with its summary.
update runs
set finished_at = $now, status = $status, summary = $summary
where run_id = $run_id
