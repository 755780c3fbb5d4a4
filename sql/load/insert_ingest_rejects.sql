-- A batch's rejects, except those already recorded (same input, reason and detail): re-reading a folder
-- or finishing a killed run's work records each problem once.
insert into ingest_rejects by name
with fresh as (
    select distinct on (origin, reason, detail) *
    from new_rejects
)
select *
from fresh
where not exists (
    select 1
    from ingest_rejects r
    where r.origin = fresh.origin
      and r.reason = fresh.reason
      and r.detail is not distinct from fresh.detail
)
