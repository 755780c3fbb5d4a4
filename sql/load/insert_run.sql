-- A run starts.
insert into runs (run_id, started_at, finished_at, status, sources, summary)
values ($run_id, $now, null, 'running', $sources, null)
