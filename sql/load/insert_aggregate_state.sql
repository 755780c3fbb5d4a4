-- The fingerprint of the inputs the aggregates were just built from.
insert into aggregate_state (fingerprint, run_id, built_at)
values ($fingerprint, $run_id, $now)
