-- Runs found killed are marked interrupted; the run that found them finishes their work.
update runs
set status = 'interrupted', finished_at = $now
where status = 'running'
